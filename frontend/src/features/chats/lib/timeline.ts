import type { Chat, ChatEvent, Message } from "../../../api/types";

export type TimelineItem = { kind: "message"; message: Message } | { kind: "event"; event: ChatEvent };

/** Messages and state changes in one time order (a state change after a message at the same instant). */
export function timeline(chat: Pick<Chat, "messages" | "history">): TimelineItem[] {
  const items: TimelineItem[] = [
    ...chat.messages.map((message) => ({ kind: "message" as const, message })),
    ...chat.history.map((event) => ({ kind: "event" as const, event })),
  ];
  const at = (item: TimelineItem) => (item.kind === "message" ? item.message.created_at : item.event.created_at);
  // A stable sort: messages keep their order among themselves.
  return items.sort((a, b) => Date.parse(at(a)) - Date.parse(at(b)) || (a.kind === b.kind ? 0 : a.kind === "message" ? -1 : 1));
}
