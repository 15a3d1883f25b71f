import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { Chat } from "../../../api/types";
import { chat, chatSummary, message } from "../../../test/fixtures";
import { removeChatFromCache, upsertMessageInCache, type ChatPages } from "./cache";
import { chatKeys } from "./keys";
import { NO_FILTERS } from "../lib/filters";

describe("chat cache helpers (for mutations and live updates)", () => {
  it("removes a chat from every cached list page and forgets its transcript", () => {
    const qc = new QueryClient();
    const pages: ChatPages = {
      pages: [
        { data: [chatSummary(1), chatSummary(2)], has_more: true, next_cursor: "x" },
        { data: [chatSummary(3)], has_more: false },
      ],
      pageParams: [undefined, "x"],
    };
    qc.setQueryData(chatKeys.list(NO_FILTERS), pages);
    qc.setQueryData(chatKeys.list({ ...NO_FILTERS, assistantId: "a" }), { pages: [{ data: [chatSummary(2)], has_more: false }], pageParams: [undefined] });
    qc.setQueryData(chatKeys.detail(chatSummary(2).id), chat());

    removeChatFromCache(qc, chatSummary(2).id);

    expect(qc.getQueryData<ChatPages>(chatKeys.list(NO_FILTERS))?.pages.flatMap((p) => p.data.map((c) => c.title))).toEqual([
      "Chat number 1",
      "Chat number 3",
    ]);
    expect(qc.getQueryData<ChatPages>(chatKeys.list({ ...NO_FILTERS, assistantId: "a" }))?.pages[0]?.data).toEqual([]);
    expect(qc.getQueryData(chatKeys.detail(chatSummary(2).id))).toBeUndefined();
  });

  it("adds a new message in time order and replaces a known one", () => {
    const qc = new QueryClient();
    const c = chat({ messages: [message({ id: "m1", role: "user", content: "Hi", created_at: "2026-01-03T10:00:00Z" })] });
    qc.setQueryData(chatKeys.detail(c.id), c);

    upsertMessageInCache(qc, c.id, message({ id: "m2", role: "assistant", status: "streaming", content: "He", created_at: "2026-01-03T10:00:01Z" }));
    upsertMessageInCache(qc, c.id, message({ id: "m2", role: "assistant", status: "complete", content: "Hello!", created_at: "2026-01-03T10:00:01Z" }));

    const next = qc.getQueryData<Chat>(chatKeys.detail(c.id));
    expect(next?.messages.map((m) => [m.id, m.content, m.status])).toEqual([
      ["m1", "Hi", "complete"],
      ["m2", "Hello!", "complete"],
    ]);
    expect(next?.last_message_at).toBe("2026-01-03T10:00:01Z");
  });
});
