/**
 * Query keys of the chats feature. Everything that changes chats (this
 * dashboard's mutations today, a live-update hook later) goes through these
 * keys and the helpers in ./cache.ts, so caches stay in one shape.
 */
export const chatKeys = {
  all: ["chats"] as const,
  lists: () => [...chatKeys.all, "list"] as const,
  /** One filtered, paged list; `assistantId: null` is every assistant. */
  list: (assistantId: string | null) => [...chatKeys.lists(), { assistantId }] as const,
  details: () => [...chatKeys.all, "detail"] as const,
  detail: (chatId: string) => [...chatKeys.details(), chatId] as const,
};
