import { beforeEach, describe, expect, it } from "vitest";
import { buildStartPayload, initialState } from "../src/chat-state";
import { chatKey, clearChat, defaultStore, get, getVisitorId, loadChat, openKey, put, saveChat, storedUnread, VISITOR_KEY } from "../src/storage";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("storage", () => {
  beforeEach(() => localStorage.clear());
  const store = () => defaultStore();

  it("creates the visitor id once and keeps it", () => {
    const a = getVisitorId(store());
    expect(a).toMatch(UUID_RE);
    expect(localStorage.getItem(VISITOR_KEY)).toBe(a);
    expect(getVisitorId(store())).toBe(a);
  });

  it("saves, loads and clears the chat of an assistant under kremna:chat:<id>", () => {
    saveChat(store(), "asst", { chatId: "c1", visitorToken: "t1", seenSeq: 4, unread: 2 });
    expect(JSON.parse(localStorage.getItem(chatKey("asst"))!)).toEqual({ chatId: "c1", visitorToken: "t1", seenSeq: 4, unread: 2 });
    expect(chatKey("asst")).toBe("kremna:chat:asst");
    expect(loadChat(store(), "asst")).toEqual({ chatId: "c1", visitorToken: "t1", seenSeq: 4, unread: 2 });
    expect(loadChat(store(), "other")).toBeNull();
    clearChat(store(), "asst");
    expect(loadChat(store(), "asst")).toBeNull();
  });

  it("ignores corrupt entries", () => {
    localStorage.setItem(chatKey("a"), "{not json");
    expect(loadChat(store(), "a")).toBeNull();
    localStorage.setItem(chatKey("a"), JSON.stringify({ chatId: "c1" }));
    expect(loadChat(store(), "a")).toBeNull();
    localStorage.setItem(chatKey("a"), JSON.stringify({ chatId: "c1", visitorToken: "t", seenSeq: "5", unread: -1 }));
    expect(loadChat(store(), "a")).toEqual({ chatId: "c1", visitorToken: "t" });
  });

  it("gives the loader the unread count and the open flag, and never throws", () => {
    expect(storedUnread("a")).toBe(0);
    saveChat(store(), "a", { chatId: "c", visitorToken: "t", unread: 3 });
    expect(storedUnread("a")).toBe(3);
    for (const junk of ["{not json", "null", '{"unread":"x"}', '{"unread":-2}']) {
      localStorage.setItem(chatKey("a"), junk);
      expect(storedUnread("a")).toBe(0);
    }
    expect(openKey("a")).toBe("kremna:open:a");
    put(openKey("a"), "1");
    expect(get(openKey("a"))).toBe("1");
    put(openKey("a"), null);
    expect(get(openKey("a"))).toBeNull();
  });

  it("builds the start_chat resume payload from what is stored", () => {
    saveChat(store(), "asst", { chatId: "c1", visitorToken: "t1", seenSeq: 9 });
    const visitorId = getVisitorId(store());
    expect(buildStartPayload("asst", visitorId, loadChat(store(), "asst"), initialState)).toEqual({
      assistantId: "asst",
      visitorId,
      chatId: "c1",
      visitorToken: "t1",
    });
  });

  it("survives a storage that throws", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(getVisitorId(broken)).toMatch(UUID_RE);
    expect(loadChat(broken, "a")).toBeNull();
    expect(() => saveChat(broken, "a", { chatId: "c", visitorToken: "t" })).not.toThrow();
    expect(() => clearChat(broken, "a")).not.toThrow();
  });
});
