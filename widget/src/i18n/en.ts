import type { LauncherText, PanelText } from "./types";

export const launcher: LauncherText = {
  open: "Open chat",
  unread: (n) => `Chat — ${n} unread ${n === 1 ? "reply" : "replies"}`,
};

export const panel: PanelText = {
  sources: "Sources:",
  close: "Close chat",
  newChat: "New conversation",
  confirmNew: "Start a new conversation? This one will be cleared from this device.",
  confirmYes: "Start new",
  confirmNo: "Cancel",
  log: "Conversation",
  label: "Message",
  placeholder: "Type a message…",
  send: "Send",
  you: "You",
  sending: "Sending…",
  notSent: "Not sent.",
  retry: "Retry",
  typing: (name) => `${name} is typing…`,
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  notHere: "This chat isn't available on this site.",
  unavailable: "This assistant is unavailable right now.",
  paused: "This assistant is paused and isn't taking messages right now.",
  offline: "The chat is unavailable right now.",
  count: (n, max) => `${n} / ${max} characters`,
  tooLong: (n, max) => `${n} / ${max} characters — too long by ${n - max}`,
  chatsLimited: (wait) => `Too many chats started from your network — trying again ${wait ? `in ${wait}` : "shortly"}.`,
  sendLimited: (wait) => `You're sending messages too fast — try again ${wait ? `in ${wait}` : "in a moment"}`,
  maxLength: (max) => `Messages can be at most ${max} characters.`,
  empty: "Message is empty.",
  timeout: "Not sent — check your connection.",
  error: "Something went wrong — please try again.",
  replyFailed: "Sorry, I couldn't answer just now. Please try again in a moment.",
};
