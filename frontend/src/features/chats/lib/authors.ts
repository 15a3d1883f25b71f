import type { MessageKey } from "../../../i18n/message";

const AUTHORS: Record<string, MessageKey> = {
  user: "chats.authors.user",
  assistant: "chats.authors.assistant",
  agent: "chats.authors.agent",
  system: "chats.authors.system",
};

/** Who wrote a message, by its role; a role this dashboard doesn't know yet reads "Message". */
export function authorKey(role: string): MessageKey {
  return AUTHORS[role] ?? "chats.authors.other";
}
