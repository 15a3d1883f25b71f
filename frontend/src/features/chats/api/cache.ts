// Edits to cached chat data, in one place. Mutations use them today; a
// live-update hook (socket events) can call the same functions — or simply
// invalidate `chatKeys.lists()` / `chatKeys.detail(id)` — to keep the lists
// and transcripts fresh without knowing how pages are stored.
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { Chat, ChatList, Message } from "../../../api/types";
import { chatKeys } from "./keys";

export type ChatPages = InfiniteData<ChatList, string | undefined>;

/** Drops a chat from every cached list and forgets its transcript. */
export function removeChatFromCache(queryClient: QueryClient, chatId: string) {
  queryClient.setQueriesData<ChatPages>({ queryKey: chatKeys.lists() }, (data) =>
    data
      ? { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.filter((chat) => chat.id !== chatId) })) }
      : data,
  );
  queryClient.removeQueries({ queryKey: chatKeys.detail(chatId), exact: true });
}

/** Adds or replaces one message of a cached transcript (by id), keeping time order. */
export function upsertMessageInCache(queryClient: QueryClient, chatId: string, message: Message) {
  queryClient.setQueryData<Chat>(chatKeys.detail(chatId), (chat) => {
    if (!chat) return chat;
    const exists = chat.messages.some((m) => m.id === message.id);
    const messages = exists
      ? chat.messages.map((m) => (m.id === message.id ? message : m))
      : [...chat.messages, message].sort((a, b) => a.created_at.localeCompare(b.created_at));
    return { ...chat, messages, last_message_at: exists ? chat.last_message_at : message.created_at };
  });
}

/** Marks every chat list stale (new chats, new messages, reordering), and the unread count with them. */
export function invalidateChatLists(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: chatKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: chatKeys.unread(), exact: true }),
  ]);
}
