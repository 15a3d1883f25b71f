import { afterEach, expect, it } from 'vitest';
import { Kremna } from '../src/index.js';
import { json, serve } from './server.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

const conv = (n: number) => ({ id: `c${n}`, assistant_id: 'a', user_id: `u${n}`, state: 'open', created_at: '', last_message_at: '' });

it('walks every page lazily, passing next_cursor as after and keeping the filters', async () => {
  const pages: Record<string, unknown> = {
    '': { data: [conv(1), conv(2)], has_more: true, next_cursor: 'p2' },
    p2: { data: [conv(3)], has_more: true, next_cursor: 'p3' },
    p3: { data: [conv(4)], has_more: false },
  };
  const s = await serve((req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    json(res, 200, pages[q.get('after') ?? '']);
  });
  close = s.close;
  const kremna = new Kremna({ apiKey: 'kr_live_t', baseUrl: `${s.url}/api/v1/` });

  const seen: string[] = [];
  for await (const c of kremna.conversations.list({ limit: 2, user_id: 'u' })) {
    seen.push(c.id);
    // lazy: the second page is not asked for while the first is being read
    if (c.id === 'c1') expect(s.received).toHaveLength(1);
  }
  expect(seen).toEqual(['c1', 'c2', 'c3', 'c4']);
  const queries = s.received.map((r) => new URL(r.url, 'http://x'));
  expect(queries.map((u) => u.pathname)).toEqual(['/api/v1/conversations', '/api/v1/conversations', '/api/v1/conversations']);
  expect(queries.map((u) => u.searchParams.get('after'))).toEqual([null, 'p2', 'p3']);
  expect(queries.every((u) => u.searchParams.get('limit') === '2' && u.searchParams.get('user_id') === 'u')).toBe(true);
});

it('stops early when the caller breaks', async () => {
  const s = await serve((_req, res) => json(res, 200, { data: [conv(1), conv(2)], has_more: true, next_cursor: 'more' }));
  close = s.close;
  const kremna = new Kremna({ apiKey: 'kr_live_t', baseUrl: s.url });
  for await (const c of kremna.conversations.messages('c1', { limit: 2 })) {
    expect(c.id).toBe('c1');
    break;
  }
  expect(s.received).toHaveLength(1);
  expect(s.received[0].url).toBe('/api/v1/conversations/c1/messages?limit=2');
});
