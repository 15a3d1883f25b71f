/**
 * chat.js is built with src/sio-parser.ts in place of socket.io-parser (no binary support).
 * Property: for every packet the widget can send or receive, it writes and reads exactly
 * what the stock parser writes and reads, and refuses what the stock parser refuses.
 */
import * as stock from "socket.io-parser";
import { describe, expect, it } from "vitest";
import * as ours from "../src/sio-parser";

const packets: ours.Packet[] = [
  { type: 0, nsp: "/" },
  { type: 0, nsp: "/", data: { token: "x" } },
  { type: 0, nsp: "/agents", data: { token: "x" } },
  { type: 1, nsp: "/" },
  { type: 2, nsp: "/", data: ["start_chat", { assistantId: "a", lastSeq: 3 }] },
  { type: 2, nsp: "/", id: 0, data: ["send_message", { chatId: "c", content: 'quote " \\ ünïcødé 🙂 , 12 [x]' }] },
  { type: 2, nsp: "/", id: 1234, data: ["start_chat", {}] },
  { type: 2, nsp: "/admin", id: 7, data: ["x", null, 1, true] },
  { type: 3, nsp: "/", id: 5, data: [{ ok: true, message: { id: "m", seq: 9 } }] },
  { type: 3, nsp: "/", id: 6, data: [] },
  { type: 4, nsp: "/", data: { message: "invalid_token" } },
  { type: 4, nsp: "/", data: "not authorized" },
];

function stockDecode(raw: string): unknown {
  const d = new stock.Decoder();
  let out: unknown;
  d.on("decoded", (p: unknown) => (out = p));
  d.add(raw);
  return out;
}

function ourDecode(raw: unknown): unknown {
  const d = new ours.Decoder();
  let out: unknown;
  d.on("decoded", (p: unknown) => (out = p));
  d.add(raw);
  return out;
}

describe("JSON-only socket.io parser", () => {
  it("has the stock protocol version and packet types", () => {
    expect(ours.protocol).toBe(stock.protocol);
    for (const [name, n] of Object.entries(ours.PacketType)) expect(stock.PacketType[name as keyof typeof stock.PacketType]).toBe(n);
  });

  it("encodes every packet exactly as the stock parser does", () => {
    for (const p of packets) expect(new ours.Encoder().encode(p), JSON.stringify(p)).toEqual(new stock.Encoder().encode(p));
  });

  it("decodes every packet (and what the server sends) exactly as the stock parser does", () => {
    const wire = [
      ...packets.map((p) => new stock.Encoder().encode(p)[0] as string),
      '0{"sid":"abc"}',
      // (engine.io has already taken its own "4" message prefix off)
      '2["new_message",{"id":"m","seq":4}]',
      '31["x"]',
      "2/agents,",
      "0/agents",
      '2/agents,12["e"]',
    ];
    for (const raw of wire) expect(ourDecode(raw), raw).toEqual(stockDecode(raw));
  });

  it("refuses what the stock parser refuses", () => {
    const bad = [
      "9",
      "x",
      '2{"not":"an array"}',
      '2["connect"]',
      '2["disconnect"]',
      "2[{}]",
      '3{"a":1}',
      '0"str"',
      '1["x"]',
      "2[broken",
      '4[1]',
    ];
    for (const raw of bad) {
      expect(() => stockDecode(raw), `stock refuses ${raw}`).toThrow();
      expect(() => ourDecode(raw), `ours refuses ${raw}`).toThrow();
    }
  });

  it("is stricter than the stock parser on degenerate input no server sends", () => {
    // stock: "" is a CONNECT without data, and blanks after the type read as ack id 0
    expect(stockDecode("")).toEqual({ type: 0, nsp: "/" });
    expect(() => ourDecode("")).toThrow();
    expect(ourDecode('2  ["e"]')).toEqual({ type: 2, nsp: "/", data: ["e"] });
  });

  it("refuses binary packets, which the widget never uses (socket.io-client then reconnects)", () => {
    expect(() => ourDecode('51-["e",{"_placeholder":true,"num":0}]')).toThrow();
    expect(() => ourDecode(new ArrayBuffer(4))).toThrow();
  });
});
