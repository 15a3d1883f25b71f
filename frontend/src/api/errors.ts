import { message, type Message } from "../i18n/message";
import type { ErrorCode, ErrorEnvelope } from "./types";
import { fieldMessage } from "./fieldMessages";

/**
 * What a failure is called on the client: one of the spec's `ErrorCode`s, a failure the
 * client names itself, or `unknown` (a code from a newer API than this build, or a body
 * that is not our envelope: the sentence then comes from the HTTP status).
 */
export type ApiErrorCode = ErrorCode | ClientErrorCode | "unknown";

/** Every failed call, as one type: the API's error envelope, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    /** The API's own English sentence: for logs and debugging, never shown to people. */
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** For `validation_failed`: the field the API named, e.g. `allowed_origins[1]`. */
  get field(): string | undefined {
    if (typeof this.details === "object" && this.details !== null && "field" in this.details) {
      const field = this.details.field;
      return typeof field === "string" ? field : undefined;
    }
    return undefined;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const body = value.error;
  return (
    typeof body === "object" &&
    body !== null &&
    typeof (body as { code?: unknown }).code === "string" &&
    typeof (body as { message?: unknown }).message === "string"
  );
}

export function toApiError(error: unknown, response: Response): ApiError {
  if (isEnvelope(error)) {
    const code: string = error.error.code;
    return new ApiError(response.status, isKnownCode(code) ? code : "unknown", error.error.message, error.error.details);
  }
  // Not our envelope: a proxy page, an empty body…
  if (response.status >= 500) {
    return new ApiError(response.status, "server_unavailable", "the server is not answering");
  }
  return new ApiError(response.status, "unknown", `the request failed (HTTP ${response.status})`);
}

type Result<D, E> = { data?: D; error?: E; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError.
 * Network failures (fetch rejects) become ApiError with status 0.
 */
export async function unwrap<D, E>(call: Promise<Result<D, E>>): Promise<D> {
  let result: Result<D, E>;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network_error", "the server could not be reached");
  }
  if (result.error !== undefined || !result.response.ok) {
    throw toApiError(result.error, result.response);
  }
  return result.data as D;
}

/** Codes the client gives failures that never reached the API's error envelope. */
export type ClientErrorCode = "network_error" | "server_unavailable";

/**
 * What each code means to a person: every code of the spec's `ErrorCode` enum (the
 * type check fails when the API adds one this table does not word). Codes from a newer
 * API than this build fall back to a generic sentence.
 */
const CODE_MESSAGES = {
  // What the client itself names.
  network_error: "errors.code.network_error",
  server_unavailable: "errors.code.server_unavailable",
  // The API's codes (api/src/error.rs).
  malformed_body: "errors.code.malformed_body",
  invalid_parameter: "errors.code.invalid_parameter",
  unsupported_media_type: "errors.code.unsupported_media_type",
  method_not_allowed: "errors.code.method_not_allowed",
  payload_too_large: "errors.code.payload_too_large",
  validation_failed: "errors.code.validation_failed",
  missing_token: "errors.code.missing_token",
  invalid_token: "errors.code.invalid_token",
  token_expired: "errors.code.token_expired",
  forbidden: "errors.code.forbidden",
  not_found: "errors.code.not_found",
  email_taken: "errors.code.email_taken",
  invalid_credentials: "errors.code.invalid_credentials",
  rate_limited: "errors.code.rate_limited",
  service_unavailable: "errors.code.service_unavailable",
  internal_error: "errors.code.internal_error",
  // Codes of the live chat: the dashboard meets them in previews and the inbox.
  invalid_payload: "errors.code.invalid_payload",
  unknown_event: "errors.code.unknown_event",
  weak_password: "errors.code.weak_password",
  assistant_not_found: "errors.code.assistant_not_found",
  assistant_paused: "errors.code.assistant_paused",
  origin_not_allowed: "errors.code.origin_not_allowed",
  chat_not_found: "errors.code.chat_not_found",
  message_empty: "errors.code.message_empty",
  message_too_long: "errors.code.message_too_long",
  reply_failed: "errors.code.reply_failed",
  // Handoff (the live inbox).
  chat_state_conflict: "errors.code.chat_state_conflict",
  chat_assigned_elsewhere: "errors.code.chat_assigned_elsewhere",
  handoff_not_allowed: "errors.code.handoff_not_allowed",
  // Partners' API keys (the dashboard meets them only when testing a key).
  api_key_revoked: "errors.code.api_key_revoked",
  api_key_expired: "errors.code.api_key_expired",
  idempotency_key_reused: "errors.code.idempotency_key_reused",
  idempotency_key_in_progress: "errors.code.idempotency_key_in_progress",
  // Webhooks: an endpoint address the platform may not send to.
  webhook_url_refused: "errors.code.webhook_url_refused",
  // The team and settings.
  last_owner: "errors.code.last_owner",
  already_member: "errors.code.already_member",
  invitation_invalid: "errors.code.invitation_invalid",
  wrong_password: "errors.code.wrong_password",
} as const satisfies Record<ErrorCode | ClientErrorCode, Message["key"]>;

function isKnownCode(code: string): code is ErrorCode | ClientErrorCode {
  return Object.hasOwn(CODE_MESSAGES, code);
}

/** A sentence to show a person for any error, in their language; never the API's own wording. */
export function describeError(error: unknown): Message {
  if (!(error instanceof ApiError)) return message("errors.unexpected");
  if (error.code === "validation_failed" && error.field) return fieldMessage(error.field);
  if (error.code !== "unknown") return message(CODE_MESSAGES[error.code]);
  if (error.status >= 500) return message("errors.code.server_unavailable");
  return message("errors.unknown", { status: error.status });
}

export interface FormErrors {
  /** Messages keyed by the API's field name (`name`, `allowed_origins[1]`, `theme.primary_color`). */
  fields: Record<string, Message>;
  /** An error that belongs to no shown field. */
  form: Message | null;
}

/** Splits a failed submit into inline field messages and one form-level message. */
export function toFormErrors(error: unknown, isShownField: (field: string) => boolean): FormErrors {
  if (error instanceof ApiError && error.code === "validation_failed" && error.field && isShownField(error.field)) {
    return { fields: { [error.field]: fieldMessage(error.field) }, form: null };
  }
  return { fields: {}, form: describeError(error) };
}
