import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import { useSession } from "../../auth/hooks/useSession";
import { apiQuery, type ChatFilters } from "../lib/filters";
import type { QueryClient } from "@tanstack/react-query";
import { invalidateChatLists, removeChatFromCache, upsertMessageInCache } from "./cache";
import { chatKeys } from "./keys";

export const CHATS_PAGE_SIZE = 20;

/** The workspace's chats matching `filters`, newest activity first, a page at a time. */
export function useChatList(filters: ChatFilters) {
  const me = useSession().user.id;
  return useInfiniteQuery({
    queryKey: chatKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/chats", {
          params: { query: { limit: CHATS_PAGE_SIZE, ...apiQuery(filters, me), ...(pageParam ? { after: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => (last.has_more && last.next_cursor ? last.next_cursor : undefined),
  });
}

/** How many chats have a visitor message the signed-in member has not read (kept by the server). */
export function useUnreadChats() {
  return useQuery({
    queryKey: chatKeys.unread(),
    queryFn: ({ signal }) => unwrap(api.GET("/chats/unread", { signal })),
  });
}

/** The member has now seen everything in `chatId`: the server keeps the mark, the counts refresh. */
export async function markChatRead(queryClient: QueryClient, chatId: string) {
  await unwrap(api.POST("/chats/{id}/read", { params: { path: { id: chatId } }, body: {} }));
  await invalidateChatLists(queryClient);
}

/** "Mark all as read". */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/chats/read-all")),
    onSuccess: () => invalidateChatLists(queryClient),
  });
}

export function useChat(chatId: string) {
  return useQuery({
    queryKey: chatKeys.detail(chatId),
    queryFn: ({ signal }) => unwrap(api.GET("/chats/{id}", { params: { path: { id: chatId } }, signal })),
  });
}

export function useDeleteChat(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/chats/{id}", { params: { path: { id: chatId } } })),
    onSuccess: () => removeChatFromCache(queryClient, chatId),
  });
}

/** A handoff action on the chat page. */
export type HandoffAction = { kind: "take-over" } | { kind: "hand-back" } | { kind: "resolve" } | { kind: "assign"; memberId: string };

function runHandoff(chatId: string, action: HandoffAction) {
  const params = { path: { id: chatId } };
  switch (action.kind) {
    case "take-over":
      return unwrap(api.POST("/chats/{id}/take-over", { params }));
    case "hand-back":
      return unwrap(api.POST("/chats/{id}/hand-back", { params }));
    case "resolve":
      return unwrap(api.POST("/chats/{id}/resolve", { params }));
    case "assign":
      return unwrap(api.POST("/chats/{id}/assign", { params, body: { member_id: action.memberId } }));
  }
}

/** Take over, assign, hand back or resolve; the answer is the whole chat, cached as is. */
export function useHandoff(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: HandoffAction) => runHandoff(chatId, action),
    onSuccess: (chat) => {
      queryClient.setQueryData(chatKeys.detail(chatId), chat);
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
    },
    // Refused because the chat changed meanwhile (another member acted): show it as it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: chatKeys.detail(chatId), exact: true }),
  });
}

/** A member's reply to the visitor (takes a chat nobody has). */
export function useReply(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { content: string; client_message_id: string }) =>
      unwrap(api.POST("/chats/{id}/messages", { params: { path: { id: chatId } }, body })),
    onSuccess: (message) => {
      upsertMessageInCache(queryClient, chatId, {
        id: message.id,
        role: message.role,
        content: message.content,
        status: message.status,
        created_at: message.created_at,
        ...(message.author_name ? { author_name: message.author_name } : {}),
      });
      // A reply to a chat nobody had took it over: the state comes with the refetch.
      void queryClient.invalidateQueries({ queryKey: chatKeys.detail(chatId), exact: true });
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
    },
  });
}
