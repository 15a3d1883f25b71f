import type { SocketLike } from "../src/panel";

type Listener = (...args: unknown[]) => void;
export interface Emitted {
  event: string;
  payload: Record<string, unknown>;
  ack: (err: Error | null, res: unknown) => void;
}

/** Stands in for a socket.io-client Socket: records emits, lets the test play the server. */
export class FakeSocket implements SocketLike {
  connected = false;
  active = true;
  emitted: Emitted[] = [];
  private listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  timeout(_ms: number) {
    return {
      emit: (event: string, payload: unknown, ack: Emitted["ack"]) => {
        this.emitted.push({ event, payload: payload as Record<string, unknown>, ack });
      },
    };
  }

  fire(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }

  connects = 0;

  /** Client-side (re)connect: the test then plays the connection with `up()`. */
  connect(): this {
    this.connects++;
    this.active = true;
    return this;
  }

  disconnects = 0;

  /** Client-side disconnect: Socket.IO does not reconnect after it. */
  disconnect(): this {
    this.disconnects++;
    this.active = false;
    if (this.connected) this.down("io client disconnect");
    return this;
  }

  up(): void {
    this.connected = true;
    this.fire("connect");
  }

  down(reason = "transport close"): void {
    this.connected = false;
    this.fire("disconnect", reason);
  }

  last(event: string): Emitted {
    const e = this.emitted.filter((x) => x.event === event).pop();
    if (!e) throw new Error(`no ${event} emitted`);
    return e;
  }

  count(event: string): number {
    return this.emitted.filter((x) => x.event === event).length;
  }
}
