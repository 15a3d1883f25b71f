// What each `/agents` event does to the query cache. Pure functions of (cache, event),
// so the socket module only routes events here and the tests drive them without a
// socket. Lists are refetched (a new message may reorder them, a state change may take
// a chat out of a filter), transcripts are edited in place so a streaming reply grows
// delta by delta without a request per piece.
import type { QueryClient } from "@tanstack/react-query";
import type { ChatStateChangedPayload, DeltaPayload, MessagePayload } from "../../../api/generated/protocol";
import type { Chat } from "../../../api/types";
import { invalidateChatLists, upsertMessageInCache } from "../../chats/api/cache";
import { chatKeys } from "../../chats/api/keys";
import { chatEventFromSocket, messageFromSocket } from "./convert";

/** Where each streaming reply is: its attempt and the next delta index expected. */
export type StreamPositions = Map<string, { attempt: number; next: number }>;

/** The highest `seq` a cached transcript holds (only final messages carry one). */
function highestSeq(chat: Chat): number {
  return chat.messages.reduce((high, m) => (m.seq != null && m.seq > high ? m.seq : high), 0);
}

/**
 * `new_message`: the transcript gets it (replacing a streamed draft), the lists refresh.
 * Final messages of a chat are numbered 1, 2, 3…: one that skips a number means the
 * node dropped an event on the way (a socket that fell behind), so the transcript is
 * fetched again instead of showing a hole.
 */
export function applyNewMessage(queryClient: QueryClient, payload: MessagePayload) {
  const cached = queryClient.getQueryData<Chat>(chatKeys.detail(payload.chatId));
  const gap = cached !== undefined && payload.seq != null && payload.seq > highestSeq(cached) + 1;
  upsertMessageInCache(queryClient, payload.chatId, messageFromSocket(payload));
  const finalReply = payload.role === "assistant" && (payload.status === "complete" || payload.status === "failed");
  // The final reply's model, tokens and latency are only in the REST answer.
  if (finalReply || gap) {
    void queryClient.invalidateQueries({ queryKey: chatKeys.detail(payload.chatId), exact: true });
  }
  void invalidateChatLists(queryClient);
}

/**
 * A reply that was being written went quiet (no piece and no final message for a while):
 * its final `new_message` may have been dropped on the way. The transcript and lists
 * are fetched again; the answer says whether the reply is still under way.
 */
export async function refetchStalledReply(queryClient: QueryClient, chatId: string): Promise<{ stillWriting: boolean }> {
  void invalidateChatLists(queryClient);
  await queryClient.invalidateQueries({ queryKey: chatKeys.detail(chatId), exact: true });
  const chat = queryClient.getQueryData<Chat>(chatKeys.detail(chatId));
  const stillWriting = chat?.messages.some((m) => m.status === "pending" || m.status === "streaming") ?? false;
  return { stillWriting };
}

/**
 * `message_delta` (sent to watchers only): appends the piece to the reply being
 * written. A higher attempt (the worker retried) starts the text over; a piece seen
 * before (index below the next expected) is dropped.
 */
export function applyDelta(queryClient: QueryClient, positions: StreamPositions, delta: DeltaPayload) {
  const known = positions.get(delta.messageId);
  if (known && delta.attempt < known.attempt) return;
  const restart = !known || delta.attempt > known.attempt;
  if (!restart && delta.index < known.next) return;
  positions.set(delta.messageId, { attempt: delta.attempt, next: delta.index + 1 });
  queryClient.setQueryData<Chat>(chatKeys.detail(delta.chatId), (chat) => {
    if (!chat) return chat;
    const existing = chat.messages.find((m) => m.id === delta.messageId);
    if (existing && (existing.status === "complete" || existing.status === "failed")) return chat;
    // A first piece (index 0, or a new attempt) replaces whatever the draft held; a
    // later piece of a reply that was under way before we watched appends to the
    // text the transcript fetch returned.
    const base = restart && delta.index === 0 ? "" : (existing?.content ?? "");
    const draft = {
      ...(existing ?? { id: delta.messageId, role: "assistant" as const, created_at: new Date().toISOString() }),
      content: base + delta.delta,
      status: "streaming" as const,
    };
    const messages = existing ? chat.messages.map((m) => (m.id === delta.messageId ? draft : m)) : [...chat.messages, draft];
    return { ...chat, messages };
  });
}

/** `chat_state_changed`: the transcript's state, assignee and history; the lists refresh. */
export function applyStateChanged(queryClient: QueryClient, payload: ChatStateChangedPayload) {
  queryClient.setQueryData<Chat>(chatKeys.detail(payload.chatId), (chat) => {
    if (!chat) return chat;
    const event = chatEventFromSocket(payload.event);
    const history = chat.history.some((e) => e.id === event.id) ? chat.history : [...chat.history, event];
    const { assignee_id: _id, assignee_name: _name, ...rest } = chat;
    return {
      ...rest,
      state: payload.state,
      state_changed_at: event.created_at,
      history,
      ...(payload.assigneeId ? { assignee_id: payload.assigneeId } : {}),
      ...(payload.assigneeName ? { assignee_name: payload.assigneeName } : {}),
    };
  });
  void invalidateChatLists(queryClient);
}

/** `chat_started`: a new chat for the lists. */
export function applyChatStarted(queryClient: QueryClient) {
  void invalidateChatLists(queryClient);
}

/**
 * After a reconnect: whatever happened while the socket was down is fetched again
 * (every list and every open transcript), so no event is lost for good.
 */
export function refetchAfterReconnect(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: chatKeys.all });
}
