import type { ErrorEnvelope } from "./types";

/** Every failed call, as one type: the API's error envelope, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
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

export const NETWORK_ERROR_MESSAGE = "Can't reach the Kremna server. Check your connection and try again.";

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
    return new ApiError(response.status, error.error.code, error.error.message, error.error.details);
  }
  // Not our envelope: a proxy page, an empty body…
  if (response.status >= 500) {
    return new ApiError(response.status, "server_unavailable", "The server is not answering right now. Try again shortly.");
  }
  return new ApiError(response.status, `http_${response.status}`, `The request failed (HTTP ${response.status}).`);
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
    throw new ApiError(0, "network_error", NETWORK_ERROR_MESSAGE);
  }
  if (result.error !== undefined || !result.response.ok) {
    throw toApiError(result.error, result.response);
  }
  return result.data as D;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * A validation message without the field name the API puts in front
 * ("`name` must not be empty" → "Must not be empty."), for showing next to the field.
 */
export function fieldMessage(error: ApiError): string {
  const field = error.field;
  let text = error.message;
  if (field) {
    const prefix = `\`${field}\``;
    if (text.startsWith(prefix)) text = text.slice(prefix.length);
  }
  return sentence(text);
}

/** A sentence to show a person for any error. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return error.message;
    switch (error.code) {
      case "internal_error":
        return "Something went wrong on our side. It has been logged; try again in a moment.";
      case "service_unavailable":
        return "A service Kremna needs is unavailable. Try again shortly.";
      case "forbidden":
        return "Your role in this workspace doesn't allow this. Ask an owner or admin.";
      case "rate_limited":
        return "Too many attempts. Wait a moment and try again.";
      default:
        return sentence(error.message);
    }
  }
  return "Something unexpected went wrong.";
}

export interface FormErrors {
  /** Messages keyed by the API's field name (`name`, `allowed_origins[1]`, `theme.primary_color`). */
  fields: Record<string, string>;
  /** An error that belongs to no shown field. */
  form: string | null;
}

/** Splits a failed submit into inline field messages and one form-level message. */
export function toFormErrors(error: unknown, isShownField: (field: string) => boolean): FormErrors {
  if (error instanceof ApiError && error.code === "validation_failed" && error.field && isShownField(error.field)) {
    return { fields: { [error.field]: fieldMessage(error) }, form: null };
  }
  return { fields: {}, form: describeError(error) };
}
