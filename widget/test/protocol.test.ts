import { describe, expect, it } from "vitest";
import { charCount, errorText, isChatStarted, isDelta, isWireMessage, startErrorText, toAck } from "../src/protocol";
import { uuid } from "../src/uuid";

describe("errorText", () => {
  it("rate limited says when to retry", () => {
    expect(errorText({ code: "rate_limited", message: "Too many.", retryAfter: 12 })).toBe(
      "You're sending messages too fast — try again in 12 s",
    );
    expect(errorText({ code: "rate_limited", retryAfter: 0.2 })).toBe("You're sending messages too fast — try again in 1 s");
    expect(errorText({ code: "rate_limited", retryAfter: 150 })).toBe("You're sending messages too fast — try again in 3 min");
  });

  it("a refused start (too many new chats per network) says it retries, in minutes when long", () => {
    expect(startErrorText({ code: "rate_limited", retryAfter: 2800 })).toBe(
      "Too many chats started from your network — trying again in 47 min.",
    );
    expect(startErrorText({ code: "rate_limited", retryAfter: 30 })).toBe(
      "Too many chats started from your network — trying again in 30 s.",
    );
    expect(startErrorText({ code: "internal_error", message: "Broke." })).toBe("Broke.");
  });
  it("uses the server sentence otherwise", () => {
    expect(errorText({ code: "internal_error", message: "Something broke on our side." })).toBe("Something broke on our side.");
    expect(errorText({ code: "weird" })).toBe("Something went wrong — please try again.");
    expect(errorText({ code: "message_too_long" })).toMatch(/4000/);
  });
});

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
