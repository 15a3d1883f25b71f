// Partner API load: `conversations` partner conversations at once, each posting
// `messages` messages one after another through `POST /conversations/{id}/messages/stream`
// and measuring, on the client, request sent → first `delta` event received, and → the
// stream's end (the final reply). After each reply the "user" pauses `thinkMs` (±50 %).
//
//   node sse.mjs '{"api": "http://…/api/v1", "key": "kr_live_…", "assistantId": "…", "conversations": 50, "messages": 20, "warmup": 3, "thinkMs": 1000}'
const args = JSON.parse(process.argv[2]);
const { api, key, assistantId, conversations = 50, messages = 20, warmup = 3, thinkMs = 0 } = args;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };

const firstDelta = [];
const fullReply = [];
const errors = [];

/** Reads an SSE body; calls `onEvent(name, data)` per event; resolves at the end. */
async function readEvents(body, onEvent) {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message";
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data += line.slice(5).trim();
      }
      if (data) onEvent(name, JSON.parse(data));
    }
  }
}

async function conversation(n) {
  const started = await fetch(`${api}/conversations`, {
    method: "POST",
    headers,
    body: JSON.stringify({ assistant_id: assistantId, user_id: `bench-user-${n}` }),
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${await started.text()}`);
  const { id } = await started.json();
  if (thinkMs > 0) await sleep(thinkMs * Math.random());
  for (let i = 0; i < warmup + messages; i++) {
    const t0 = process.hrtime.bigint();
    let first = null;
    let reply = null;
    const res = await fetch(`${api}/conversations/${id}/messages/stream`, {
      method: "POST",
      headers,
      body: JSON.stringify({ content: `question ${i} from conversation ${n}` }),
    });
    if (res.status !== 200) {
      errors.push({ status: res.status, body: await res.text() });
      continue;
    }
    await readEvents(res.body, (name, data) => {
      if (name === "delta" && first === null) first = process.hrtime.bigint();
      if (name === "message" && data.role === "assistant") reply = data;
    });
    const end = process.hrtime.bigint();
    if (reply?.status !== "complete") errors.push({ code: `reply_${reply?.status ?? "missing"}` });
    if (i >= warmup && first !== null) {
      firstDelta.push(Number(first - t0) / 1e6);
      fullReply.push(Number(end - t0) / 1e6);
    }
    if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
  }
}

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const summary = (xs) =>
  xs.length === 0
    ? { n: 0 }
    : { n: xs.length, p50: +pct(xs, 0.5).toFixed(2), p90: +pct(xs, 0.9).toFixed(2), p99: +pct(xs, 0.99).toFixed(2), max: +Math.max(...xs).toFixed(2) };

const t0 = Date.now();
await Promise.all(Array.from({ length: conversations }, (_, n) => conversation(n)));
const seconds = (Date.now() - t0) / 1000;
console.log(
  JSON.stringify({
    conversations,
    messagesPerConversation: messages,
    thinkMs,
    firstDeltaMs: summary(firstDelta),
    fullReplyMs: summary(fullReply),
    repliesPerSecond: +((conversations * (warmup + messages)) / seconds).toFixed(1),
    errors: errors.length,
    firstErrors: errors.slice(0, 3),
  }),
);
process.exit(0);
