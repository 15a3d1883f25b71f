import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import { removeChatFromCache } from "./cache";
import { chatKeys } from "./keys";

export const CHATS_PAGE_SIZE = 20;

/** The workspace's chats, newest activity first, a page at a time (`next_cursor`). */
export function useChatList(assistantId: string | null) {
  return useInfiniteQuery({
    queryKey: chatKeys.list(assistantId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/chats", {
          params: {
            query: {
              limit: CHATS_PAGE_SIZE,
              ...(assistantId ? { assistant_id: assistantId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => (last.has_more && last.next_cursor ? last.next_cursor : undefined),
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
