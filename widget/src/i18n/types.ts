/**
 * The shape of a language's catalogue. Every text the widget shows or announces comes from
 * one (the visitor's own messages and the assistant's replies aside); `catalogue.test.ts`
 * checks that every language has every key. Two parts, so the loader carries only its own.
 */

/** The launcher, drawn by embed.js. */
export interface LauncherText {
  /** The launcher's accessible name. */
  open: string;
  /** Its name when replies arrived that the visitor has not seen: "Chat — 2 unread replies". */
  unread: (n: number) => string;
}

/** The chat panel, drawn by chat.js. */
export interface PanelText {
  /** Before the source links under a reply. */
  sources: string;
  close: string;
  newChat: string;
  /** Asked before forgetting a conversation that has messages. */
  confirmNew: string;
  confirmYes: string;
  confirmNo: string;
  /** Accessible name of the message list. */
  log: string;
  /** Label of the message box. */
  label: string;
  placeholder: string;
  send: string;
  /** Screen-reader prefix of the visitor's own messages. */
  you: string;
  sending: string;
  notSent: string;
  retry: string;
  typing: (name: string) => string;
  connecting: string;
  reconnecting: string;
  /** The page's origin is not allowed (only said when the server could not tell earlier). */
  notHere: string;
  /** The assistant was removed while the page was open. */
  unavailable: string;
  /** The assistant was paused while the page was open (an admin can turn it on again). */
  paused: string;
  /** The realtime server refused the connection. */
  offline: string;
  count: (n: number, max: number) => string;
  tooLong: (n: number, max: number) => string;
  /** `wait` is "12 sec" / "3 min" in the same language, or null when the server did not say. */
  chatsLimited: (wait: string | null) => string;
  sendLimited: (wait: string | null) => string;
  maxLength: (max: number) => string;
  empty: string;
  timeout: string;
  /** Any other refusal or fault. */
  error: string;
  /** A reply that failed for good (the server's own text is English-only). */
  replyFailed: string;
  /** Human handoff: the button that asks for a person (`request_human`). */
  askHuman: string;
  /** A person was asked for; none has joined yet. */
  waiting: string;
  /** A member took the chat: "Ayşe joined the chat". */
  joined: (name: string) => string;
  /** Said for an agent message without a name (an older server). */
  agent: string;
  /** A member handed the chat back to the assistant. */
  backToBot: string;
  /** A member resolved the chat. */
  resolved: string;
  /** Label of the e-mail field offered while nobody is online. */
  emailLabel: string;
  /** After the visitor left an address. */
  emailLeft: (email: string) => string;
  /** The address was refused (`invalid_payload`). */
  badEmail: string;
}
