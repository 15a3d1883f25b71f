import { afterEach, describe, expect, it } from 'vitest';
import { Kremna, KremnaError, retryAfterMs, backoffMs } from '../src/index.js';
import { json, serve } from './server.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function client(url: string, slept: number[], maxRetries = 2) {
  return new Kremna({
    apiKey: 'kr_live_test',
    baseUrl: url,
    retry: { maxRetries, sleep: async (ms) => void slept.push(ms), random: () => 1 },
  });
}

const assistant = { id: '0190a0a0-0000-7000-8000-000000000001', name: 'Support' };

describe('retries', () => {
  it('waits Retry-After on a 429 and sends the same Idempotency-Key and body again', async () => {
    let calls = 0;
    const s = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) return json(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '3' });
      json(res, 201, assistant);
    });
    close = s.close;
    const slept: number[] = [];
    const created = await client(s.url, slept).assistants.create({ name: 'Support' });
    expect(created.name).toBe('Support');
    expect(slept).toEqual([3000]);
    expect(s.received).toHaveLength(2);
    const [first, second] = s.received;
    expect(first.url).toBe('/api/v1/assistants');
    expect(first.headers.authorization).toBe('Bearer kr_live_test');
    expect(first.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.body).toBe(first.body);
    expect(JSON.parse(second.body)).toEqual({ name: 'Support' });
  });

  it('backs off exponentially on 5xx and gives up after maxRetries with the API error', async () => {
    const s = await serve((_req, res) => json(res, 503, { error: { code: 'service_unavailable', message: 'later' } }));
    close = s.close;
    const slept: number[] = [];
    const error = await client(s.url, slept, 3).assistants.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KremnaError);
    expect((error as KremnaError).status).toBe(503);
    expect((error as KremnaError).code).toBe('service_unavailable');
    expect(s.received).toHaveLength(4);
    expect(slept).toEqual([500, 1000, 2000]);
    // GETs carry no idempotency key
    expect(s.received[0].headers['idempotency-key']).toBeUndefined();
  });

  it('retries a dropped connection', async () => {
    let calls = 0;
    const s = await serve((req, res) => {
      calls += 1;
      if (calls === 1) return res.socket?.destroy();
      json(res, 200, { data: [assistant] });
    });
    close = s.close;
    const slept: number[] = [];
    const list = await client(s.url, slept).assistants.list();
    expect(list.map((a) => a.id)).toEqual([assistant.id]);
    expect(calls).toBe(2);
    expect(slept).toHaveLength(1);
  });

  it('does not retry a 4xx other than 408/429', async () => {
    const s = await serve((_req, res) => json(res, 422, { error: { code: 'validation_failed', message: 'name', details: { field: 'name' } } }));
    close = s.close;
    const slept: number[] = [];
    const error = (await client(s.url, slept).assistants.create({ name: '' }).catch((e: unknown) => e)) as KremnaError;
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual({ field: 'name' });
    expect(s.received).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('returns a 429 whose Retry-After is longer than it will wait', async () => {
    const s = await serve((_req, res) => json(res, 429, { error: { code: 'rate_limited', message: 'x' } }, { 'Retry-After': '3600' }));
    close = s.close;
    const error = (await client(s.url, []).assistants.list().catch((e: unknown) => e)) as KremnaError;
    expect(error.status).toBe(429);
    expect(s.received).toHaveLength(1);
  });

  it('keeps an Idempotency-Key the caller chose', async () => {
    let calls = 0;
    const s = await serve((_req, res) => (++calls === 1 ? json(res, 500, {}) : json(res, 201, assistant)));
    close = s.close;
    const k = client(s.url, []);
    await k.client.post({ url: '/assistants', body: { name: 'x' }, headers: { 'Idempotency-Key': 'mine-1' } });
    expect(s.received.map((r) => r.headers['idempotency-key'])).toEqual(['mine-1', 'mine-1']);
  });
});

describe('Retry-After and backoff', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(retryAfterMs('Wed, 02 Dec 2026 10:00:05 GMT', now)).toBe(5000);
  });
  it('caps the backoff', () => {
    expect(backoffMs(0, 500, 8000, () => 1)).toBe(500);
    expect(backoffMs(10, 500, 8000, () => 1)).toBe(8000);
    expect(backoffMs(3, 500, 8000, () => 0.5)).toBe(2000);
  });
});
