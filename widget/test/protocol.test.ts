import { describe, expect, it } from "vitest";
import { charCount, isChatStarted, isDelta, isWireMessage, toAck } from "../src/protocol";
import { uuid } from "../src/uuid";

describe("toAck", () => {
  it("passes ok acks through and normalises refusals", () => {
    expect(toAck({ ok: true, message: 1 })).toEqual({ ok: true, message: 1 });
    expect(toAck({ ok: false, error: { code: "rate_limited", message: "m", retryAfter: 3 } })).toEqual({
      ok: false,
      error: { code: "rate_limited", message: "m", retryAfter: 3 },
    });
    expect(toAck(undefined)).toEqual({ ok: false, error: { code: "internal_error" } });
  });
});

describe("guards", () => {
  it("recognise protocol payloads", () => {
    expect(isWireMessage({ id: "1", role: "assistant", content: "x" })).toBe(true);
    expect(isWireMessage({ id: "1", role: "system", content: "x" })).toBe(false);
    expect(isChatStarted({ chatId: "c", visitorToken: "t" })).toBe(true);
    expect(isChatStarted({ chatId: "c" })).toBe(false);
    expect(isDelta({ chatId: "c", messageId: "m", index: 0, delta: "a" })).toBe(true);
    expect(isDelta({ chatId: "c", messageId: "m", index: -1, delta: "a" })).toBe(false);
    expect(isDelta({ chatId: "c", messageId: "m", index: 1.5, delta: "a" })).toBe(false);
    expect(isDelta({ chatId: "c", messageId: "m", index: 0, attempt: 2, delta: "a" })).toBe(true);
    expect(isDelta({ chatId: "c", messageId: "m", index: 0, attempt: 0, delta: "a" })).toBe(false);
    expect(isDelta({ chatId: "c", messageId: "m", index: 0, attempt: "2", delta: "a" })).toBe(false);
  });
});

describe("charCount", () => {
  it("counts code points like the server, not UTF-16 units", () => {
    expect(charCount("abc")).toBe(3);
    expect(charCount("😀😀")).toBe(2);
    expect("😀😀".length).toBe(4);
  });
});

describe("uuid", () => {
  it("is a v4 uuid, also without crypto.randomUUID", () => {
    const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(uuid()).toMatch(re);
    const c = globalThis.crypto as { randomUUID?: unknown };
    const orig = c.randomUUID;
    Object.defineProperty(c, "randomUUID", { value: undefined, configurable: true });
    try {
      expect(uuid()).toMatch(re);
      expect(uuid()).not.toBe(uuid());
    } finally {
      Object.defineProperty(c, "randomUUID", { value: orig, configurable: true });
    }
  });
});
