import { afterEach, describe, expect, it } from 'vitest';
import { Kremna, KremnaError, parseSse, type FeedEvent, type SseMessage } from '../src/index.js';
import { json, serve } from './server.js';

async function collect(chunks: string[]): Promise<SseMessage[]> {
  const encoder = new TextEncoder();
  async function* body() {
    for (const c of chunks) yield encoder.encode(c);
  }
  const out: SseMessage[] = [];
  for await (const m of parseSse(body())) out.push(m);
  return out;
}

const wire =
  ': keep-alive\n\n' +
  'event: delta\ndata: {"type":"delta","text":"Merhaba ğ"}\n\n' +
  'event: message\r\ndata: {"type":"message",\r\ndata:  "x":1}\r\nid: 7\r\n\r\n' +
  'data: plain\rdata\r\r' +
  'event: typing\ndata: unfinished';

describe('parseSse', () => {
  it('parses fields, comments, multi-line data, CRLF/CR/LF, and drops an unfinished event', async () => {
    expect(await collect([wire])).toEqual([
      { event: 'delta', data: '{"type":"delta","text":"Merhaba ğ"}', id: undefined },
      { event: 'message', data: '{"type":"message",\n "x":1}', id: '7' },
      { event: 'message', data: 'plain\n', id: '7' },
    ]);
  });

  it('gives the same events however the bytes are split', async () => {
    const whole = await collect([wire]);
    const bytes = new TextEncoder().encode(wire);
    for (let cut = 1; cut < bytes.length; cut++) {
      async function* body() {
        yield bytes.slice(0, cut);
        yield bytes.slice(cut);
      }
      const out: SseMessage[] = [];
      for await (const m of parseSse(body())) out.push(m);
      expect(out, `split at ${cut}`).toEqual(whole);
    }
  });
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('streamReply', () => {
  it('yields typed events from the stream endpoint', async () => {
    const events = [
      { type: 'message', id: 'm1', chat_id: 'c', role: 'user', content: 'Hi', status: 'complete', created_at: '' },
      { type: 'typing', chat_id: 'c', is_typing: true },
      { type: 'delta', chat_id: 'c', message_id: 'r1', index: 0, attempt: 1, delta: 'Hel' },
      { type: 'delta', chat_id: 'c', message_id: 'r1', index: 1, attempt: 1, delta: 'lo' },
      { type: 'message', id: 'r1', chat_id: 'c', role: 'assistant', content: 'Hello', status: 'complete', created_at: '', reply_to: 'm1' },
    ];
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n:\n\n`);
      res.end();
    });
    close = s.close;
    const kremna = new Kremna({ apiKey: 'kr_live_t', baseUrl: s.url });
    const got: FeedEvent[] = [];
    for await (const e of kremna.streamReply('c', 'Hi')) got.push(e);
    expect(got).toEqual(events);
    const text = got.flatMap((e) => (e.type === 'delta' ? [e.delta] : [])).join('');
    expect(text).toBe('Hello');
    expect(s.received[0].url).toBe('/api/v1/conversations/c/messages/stream');
    expect(JSON.parse(s.received[0].body)).toEqual({ content: 'Hi' });
    expect(s.received[0].headers['idempotency-key']).toBeTruthy();
  });

  it('throws the API error when the stream is refused', async () => {
    const s = await serve((_req, res) => json(res, 404, { error: { code: 'not_found', message: 'No such conversation' } }));
    close = s.close;
    const kremna = new Kremna({ apiKey: 'kr_live_t', baseUrl: s.url });
    const error = await (async () => {
      for await (const _ of kremna.streamReply('nope', 'Hi')) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KremnaError);
    expect((error as KremnaError).code).toBe('not_found');
  });
});
