// A fetch that retries what is safe to retry: 429, 5xx and connection errors,
// with exponential backoff and full jitter, honouring `Retry-After`. Every POST
// gets one `Idempotency-Key` before the first attempt, so a retried POST is the
// same request to the server (which answers a replay instead of doing it twice).

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** First backoff step in ms (default 500); doubles each retry. */
  baseDelayMs?: number;
  /** Cap on one computed backoff in ms (default 8000). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this (ms, default 60000) is not waited for: the 429 is returned. */
  maxRetryAfterMs?: number;
  /** Seams for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  newIdempotencyKey?: () => string;
}

const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

/** Whether an answer may be retried; a 409 only while the same idempotent request is still running. */
export async function isRetryable(response: Response): Promise<boolean> {
  if (!RETRYABLE_STATUS.has(response.status)) return false;
  if (response.status !== 409) return true;
  try {
    const body = (await response.clone().json()) as { error?: { code?: string } };
    return body?.error?.code === 'idempotency_key_in_progress';
  } catch {
    return false;
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential backoff for retry number `attempt` (0-based). */
export function backoffMs(attempt: number, base: number, cap: number, random: () => number): number {
  return Math.round(random() * Math.min(cap, base * 2 ** attempt));
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function retryingFetch(inner: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const maxRetries = options.maxRetries ?? 2;
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 8000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const newKey = options.newIdempotencyKey ?? (() => crypto.randomUUID());

  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const original = new Request(input, init);
    if (original.method === 'POST' && !original.headers.has('Idempotency-Key')) {
      original.headers.set('Idempotency-Key', newKey());
    }
    for (let attempt = 0; ; attempt++) {
      // A Request body is read once: each attempt sends a fresh copy.
      const request = original.clone();
      let response: Response;
      try {
        response = await inner(request);
      } catch (error) {
        if (attempt >= maxRetries || original.signal.aborted) throw error;
        await sleep(backoffMs(attempt, base, cap, random));
        continue;
      }
      if (attempt >= maxRetries || !(await isRetryable(response))) return response;
      const told = retryAfterMs(response.headers.get('Retry-After'));
      if (told !== undefined && told > maxRetryAfter) return response;
      await response.body?.cancel();
      await sleep(told ?? backoffMs(attempt, base, cap, random));
    }
  };
}
