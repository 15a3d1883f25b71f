/** Wire shapes of the realtime protocol (docs/realtime-protocol.md, namespace `/`). */

import type {
  ChatState as Handoff,
  ChatStarted as ServerChatStarted,
  DeltaPayload,
  ErrorCode,
  MessagePayload,
  MessageRole,
  RefusalBody,
  SendMessageRequest,
  StartChatRequest,
  TypingPayload,
  VisitorChatState,
} from "./generated/protocol";

// The shapes come from the server's own types (generated from shared/src/events by ts-rs,
// see src/generated/protocol.ts). The widget reads them defensively: it may meet an older
// server in a customer's page, so fields beyond the original protocol are optional here.

export type { ErrorCode, Handoff };

/** `chat_state`: who answers the visitor now (and the ack of `request_human`). */
export type VisitorState = Pick<VisitorChatState, "state"> & Partial<Omit<VisitorChatState, "state">>;

/** Who wrote a message, as the widget shows it (`system` never reaches visitors). */
export type Role = Exclude<MessageRole, "system">;

/** A whole message (`new_message`, and the replayed messages of `chat_started`). */
export type WireMessage = Pick<MessagePayload, "id" | "content"> &
  Partial<Omit<MessagePayload, "id" | "content" | "role" | "status">> & {
    role: Role;
    /** Final messages only reach the widget. */
    status?: Extract<MessagePayload["status"], "complete" | "failed">;
  };

/** The answer to `start_chat` (the original protocol needs only `chatId` and the token). */
export type ChatStarted = Pick<ServerChatStarted, "chatId" | "visitorToken"> &
  Partial<Omit<ServerChatStarted, "chatId" | "visitorToken" | "messages" | "assistant">> & {
    assistant?: {
      name?: string;
      greeting?: string;
      theme?: { primaryColor?: string; position?: string };
      handoffPolicy?: string;
    };
    messages?: WireMessage[];
  };

/** One piece of a streaming reply; `attempt` absent means 1 (older servers). */
export type MessageDelta = Omit<DeltaPayload, "attempt"> & Partial<Pick<DeltaPayload, "attempt">>;

export type TypingEvent = Partial<Pick<TypingPayload, "chatId" | "messageId">> & Pick<TypingPayload, "isTyping">;

/**
 * A refusal (ack `error`, or the `error` event). `code` may be one this widget predates,
 * or `timeout`, which the widget itself uses when an ack never came.
 */
export type WireError = Omit<RefusalBody, "code" | "message"> & {
  code: ErrorCode | "timeout";
  message?: string;
  chatId?: string;
};

/**
 * The code of a refusal. A newer server may send a code this build does not list; every
 * place that words a code has a default for that, so it is kept as is (shipping the list
 * to check it against would cost bytes every visitor downloads).
 */
export function knownCode(code: unknown): ErrorCode {
  return typeof code === "string" && code ? (code as ErrorCode) : "internal_error";
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };

/** `start_chat`. `lastSeq` (every final message with a higher seq is replayed) is sent to
 * servers that know it; older ones use `lastMessageId` (the message at `lastSeq`). */
export type StartChatPayload = StartChatRequest & { lastSeq?: number };

export type SendMessagePayload = SendMessageRequest & { clientMessageId: string };

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

const HANDOFF: readonly string[] = ["open", "needs_human", "assigned", "resolved"];

export function isVisitorState(v: unknown): v is VisitorState {
  return isObj(v) && HANDOFF.includes(v.state as string);
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
      code: knownCode(e.code),
      ...(typeof e.message === "string" ? { message: e.message } : {}),
      ...(typeof e.retryAfter === "number" ? { retryAfter: e.retryAfter } : {}),
    },
  };
}
