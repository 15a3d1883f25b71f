/** Where a transcript came from: the chats list (with its filter) the admin was reading. */
export interface ChatLocationState {
  from?: string;
}

/** The list to return to from a transcript: the one the admin came from, else every chat. */
export function listUrlFrom(state: unknown): string {
  const from = (state as ChatLocationState | null)?.from;
  return typeof from === "string" && from.startsWith("/chats") ? from : "/chats";
}
