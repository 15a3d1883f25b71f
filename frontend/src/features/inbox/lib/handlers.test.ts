import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatStateChangedPayload, DeltaPayload, MessagePayload } from "../../../api/generated/protocol";
import type { Chat } from "../../../api/types";
import { chat, message } from "../../../test/fixtures";
import type { ChatPages } from "../../chats/api/cache";
import { chatKeys } from "../../chats/api/keys";
import { NO_FILTERS } from "../../chats/lib/filters";
import { inboxHandlers } from "./handlers";
import { createLiveStore } from "./liveStore";

const CHAT = chat({ messages: [message({ id: "m1", role: "user", content: "Hi", created_at: "2026-01-03T10:00:00Z" })] });

function setup(initial: Chat = CHAT) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(chatKeys.detail(CHAT.id), initial);
  const pages: ChatPages = { pages: [{ data: [], has_more: false }], pageParams: [undefined] };
  queryClient.setQueryData(chatKeys.list(NO_FILTERS), pages);
  queryClient.setQueryData(chatKeys.list({ ...NO_FILTERS, state: "needs_human" }), pages);
  const store = createLiveStore();
  const needsHuman = vi.fn();
  const endSession = vi.fn();
  const markRead = vi.fn();
  const handlers = inboxHandlers({ queryClient, store, needsHuman, endSession, markRead, stallMs: 1_000 });
  const transcript = () => queryClient.getQueryData<Chat>(chatKeys.detail(CHAT.id))!;
  const listsStale = () => queryClient.getQueryCache().findAll({ queryKey: chatKeys.lists() }).map((q) => q.state.isInvalidated);
  return { queryClient, store, needsHuman, endSession, markRead, handlers, transcript, listsStale };
}

function visitor(id: string, content: string, createdAt = "2026-01-03T10:01:00Z"): MessagePayload {
  return { id, chatId: CHAT.id, role: "user", content, status: "complete", createdAt, seq: 3 };
}

function delta(index: number, piece: string, attempt = 1): DeltaPayload {
  return { chatId: CHAT.id, messageId: "r1", index, attempt, delta: piece };
}

describe("live inbox: socket events into the cache", () => {
  it("adds a visitor message to the open transcript and refreshes every list", () => {
    const { handlers, transcript, listsStale } = setup();
    expect(listsStale()).toEqual([false, false]);

    handlers.newMessage(visitor("m2", "Where is my parcel?"));

    expect(transcript().messages.map((m) => [m.id, m.content])).toEqual([
      ["m1", "Hi"],
      ["m2", "Where is my parcel?"],
    ]);
    // The lists (with their server-kept unread counts) are fetched again.
    expect(listsStale()).toEqual([true, true]);
  });

  it("marks a visitor message read on the server only while its transcript is on screen", () => {
    const { handlers, store, markRead } = setup();
    handlers.newMessage(visitor("m2", "One"));
    expect(markRead).not.toHaveBeenCalled();
    store.view(CHAT.id);
    handlers.newMessage(visitor("m3", "Two"));
    expect(markRead).toHaveBeenCalledWith(CHAT.id);
    // Replies and members' messages are nobody's unread.
    handlers.newMessage({ id: "r9", chatId: CHAT.id, role: "assistant", content: "Hi", status: "complete", createdAt: "2026-01-03T10:01:00Z" });
    expect(markRead).toHaveBeenCalledTimes(1);
    store.view(null);
    handlers.newMessage(visitor("m4", "Three"));
    expect(markRead).toHaveBeenCalledTimes(1);
  });

  it("streams a reply delta by delta, drops a repeated piece, and starts over on a retried attempt", () => {
    const { handlers, transcript } = setup();
    const reply = () => transcript().messages.find((m) => m.id === "r1");

    handlers.delta(delta(0, "It left "));
    expect(reply()).toMatchObject({ role: "assistant", status: "streaming", content: "It left " });
    handlers.delta(delta(1, "the warehouse"));
    handlers.delta(delta(1, "the warehouse"));
    expect(reply()?.content).toBe("It left the warehouse");

    // The worker retried: attempt 2 writes the reply again from its first piece.
    handlers.delta(delta(0, "Your parcel ", 2));
    expect(reply()?.content).toBe("Your parcel ");
    // A late piece of the abandoned attempt changes nothing.
    handlers.delta(delta(2, " yesterday", 1));
    expect(reply()?.content).toBe("Your parcel ");
  });

  it("replaces the streamed draft with the final message and stops the typing line", () => {
    const { handlers, store, transcript, queryClient } = setup();
    handlers.typing({ chatId: CHAT.id, isTyping: true, messageId: "r1" });
    handlers.delta(delta(0, "Half"));
    expect(store.getState().typing.has(CHAT.id)).toBe(true);

    handlers.newMessage({ id: "r1", chatId: CHAT.id, role: "assistant", content: "Half and whole.", status: "complete", createdAt: "2026-01-03T10:01:01Z", seq: 4 });

    expect(transcript().messages.filter((m) => m.id === "r1")).toEqual([expect.objectContaining({ content: "Half and whole.", status: "complete" })]);
    expect(store.getState().typing.has(CHAT.id)).toBe(false);
    // The final reply's usage figures are fetched.
    expect(queryClient.getQueryState(chatKeys.detail(CHAT.id))?.isInvalidated).toBe(true);
    // A delta arriving after the final message does not turn it back into a draft.
    handlers.delta(delta(1, " again"));
    expect(transcript().messages.find((m) => m.id === "r1")).toMatchObject({ content: "Half and whole.", status: "complete" });
  });

  it("shows an agent's message with the member's name", () => {
    const { handlers, transcript, store, markRead } = setup();
    store.view(CHAT.id);
    handlers.newMessage({ id: "a1", chatId: CHAT.id, role: "agent", content: "Ayşe here.", status: "complete", createdAt: "2026-01-03T10:02:00Z", authorName: "Ayşe" });
    expect(transcript().messages.at(-1)).toMatchObject({ role: "agent", author_name: "Ayşe", content: "Ayşe here." });
    // A member's own message is not "unread".
    expect(markRead).not.toHaveBeenCalled();
  });

  it("applies a state change to the transcript once, refreshes the lists and alerts on needs_human", () => {
    const { handlers, transcript, listsStale, needsHuman } = setup();
    const asked: ChatStateChangedPayload = {
      chatId: CHAT.id,
      state: "needs_human",
      event: { id: "e1", kind: "requested_by_visitor", fromState: "open", toState: "needs_human", createdAt: "2026-01-03T10:03:00Z" },
    };
    handlers.stateChanged(asked);
    expect(transcript()).toMatchObject({ state: "needs_human", state_changed_at: "2026-01-03T10:03:00Z" });
    expect(listsStale()).toEqual([true, true]);
    expect(needsHuman).toHaveBeenCalledWith(asked);

    const taken: ChatStateChangedPayload = {
      chatId: CHAT.id,
      state: "assigned",
      assigneeId: "u-ayse",
      assigneeName: "Ayşe",
      event: { id: "e2", kind: "taken_over", fromState: "needs_human", toState: "assigned", actorId: "u-ayse", actorName: "Ayşe", assigneeId: "u-ayse", assigneeName: "Ayşe", createdAt: "2026-01-03T10:04:00Z" },
    };
    handlers.stateChanged(taken);
    handlers.stateChanged(taken);
    expect(transcript()).toMatchObject({ state: "assigned", assignee_id: "u-ayse", assignee_name: "Ayşe" });
    expect(transcript().history.map((e) => [e.kind, e.actor_name ?? null])).toEqual([
      ["requested_by_visitor", null],
      ["taken_over", "Ayşe"],
    ]);
    expect(needsHuman).toHaveBeenCalledTimes(1);

    handlers.stateChanged({
      chatId: CHAT.id,
      state: "open",
      event: { id: "e3", kind: "handed_back", fromState: "assigned", toState: "open", actorId: "u-ayse", actorName: "Ayşe", createdAt: "2026-01-03T10:05:00Z" },
    });
    // Handed back: nobody is the assignee any more.
    expect(transcript().assignee_id).toBeUndefined();
    expect(transcript().assignee_name).toBeUndefined();
  });

  it("fetches every chat again after a reconnect, so nothing missed while offline stays missing", () => {
    const { handlers, queryClient } = setup();
    handlers.reconnected();
    const states = queryClient.getQueryCache().findAll({ queryKey: chatKeys.all }).map((q) => q.state.isInvalidated);
    expect(states).toEqual([true, true, true]);
  });

  it("ends the session when the node ends the token's access", () => {
    const { handlers, endSession, store } = setup();
    handlers.accessEnded("token_expired");
    handlers.accessEnded("invalid_token");
    expect(endSession.mock.calls).toEqual([["expired"], ["invalid"]]);
    handlers.connection("reconnecting");
    expect(store.getState().connection).toBe("reconnecting");
  });

  it("adds a new chat to the lists", () => {
    const { handlers, listsStale } = setup();
    handlers.chatStarted({ id: "c2", assistantId: CHAT.assistant_id, visitorId: "v", origin: null, createdAt: "2026-01-03T10:00:00Z" });
    expect(listsStale()).toEqual([true, true]);
  });

  describe("recovering an event the node dropped", () => {
    afterEach(() => void vi.useRealTimers());
    const SEQUENCED = chat({ messages: [message({ id: "m1", role: "user", content: "Hi", seq: 1 }), message({ id: "r0", role: "assistant", content: "Hello", seq: 2 })] });
    const detailStale = (queryClient: QueryClient) => queryClient.getQueryState(chatKeys.detail(CHAT.id))?.isInvalidated;

    it("keeps the transcript when the next message follows on, and fetches it again when a seq is skipped", () => {
      const { handlers, queryClient } = setup(SEQUENCED);
      handlers.newMessage(visitor("m3", "Next", "2026-01-03T10:02:00Z"));
      expect(detailStale(queryClient)).toBe(false);

      // seq 4 never came (a full socket buffer on the node): seq 5 shows the hole.
      handlers.newMessage({ ...visitor("m5", "After the hole"), seq: 5 });
      expect(detailStale(queryClient)).toBe(true);
    });

    it("fetches a reply again when it goes quiet without its final message, and then stops the typing line", async () => {
      vi.useFakeTimers();
      const { handlers, queryClient, store } = setup(SEQUENCED);
      let fetched = 0;
      const finished = chat({ messages: [...SEQUENCED.messages, message({ id: "r1", role: "assistant", content: "Done.", seq: 3 })] });
      queryClient.setQueryDefaults(chatKeys.detail(CHAT.id), {
        queryFn: () => {
          fetched += 1;
          return finished;
        },
      });
      // The transcript is on screen: an observer keeps it active, so invalidating refetches it.
      const observer = new QueryObserver(queryClient, { queryKey: chatKeys.detail(CHAT.id), staleTime: Infinity });
      const stop = observer.subscribe(() => {});

      handlers.typing({ chatId: CHAT.id, isTyping: true, messageId: "r1" });
      handlers.delta(delta(0, "Do"));
      await vi.advanceTimersByTimeAsync(900);
      handlers.delta(delta(1, "ne"));
      await vi.advanceTimersByTimeAsync(900);
      expect(fetched).toBe(0);
      expect(store.getState().typing.has(CHAT.id)).toBe(true);

      // The final `new_message` was dropped: after a quiet second the transcript is fetched.
      await vi.advanceTimersByTimeAsync(200);
      await vi.runOnlyPendingTimersAsync();
      expect(fetched).toBe(1);
      expect(queryClient.getQueryData<Chat>(chatKeys.detail(CHAT.id))?.messages.at(-1)).toMatchObject({ id: "r1", status: "complete" });
      expect(store.getState().typing.has(CHAT.id)).toBe(false);
      stop();
    });

    it("does not fetch a reply whose final message arrived", async () => {
      vi.useFakeTimers();
      const { handlers, queryClient } = setup(SEQUENCED);
      const refetch = vi.spyOn(queryClient, "invalidateQueries");
      handlers.delta(delta(0, "Whole"));
      handlers.newMessage({ id: "r1", chatId: CHAT.id, role: "assistant", content: "Whole.", status: "complete", createdAt: "2026-01-03T10:01:01Z", seq: 3 });
      refetch.mockClear();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(refetch).not.toHaveBeenCalled();
    });
  });
});
