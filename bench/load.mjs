// Live chat load: `chats` widgets chat at once; each sends `messages` messages one after
// another and measures, on the client, send_message emitted → first message_delta
// received, and → final reply. After each reply a visitor "reads and types" for
// `thinkMs` (±50 % at random) before the next message; `thinkMs: 0` sends the next at
// once, which measures saturation rather than 50 people chatting. With think time, each
// visitor also sends their first message at a random moment within `thinkMs`.
//
//   node load.mjs '{"url": "...", "assistantId": "...", "origin": "...", "chats": 50, "messages": 40, "warmup": 3, "thinkMs": 1000}'
import { io } from "socket.io-client";

const args = JSON.parse(process.argv[2]);
const { url, assistantId, origin, chats = 50, messages = 40, warmup = 3, thinkMs = 0 } = args;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const firstDelta = [];
const fullReply = [];
const errors = [];

function connect() {
  return io(url, {
    transports: ["websocket"],
    extraHeaders: { Origin: origin },
    reconnection: false,
    forceNew: true,
  });
}

async function chat(n) {
  const s = connect();
  await new Promise((resolve, reject) => {
    s.once("connect", resolve);
    s.once("connect_error", reject);
  });
  const started = await s.timeout(10000).emitWithAck("start_chat", { assistantId, visitorId: `bench-${n}` });
  if (!started.ok) throw new Error(`start_chat: ${JSON.stringify(started)}`);
  // Visitors arrive at their own moment, not all in the same millisecond.
  if (thinkMs > 0) await sleep(thinkMs * Math.random());
  for (let i = 0; i < warmup + messages; i++) {
    const t0 = process.hrtime.bigint();
    let first = null;
    const done = new Promise((resolve) => {
      const onDelta = () => {
        if (first === null) first = process.hrtime.bigint();
      };
      const onMessage = (m) => {
        if (m.role !== "assistant") return;
        s.off("message_delta", onDelta);
        s.off("new_message", onMessage);
        resolve(m);
      };
      s.on("message_delta", onDelta);
      s.on("new_message", onMessage);
    });
    s.emit("send_message", { chatId: started.id, content: `question ${i} from chat ${n}` }, (ack) => {
      if (!ack.ok) errors.push(ack.error);
    });
    const reply = await done;
    const end = process.hrtime.bigint();
    if (reply.status !== "complete") errors.push({ code: "reply_" + reply.status });
    if (i >= warmup && first !== null) {
      firstDelta.push(Number(first - t0) / 1e6);
      fullReply.push(Number(end - t0) / 1e6);
    }
    if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
  }
  s.close();
}

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

const t0 = Date.now();
await Promise.all(Array.from({ length: chats }, (_, n) => chat(n)));
const seconds = (Date.now() - t0) / 1000;
const summary = (xs) => xs.length === 0 ? { n: 0 } : ({ n: xs.length, p50: +pct(xs, 0.5).toFixed(2), p90: +pct(xs, 0.9).toFixed(2), p99: +pct(xs, 0.99).toFixed(2), max: +Math.max(...xs).toFixed(2) });
console.log(JSON.stringify({
  chats,
  messagesPerChat: messages,
  thinkMs,
  firstDeltaMs: summary(firstDelta),
  fullReplyMs: summary(fullReply),
  repliesPerSecond: +((chats * (warmup + messages)) / seconds).toFixed(1),
  errors: errors.length,
  firstErrors: errors.slice(0, 3),
}));
process.exit(0);
