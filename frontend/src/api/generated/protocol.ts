// Generated from shared/src/events (Rust, ts-rs). Do not edit: change the Rust types
// and run `UPDATE_BINDINGS=1 cargo test -p kremna-shared --features ts bindings`.

export type ChatId = string;

export type AssistantId = string;

export type MessageId = string;

export type UserId = string;

export type MessageRole = "user" | "assistant" | "system" | "agent";

export type MessageStatus = "pending" | "streaming" | "complete" | "failed";

export type LauncherPosition = "right" | "left";

export type ChatState = "open" | "needs_human" | "assigned" | "resolved";

export type ChatEventKind = "requested_by_visitor" | "requested_by_model" | "taken_over" | "assigned" | "handed_back" | "resolved" | "reopened";

export type ErrorCode = "malformed_body" | "invalid_parameter" | "unsupported_media_type" | "method_not_allowed" | "payload_too_large" | "validation_failed" | "invalid_payload" | "unknown_event" | "missing_token" | "invalid_token" | "token_expired" | "invalid_credentials" | "forbidden" | "api_key_revoked" | "api_key_expired" | "not_found" | "email_taken" | "weak_password" | "idempotency_key_reused" | "idempotency_key_in_progress" | "webhook_url_refused" | "last_owner" | "already_member" | "invitation_invalid" | "wrong_password" | "assistant_not_found" | "assistant_paused" | "origin_not_allowed" | "chat_not_found" | "message_empty" | "message_too_long" | "reply_failed" | "chat_state_conflict" | "chat_assigned_elsewhere" | "handoff_not_allowed" | "rate_limited" | "service_unavailable" | "internal_error";

export type MessagePayload = { id: MessageId, chatId: ChatId, role: MessageRole, content: string, status: MessageStatus, createdAt: string, clientMessageId?: string, 
/**
 * The message's position in the chat (resume cursor); absent while streaming.
 */
seq?: number, 
/**
 * The display name of the member who wrote it (role `agent`).
 */
authorName?: string, 
/**
 * For an assistant's reply: the message it answers.
 */
replyTo?: MessageId, 
/**
 * The knowledge-base sources a reply was grounded in (issue 13), best first; absent
 * when there are none (and on replayed messages).
 */
sources?: Array<SourceLink>, };

export type SourceLink = { title: string, url?: string, };

export type DeltaPayload = { chatId: ChatId, messageId: MessageId, 
/**
 * 0, 1, 2… within one attempt of the reply.
 */
index: number, 
/**
 * Starts at 1; a retried reply restarts its deltas with a higher attempt.
 */
attempt: number, delta: string, };

export type TypingPayload = { chatId: ChatId, isTyping: boolean, messageId?: MessageId, };

export type ChatOpenedPayload = { id: ChatId, assistantId: AssistantId, visitorId: string, origin: string | null, createdAt: string, 
/**
 * Who the host page said the visitor is, and whether that was verified.
 */
identity?: ChatIdentity, };

export type ChatIdentity = { userId: string, name: string | null, email: string | null, verified: boolean, };

export type ChatStarted = { 
/**
 * The chat id, under the original protocol's key.
 */
id: ChatId, chatId: ChatId, assistantId: AssistantId, visitorId: string, visitorToken: string, resumed: boolean, assistant: AssistantCard, 
/**
 * On resume: every final message the widget has not shown, in `seq` order.
 */
messages: Array<MessagePayload>, 
/**
 * A reply is being written right now.
 */
typing: boolean, 
/**
 * Who answers the visitor now (handoff): `open` for a new chat.
 */
state: ChatState, 
/**
 * With `assigned`: the member's display name ("Ayşe is answering").
 */
agentName?: string, 
/**
 * With `needs_human` when no member is online: the assistant's message for that.
 */
offlineMessage?: string, 
/**
 * The address the visitor left on this chat (`leave_email`), if any.
 */
visitorEmail?: string, };

export type AssistantCard = { name: string, greeting: string, theme: ThemeCard, 
/**
 * Whether the widget offers "Talk to a person" (`request_human`): not with `never`.
 * Also in the widget config; here it is as of this (re)connection.
 */
handoffPolicy: HandoffPolicy, };

export type ThemeCard = { primaryColor: string, position: LauncherPosition, };

export type MessageSent = { message: MessagePayload, 
/**
 * True when this `clientMessageId` had been stored before: nothing new happened.
 */
duplicate?: boolean, };

export type RefusalBody = { code: ErrorCode, 
/**
 * A sentence for developers; widgets show their own text for the code.
 */
message: string, 
/**
 * Seconds to wait, on `rate_limited`.
 */
retryAfter?: number, };

export type ErrorEvent = { event?: string, chatId?: ChatId, code: ErrorCode, 
/**
 * A sentence for developers; widgets show their own text for the code.
 */
message: string, 
/**
 * Seconds to wait, on `rate_limited`.
 */
retryAfter?: number, };

export type ChatEventPayload = { id: string, kind: ChatEventKind, fromState: ChatState, toState: ChatState, 
/**
 * The member who acted; absent for the visitor or the model.
 */
actorId?: UserId, actorName?: string, assigneeId?: UserId, assigneeName?: string, createdAt: string, };

export type ChatStateChangedPayload = { chatId: ChatId, state: ChatState, assigneeId?: UserId, assigneeName?: string, event: ChatEventPayload, };

export type HandoffPolicy = "never" | "on_request" | "model";

export type VisitorChatState = { chatId: ChatId, state: ChatState, 
/**
 * With `assigned`: who joined ("Ayşe joined the chat").
 */
agentName?: string, 
/**
 * With `needs_human` when no member is online: the assistant's message for that.
 */
offlineMessage?: string, };

export type VisitorEmailPayload = { chatId: ChatId, email: string, };

export type StartChatRequest = { assistantId: string, visitorId?: string, 
/**
 * Resume this chat (needs `visitorToken`).
 */
chatId?: string, visitorToken?: string, 
/**
 * The newest final message the widget shows (older widgets' resume cursor; ignored
 * when `lastSeq` is given).
 */
lastMessageId?: string, 
/**
 * The resume cursor: the highest seq up to which the widget has every final
 * message. Every final message with a higher seq is replayed.
 */
lastSeq?: number, 
/**
 * Who the host page says the visitor is (`Kremna.identify(..)`), for a new chat.
 * Verified when `userHash` is the hex HMAC-SHA256 of `userId` under the
 * assistant's identity secret; otherwise kept on the chat as an unverified claim.
 * Ignored on resume (the chat keeps what it recorded).
 */
identity?: IdentifyRequest, };

export type IdentifyRequest = { 
/**
 * The host's id for its signed-in user, 1–255 characters, exactly as hashed.
 */
userId: string, 
/**
 * Up to 200 characters.
 */
name?: string, email?: string, 
/**
 * 64 hex digits: HMAC-SHA256(key = identity secret, message = userId).
 */
userHash?: string, };

export type SendMessageRequest = { chatId: string, content: string, 
/**
 * Needed unless this socket started or resumed the chat.
 */
visitorToken?: string, 
/**
 * The widget's id for the message: a retry with the same id never duplicates it.
 */
clientMessageId?: string, };

export type WatchChatRequest = { chatId: string, };

export type RequestHumanRequest = { chatId: string, 
/**
 * Needed unless this socket started or resumed the chat.
 */
visitorToken?: string, };

export type LeaveEmailRequest = { chatId: string, email: string, 
/**
 * Needed unless this socket started or resumed the chat.
 */
visitorToken?: string, };

/** Every error code, for exhaustive message catalogues. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "malformed_body",
  "invalid_parameter",
  "unsupported_media_type",
  "method_not_allowed",
  "payload_too_large",
  "validation_failed",
  "invalid_payload",
  "unknown_event",
  "missing_token",
  "invalid_token",
  "token_expired",
  "invalid_credentials",
  "forbidden",
  "api_key_revoked",
  "api_key_expired",
  "not_found",
  "email_taken",
  "weak_password",
  "idempotency_key_reused",
  "idempotency_key_in_progress",
  "webhook_url_refused",
  "last_owner",
  "already_member",
  "invitation_invalid",
  "wrong_password",
  "assistant_not_found",
  "assistant_paused",
  "origin_not_allowed",
  "chat_not_found",
  "message_empty",
  "message_too_long",
  "reply_failed",
  "chat_state_conflict",
  "chat_assigned_elsewhere",
  "handoff_not_allowed",
  "rate_limited",
  "service_unavailable",
  "internal_error",
];
