import { afterEach, describe, expect, it, vi } from "vitest";
import { buildStartPayload, initialState } from "../src/chat-state";
import { identityOf } from "../src/identity";

const HASH = "0123456789abcdef".repeat(4);

afterEach(() => vi.restoreAllMocks());

describe("identityOf", () => {
  it("keeps a well-formed identity as given", () => {
    expect(identityOf({ userId: "u-1", name: " Ayşe ", email: "ayse@example.com", userHash: HASH })).toEqual({
      userId: "u-1",
      name: "Ayşe",
      email: "ayse@example.com",
      userHash: HASH,
    });
  });

  it("takes numeric ids as their decimal text", () => {
    expect(identityOf({ userId: 42 })).toEqual({ userId: "42" });
  });

  it("sends no identity without a usable userId", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const raw of [null, "u-1", {}, { userId: "" }, { userId: " " }, { userId: "x".repeat(256) }, { userId: "a\nb" }, { userId: 1.5 }]) {
      expect(identityOf(raw)).toBeNull();
    }
    expect(warn).toHaveBeenCalled();
  });

  it("drops fields the server would refuse, with a note, instead of failing the chat", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(identityOf({ userId: "u-1", name: "n".repeat(201), email: "not-an-email", userHash: "xyz" })).toEqual({
      userId: "u-1",
    });
    expect(warn).toHaveBeenCalledTimes(3);
    expect(identityOf({ userId: "u-1", email: "", userHash: "" })).toEqual({ userId: "u-1" });
    expect(warn).toHaveBeenCalledTimes(3); // empty means "not given"
  });
});

describe("start_chat payload", () => {
  it("carries the identity for a new chat only", () => {
    const who = { userId: "u-1", userHash: HASH };
    expect(buildStartPayload("a", "v", null, initialState, who).identity).toEqual(who);
    const resumed = buildStartPayload("a", "v", { chatId: "c", visitorToken: "t" }, initialState, who);
    expect(resumed.identity).toBeUndefined();
    expect(resumed.chatId).toBe("c");
  });
});
