// Runs the TypeScript SDK against a live Kremna (with the fake provider):
//   KREMNA_BASE_URL=http://127.0.0.1:3000 [KREMNA_TOKEN=<owner's dashboard token>] node smoke.mjs
// Without KREMNA_TOKEN it registers a fresh owner. It creates API keys (with the
// token), an assistant (with a key), starts conversations, streams a reply, receives
// the reply.completed webhook on a local server and verifies its signature, lists
// conversations one per page, and sees a 429 retried on a key limited to 2 a minute.
// The stack must allow webhooks to this machine (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true).
// Needs `npm run build` first. Exits non-zero on the first thing that is wrong.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { api, createClient, Kremna, verifyWebhook } from './dist/index.js';

const baseUrl = process.env.KREMNA_BASE_URL;
if (!baseUrl) throw new Error('KREMNA_BASE_URL is required');
const check = (ok, what) => {
  if (!ok) throw new Error(`smoke: ${what}`);
};

// A fetch that remembers what went out and what came back, to show retries and pages.
const seen = [];
const recording = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  seen.push({ method: request.method, path: new URL(request.url).pathname + new URL(request.url).search, status: response.status, at: Date.now(), retryAfter: response.headers.get('retry-after') });
  return response;
};

let token = process.env.KREMNA_TOKEN;
if (!token) {
  const anonymous = createClient({ baseUrl: `${baseUrl.replace(/\/+$/, '')}/api/v1` });
  const { data, error } = await api.register({
    client: anonymous,
    body: { email: `smoke-ts-${randomUUID()}@example.com`, password: 'smoke-passphrase-1', full_name: 'Smoke TS' },
  });
  check(data, `register failed: ${JSON.stringify(error)}`);
  token = data.access_token;
  console.log('registered a fresh owner');
}

const owner = new Kremna({ apiKey: token, baseUrl });
const key = await owner.apiKeys.create({ name: 'smoke (ts)', access: 'write' });
check(key.secret.startsWith('kr_'), 'a created key starts with kr_');
console.log(`api key ${key.key.prefix}… created with the owner's token`);

const kremna = new Kremna({ apiKey: key.secret, baseUrl, fetch: recording });
const assistant = await kremna.assistants.create({ name: 'Smoke assistant', instructions: 'Answer briefly.' });
console.log(`assistant ${assistant.id} created with the key`);

// A webhook receiver on this machine: keeps each delivery's raw body and headers.
const deliveries = [];
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    deliveries.push({ headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(204).end();
  });
});
await new Promise((resolve) => receiver.listen(0, process.env.KREMNA_SMOKE_WEBHOOK_HOST ?? '127.0.0.1', resolve));
const hookUrl = `http://${process.env.KREMNA_SMOKE_WEBHOOK_HOST ?? '127.0.0.1'}:${receiver.address().port}/hooks`;
const hook = await api.createWebhookEndpoint({ client: kremna.client, body: { url: hookUrl, event_types: ['reply.completed'] } });
check(hook.data, `webhook endpoint refused (is WEBHOOK_ALLOW_PRIVATE_NETWORKS=true?): ${JSON.stringify(hook.error)}`);
console.log(`webhook endpoint ${hookUrl} created with the key`);

const first = await kremna.conversations.start({ assistant_id: assistant.id, user_id: 'smoke-user-1' });
const second = await kremna.conversations.start({ assistant_id: assistant.id, user_id: 'smoke-user-2' });
console.log(`conversations ${first.id}, ${second.id} started`);

const counts = {};
let text = '';
let reply;
const started = Date.now();
let firstDeltaMs;
for await (const event of kremna.streamReply(first.id, 'When do you open on Sunday?')) {
  counts[event.type] = (counts[event.type] ?? 0) + 1;
  if (event.type === 'delta') {
    firstDeltaMs ??= Date.now() - started;
    text += event.delta;
  }
  if (event.type === 'message' && event.role === 'assistant') reply = event;
  check(event.type !== 'error', `the reply failed: ${JSON.stringify(event)}`);
}
check(reply && reply.status === 'complete', 'the stream ends with the complete reply');
check(text === reply.content, 'the deltas add up to the reply');
console.log(`streamed reply: ${JSON.stringify(counts)}; first delta after ${firstDeltaMs} ms; ${reply.content.length} characters`);

const deadline = Date.now() + 30_000;
let event;
while (!event && Date.now() < deadline) {
  for (const d of deliveries) {
    const body = verifyWebhook(d.body, d.headers, hook.data.secret);
    if (body.type === 'reply.completed') event = { body, id: d.headers['webhook-id'] };
  }
  if (!event) await new Promise((r) => setTimeout(r, 200));
}
receiver.close();
check(event, 'a signed reply.completed webhook arrives within 30 s');
check(JSON.stringify(event.body).includes(first.id), 'the webhook names the conversation');
let forged = false;
try {
  verifyWebhook(Buffer.concat([deliveries[0].body, Buffer.from(' ')]), deliveries[0].headers, hook.data.secret);
} catch {
  forged = true;
}
check(forged, 'a changed body fails verification');
console.log(`webhook ${event.id} (reply.completed) received and its signature verified; a changed body is refused`);

const before = seen.length;
const listed = [];
for await (const c of kremna.conversations.list({ limit: 1, assistant_id: assistant.id })) listed.push(c.id);
const pages = seen.slice(before).filter((r) => r.path.startsWith('/api/v1/conversations?'));
check(listed.length === 2 && listed.includes(first.id) && listed.includes(second.id), 'both conversations are listed');
check(pages.length === 2 && pages[1].path.includes('after='), 'one conversation per page, the second asked with after=');
console.log(`listed ${listed.length} conversations over ${pages.length} pages (limit=1)`);

// The same two chats through the inbox's list (`GET /chats`), paged with `after` too.
const chatsBefore = seen.length;
const chats = [];
for await (const c of kremna.chats.list({ limit: 1, assistant_id: assistant.id })) chats.push(c.id);
const chatPages = seen.slice(chatsBefore).filter((r) => r.path.startsWith('/api/v1/chats?'));
check(chats.length === 2 && chats.includes(first.id) && chats.includes(second.id), 'both chats are listed');
check(chatPages.length === 2 && chatPages[1].path.includes('after=') && !chatPages[1].path.includes('cursor='), 'the chats list pages with after=');
console.log(`listed ${chats.length} chats over ${chatPages.length} pages (limit=1)`);

const slowKey = await owner.apiKeys.create({ name: 'smoke (ts) 2/min', access: 'read', rate_limit_per_minute: 2 });
const slow = new Kremna({ apiKey: slowKey.secret, baseUrl, fetch: recording, retry: { maxRetries: 3, maxRetryAfterMs: 65_000 } });
const mark = seen.length;
const t0 = Date.now();
for (let i = 0; i < 3; i++) await slow.assistants.list();
const calls = seen.slice(mark);
const limited = calls.find((r) => r.status === 429);
check(limited, 'the third request in a minute is answered 429');
check(calls.at(-1).status === 200, 'the 429 was retried until it succeeded');
console.log(`rate limit: statuses ${calls.map((r) => r.status).join(' ')}; Retry-After ${limited.retryAfter} s; three lists took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log('smoke (typescript): ok');
