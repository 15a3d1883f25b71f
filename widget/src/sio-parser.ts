/**
 * The Socket.IO packet parser (protocol v5) for JSON payloads only. chat.js is built with this
 * module in place of `socket.io-parser` (see scripts/build.mjs): the widget never sends or
 * receives binary attachments, and the stock parser's binary support costs about 1.4 KB gzip
 * of a 20 KB budget. Same packet strings and the same validation as the stock parser
 * (test/sio-parser.test.ts compares the two); a binary packet is refused like any invalid
 * one, which socket.io-client treats as a parse error (it closes and reconnects).
 */
import { Emitter } from "@socket.io/component-emitter";

export const protocol = 5;

export const PacketType = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
} as const;

export interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

/** Event names with a meaning of their own: a server can't emit them. */
const RESERVED = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

const isObject = (v: unknown): boolean => Object.prototype.toString.call(v) === "[object Object]";

function validPayload(type: number, d: unknown): boolean {
  switch (type) {
    case PacketType.CONNECT:
      return isObject(d);
    case PacketType.EVENT:
      return Array.isArray(d) && (typeof d[0] === "number" || (typeof d[0] === "string" && !RESERVED.includes(d[0])));
    case PacketType.ACK:
      return Array.isArray(d);
    case PacketType.CONNECT_ERROR:
      return typeof d === "string" || isObject(d);
    default:
      return false; // DISCONNECT carries nothing
  }
}

export class Encoder {
  /** `<type>[<nsp>,][<ack id>][<JSON>]`, e.g. `21["send_message",{…}]`. */
  encode(p: Packet): string[] {
    return [`${p.type}${p.nsp && p.nsp !== "/" ? `${p.nsp},` : ""}${p.id ?? ""}${p.data != null ? JSON.stringify(p.data) : ""}`];
  }
}

export class Decoder extends Emitter<Record<string, never>, Record<string, never>, { decoded: (p: Packet) => void }> {
  add(raw: unknown): void {
    const m = typeof raw === "string" ? /^([0-4])(\/[^,]*,?)?(\d*)([\s\S]*)$/.exec(raw) : null;
    if (!m) throw new Error("invalid packet");
    const p: Packet = { type: Number(m[1]), nsp: m[2] ? m[2].replace(/,$/, "") : "/" };
    if (m[3]) p.id = Number(m[3]);
    if (m[4]) {
      let data: unknown;
      try {
        data = JSON.parse(m[4]);
      } catch {
        data = false; // invalid for every packet type
      }
      if (!validPayload(p.type, data)) throw new Error("invalid payload");
      p.data = data;
    }
    this.emitReserved("decoded", p);
  }

  destroy(): void {}
}
