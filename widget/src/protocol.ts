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
  /** Resume: the id of the message at `lastSeq` (servers that predate `lastSeq` use it). */
  lastMessageId?: string;
  /** Resume: every final message with a higher seq is replayed. */
  lastSeq?: number;
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
