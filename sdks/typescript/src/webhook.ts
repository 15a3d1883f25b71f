// Standard Webhooks verification (https://www.standardwebhooks.com): the
// signature is base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}"))
// under `v1,`; the key is the base64 after `whsec_`. The timestamp must be within
// five minutes of now either way, so a captured delivery cannot be replayed later.

import { createHmac, timingSafeEqual } from 'node:crypto';

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** Seconds a timestamp may be away from now (default 300). */
  toleranceSeconds?: number;
  /** Seconds since the epoch; a seam for tests. */
  now?: number;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function secretKey(secret: string): Buffer {
  const raw = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = Buffer.from(raw, 'base64');
  if (key.length === 0) throw new WebhookVerificationError('the webhook secret is empty');
  return key;
}

/**
 * Checks a delivery's signature and age, then returns its parsed JSON body.
 * Pass the body exactly as received (a string or the raw bytes): re-serialised
 * JSON will not match.
 */
export function verifyWebhook(payload: string | Uint8Array, headers: WebhookHeaders, secret: string, options: VerifyOptions = {}): unknown {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature');

  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a number');
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  const sent = Number(timestamp);
  if (now - sent > tolerance) throw new WebhookVerificationError('webhook-timestamp is too old');
  if (sent - now > tolerance) throw new WebhookVerificationError('webhook-timestamp is in the future');

  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const expected = createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest();

  // Several signatures may be sent (while a secret is rotated): any v1 match will do.
  const matched = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matched) throw new WebhookVerificationError('no matching signature');

  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('the payload is not JSON');
  }
}
