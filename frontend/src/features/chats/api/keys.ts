import type { ChatFilters } from "../lib/filters";

/**
 * Query keys of the chats feature. Everything that changes chats (this dashboard's
 * mutations, the live inbox's socket events) goes through these keys and the helpers
 * in ./cache.ts, so caches stay in one shape.
 */
export const chatKeys = {
  all: ["chats"] as const,
  lists: () => [...chatKeys.all, "list"] as const,
  /** One filtered, paged list. */
  list: (filters: ChatFilters) => [...chatKeys.lists(), filters] as const,
  details: () => [...chatKeys.all, "detail"] as const,
  detail: (chatId: string) => [...chatKeys.details(), chatId] as const,
  /** How many chats the signed-in member has unread (the navigation's badge). */
  unread: () => [...chatKeys.all, "unread"] as const,
};
