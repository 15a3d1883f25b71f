/** Wire shapes of the realtime protocol (docs/realtime-protocol.md, namespace `/`). */

export type Role = "user" | "assistant" | "agent";

export interface WireMessage {
  id: string;
  chatId?: string;
  role: Role;
  content: string;
  status?: "complete" | "failed";
  createdAt?: string;
  clientMessageId?: string;
  /** Position in the chat, assigned when the message became final (the resume cursor). */
  seq?: number;
}

export interface ChatStarted {
  id?: string;
  chatId: string;
  assistantId?: string;
  visitorToken: string;
  resumed?: boolean;
  assistant?: { name?: string; greeting?: string; theme?: { primaryColor?: string; position?: string } };
  messages?: WireMessage[];
  /** A reply is being written right now. */
  typing?: boolean;
}

export interface MessageDelta {
  chatId: string;
  messageId: string;
  index: number;
  /** Starts at 1; a retried reply restarts at index 0 with a higher attempt. Absent = 1. */
  attempt?: number;
  delta: string;
}

export interface TypingEvent {
  chatId?: string;
  isTyping: boolean;
  messageId?: string;
}

export interface WireError {
  code: string;
  message?: string;
  retryAfter?: number;
  chatId?: string;
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };

export interface StartChatPayload {
  assistantId: string;
  visitorId?: string;
  chatId?: string;
  visitorToken?: string;
  lastMessageId?: string;
}

export interface SendMessagePayload {
  chatId: string;
  content: string;
  clientMessageId: string;
  visitorToken?: string;
}

export const MAX_CHARS = 4000;

/** Length as the server counts it: Unicode code points, not UTF-16 units. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object";

export function isWireMessage(v: unknown): v is WireMessage {
  return (
    isObj(v) &&
    typeof v.id === "string" &&
    typeof v.content === "string" &&
    (v.role === "user" || v.role === "assistant" || v.role === "agent")
  );
}

export function isChatStarted(v: unknown): v is ChatStarted {
  return isObj(v) && typeof v.chatId === "string" && typeof v.visitorToken === "string";
}

export function isDelta(v: unknown): v is MessageDelta {
  return (
    isObj(v) &&
    typeof v.messageId === "string" &&
    typeof v.delta === "string" &&
    typeof v.index === "number" &&
    Number.isInteger(v.index) &&
    v.index >= 0 &&
    (v.attempt === undefined || (typeof v.attempt === "number" && Number.isInteger(v.attempt) && v.attempt >= 1))
  );
}

/** Normalise whatever came back as an ack into `{ok:true,...}` or `{ok:false,error}`. */
export function toAck<T>(v: unknown): Ack<T> {
  if (isObj(v) && v.ok === true) return v as { ok: true } & T;
  const e = isObj(v) && isObj(v.error) ? v.error : {};
  return {
    ok: false,
    error: {
      code: typeof e.code === "string" ? e.code : "internal_error",
      ...(typeof e.message === "string" ? { message: e.message } : {}),
      ...(typeof e.retryAfter === "number" ? { retryAfter: e.retryAfter } : {}),
    },
  };
}

/** "12 s", or "47 min" past a minute and a half. */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

/** The sentence shown to the visitor when starting the chat is refused for now (it is retried). */
export function startErrorText(e: WireError): string {
  if (e.code !== "rate_limited") return errorText(e);
  return e.retryAfter != null
    ? `Too many chats started from your network — trying again in ${waitText(e.retryAfter)}.`
    : "Too many chats started from your network — trying again shortly.";
}

/** The sentence shown to the visitor for a refusal. */
export function errorText(e: WireError): string {
  switch (e.code) {
    case "rate_limited":
      return e.retryAfter != null
        ? `You're sending messages too fast — try again in ${waitText(e.retryAfter)}`
        : "You're sending messages too fast — try again in a moment";
    case "message_too_long":
      return `Messages can be at most ${MAX_CHARS} characters.`;
    case "message_empty":
      return "Message is empty.";
    case "timeout":
      return "Not sent — check your connection.";
    default:
      return e.message || "Something went wrong — please try again.";
  }
}
