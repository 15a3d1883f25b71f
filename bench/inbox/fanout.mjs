// Live inbox fan-out (issue 10): how long a visitor's message takes to reach every open
// dashboard. Started by bench/inbox/run, which owns the stack; this script only drives it.
//
//   node fanout.mjs '{"url": "<realtime>", "api": "<PUBLIC_URL>/api/v1", "email": "...",
//     "password": "...", "assistantId": "...", "origin": "<PUBLIC_URL>", "dashboards": 20,
//     "watchers": 5, "visitors": 100, "rate": 50, "seconds": 60, "pidsFile": "..."}'
//
// What it does, all with the npm socket.io-client over websocket:
//   1. signs in `dashboards` times (POST /auth/login: one access token per dashboard, as
//      one per browser tab) and connects each to `/agents` with `auth: {token}`;
//   2. opens `visitors` widget connections on `/` (Origin: the platform's own pages) and
//      starts a chat in each; each visitor sends one warm-up message and waits for its
//      reply, because a chat exists (and can be watched) only from its first message;
//   3. the first `watchers` dashboards send `watch_chat` for every chat (a worst case: in
//      use, a member watches the one or two transcripts open on screen);
//   4. sends `rate` messages per second for `seconds`, on a fixed open-loop schedule,
//      round-robin over the visitors (a visitor may send again before its last reply is
//      done; replies are matched to their message by `replyTo`, not by order);
//   5. waits for everything still due (at most `drainSeconds`), then prints per dashboard
//      the delay from the visitor's `send_message` to that dashboard's `new_message` (the
//      visitor's message, and the assistant's final reply), the first `message_delta` of
//      each reply on watching dashboards, and counts received against expected.
//
// Times are taken in this one process, so they include its own event-loop queueing under
// the same load; the loop's delay is printed alongside so it can be told apart.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io } from "socket.io-client";

const args = JSON.parse(process.argv[2]);
const {
  url,
  api,
  email,
  password,
  assistantId,
  origin,
  dashboards: dashboardCount = 20,
  watchers: watcherCount = 5,
  visitors: visitorCount = 100,
  rate = 50,
  seconds = 60,
  drainSeconds = 120,
  pidsFile = null,
  clockTicks = 100,
  label = "",
} = args;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();
const MEASURED = /^fanout message (\d+) /;

function connect(path, options) {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}${path}`, { transports: ["websocket"], reconnection: false, forceNew: true, ...options });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(new Error(`${path} connect: ${err.message}`)));
  });
}

async function login() {
  const res = await fetch(`${api}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

// ---- what was sent ----------------------------------------------------------------
/** k → send time (ms, performance.now) for measured message k. */
const sentAt = new Map();
/** The visitor message's id (from its ack or any dashboard's copy) → k. */
const kOfMessageId = new Map();
/** A reply's id → the visitor message it answers (`replyTo`). */
const replyToOf = new Map();
const sendErrors = [];
/** Visitor message ids whose reply came back `failed`. */
const failedReplyTo = new Set();

function noteMessage(m) {
  const match = m.role === "user" ? MEASURED.exec(m.content) : null;
  if (match) kOfMessageId.set(m.id, Number(match[1]));
  if (m.role === "assistant" && m.replyTo) {
    replyToOf.set(m.id, m.replyTo);
    if (m.status !== "complete") failedReplyTo.add(m.replyTo);
  }
}

// ---- dashboards -----------------------------------------------------------------
class Dashboard {
  constructor(index, socket, watching) {
    this.index = index;
    this.socket = socket;
    this.watching = watching;
    /** k → when this dashboard got the visitor's message. */
    this.userAt = new Map();
    /** visitor message id → when this dashboard got the final reply to it. */
    this.replyAt = new Map();
    /** reply id → when this dashboard got its first delta. */
    this.firstDeltaAt = new Map();
    this.disconnects = 0;
    socket.on("new_message", (m) => {
      const t = now();
      noteMessage(m);
      if (m.role === "user") {
        const match = MEASURED.exec(m.content);
        if (match && !this.userAt.has(Number(match[1]))) this.userAt.set(Number(match[1]), t);
      } else if (m.role === "assistant" && m.replyTo && !this.replyAt.has(m.replyTo)) {
        this.replyAt.set(m.replyTo, t);
      }
    });
    socket.on("message_delta", (d) => {
      if (!this.firstDeltaAt.has(d.messageId)) this.firstDeltaAt.set(d.messageId, now());
    });
    socket.on("disconnect", () => this.disconnects++);
  }
}

// ---- visitors -------------------------------------------------------------------
class Visitor {
  constructor(index, socket, chatId) {
    this.index = index;
    this.socket = socket;
    this.chatId = chatId;
    /** visitor message id → when the widget got the final reply (the baseline). */
    this.replyAt = new Map();
    this.waiters = [];
    socket.on("new_message", (m) => {
      const t = now();
      noteMessage(m);
      if (m.role !== "assistant") return;
      if (m.replyTo && !this.replyAt.has(m.replyTo)) this.replyAt.set(m.replyTo, t);
      for (const w of this.waiters.splice(0)) w(m);
    });
  }
  nextReply() {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

function cpuOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return { ticks: Number(fields[11]) + Number(fields[12]), rssKib: rss ? Number(rss[1]) : null };
  } catch {
    return null;
  }
}

function services() {
  if (!pidsFile) return [];
  return readFileSync(pidsFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [pid, name] = line.trim().split(/\s+/);
      return { pid: Number(pid), name };
    });
}

// ---- run ------------------------------------------------------------------------
const log = (s) => process.stderr.write(`${s}\n`);

log(`signing in ${dashboardCount} dashboards`);
const tokens = [];
for (let i = 0; i < dashboardCount; i++) tokens.push(await login());
const dashboards = await Promise.all(
  tokens.map(async (token, i) => new Dashboard(i, await connect("/agents", { auth: { token } }), i < watcherCount)),
);

log(`starting ${visitorCount} visitors' chats (one warm-up message each)`);
const visitors = await Promise.all(
  Array.from({ length: visitorCount }, async (_, i) => {
    const socket = await connect("/", { extraHeaders: { Origin: origin } });
    const started = await socket.timeout(15000).emitWithAck("start_chat", { assistantId, visitorId: `fanout-${i}` });
    if (!started.ok) throw new Error(`start_chat: ${JSON.stringify(started)}`);
    const visitor = new Visitor(i, socket, started.id);
    const reply = visitor.nextReply();
    const ack = await socket.timeout(15000).emitWithAck("send_message", { chatId: started.id, content: `warm-up from visitor ${i}` });
    if (!ack.ok) throw new Error(`warm-up send_message: ${JSON.stringify(ack)}`);
    await reply;
    return visitor;
  }),
);

const watching = dashboards.filter((d) => d.watching);
log(`${watching.length} dashboards watch all ${visitorCount} chats`);
await Promise.all(
  watching.flatMap((d) =>
    visitors.map(async (v) => {
      const ack = await d.socket.timeout(15000).emitWithAck("watch_chat", { chatId: v.chatId });
      if (!ack.ok) throw new Error(`watch_chat: ${JSON.stringify(ack)}`);
    }),
  ),
);
await sleep(1000);

const total = Math.round(rate * seconds);
const interval = 1000 / rate;
log(`sending ${rate} messages/s for ${seconds} s (${total} messages)`);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const cpuBefore = services().map((s) => ({ ...s, before: cpuOf(s.pid) }));
const clientCpuBefore = process.cpuUsage();
const loadBefore = loadavg()[0];
const wallStart = now();
let scheduleLagMax = 0;
let acked = 0;

await new Promise((resolve) => {
  let k = 0;
  const tick = () => {
    const t = now();
    // Everything due by now goes out, so the rate holds even when a timer fires late.
    while (k < total && wallStart + k * interval <= t) {
      const v = visitors[k % visitorCount];
      const sent = now();
      scheduleLagMax = Math.max(scheduleLagMax, sent - (wallStart + k * interval));
      sentAt.set(k, sent);
      const mine = k;
      v.socket.emit("send_message", { chatId: v.chatId, content: `fanout message ${mine} from visitor ${v.index}`, clientMessageId: `fanout-${mine}` }, (ack) => {
        if (ack?.ok) {
          acked++;
          kOfMessageId.set(ack.message.id, mine);
        } else sendErrors.push(ack?.error ?? ack);
      });
      k++;
    }
    if (k < total) setTimeout(tick, Math.max(0, wallStart + k * interval - now()));
    else resolve();
  };
  tick();
});
const sendSeconds = (now() - wallStart) / 1000;
const cpuAfter = cpuBefore.map((s) => ({ ...s, after: cpuOf(s.pid) }));
const clientCpu = process.cpuUsage(clientCpuBefore);
const loadAfter = loadavg()[0];
loopDelay.disable();

// Wait for what is still on its way: every dashboard has every message and its reply.
// (Replies are keyed by the message they answer; the warm-up's are not counted.)
const measuredReplies = (replyAt) => {
  let n = 0;
  for (const messageId of replyAt.keys()) if (kOfMessageId.has(messageId)) n++;
  return n;
};
// First every reply is written (the widgets have them all: they resume what they miss),
// at most `drainSeconds`; then the dashboards get a few seconds more for what is in flight.
// A reply no widget has by then is "unfinished" (the stack is behind), not lost.
const widgetsDone = () =>
  acked + sendErrors.length === total && visitors.reduce((n, v) => n + measuredReplies(v.replyAt), 0) >= acked;
const dashboardsDone = () =>
  dashboards.every((d) => d.userAt.size >= acked && measuredReplies(d.replyAt) >= acked);
const drainStart = now();
while (!widgetsDone() && now() - drainStart < drainSeconds * 1000) await sleep(100);
const graceStart = now();
while (!dashboardsDone() && now() - graceStart < 5000) await sleep(100);

// ---- report -----------------------------------------------------------------------
const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
function summary(xs) {
  if (xs.length === 0) return "n=0";
  const s = [...xs].sort((a, b) => a - b);
  const f = (x) => x.toFixed(1).padStart(7);
  return `p50 ${f(pct(s, 0.5))}  p95 ${f(pct(s, 0.95))}  p99 ${f(pct(s, 0.99))}  max ${f(s.at(-1))} ms  (n=${s.length})`;
}
const measuredK = (messageId) => kOfMessageId.get(messageId);

const userDelays = [];
const replyDelays = [];
const deltaDelays = [];
const perDashboard = dashboards.map((d) => {
  let replies = 0;
  for (const [k, t] of d.userAt) userDelays.push(t - sentAt.get(k));
  for (const [messageId, t] of d.replyAt) {
    const k = measuredK(messageId);
    if (k === undefined) continue; // a warm-up message
    replies++;
    replyDelays.push(t - sentAt.get(k));
  }
  let deltas = 0;
  for (const [replyId, t] of d.firstDeltaAt) {
    const k = measuredK(replyToOf.get(replyId));
    if (k === undefined) continue;
    deltas++;
    deltaDelays.push(t - sentAt.get(k));
  }
  return { index: d.index, watching: d.watching, messages: d.userAt.size, replies, deltas, disconnects: d.disconnects };
});
const widgetDelays = [];
for (const v of visitors) {
  for (const [messageId, t] of v.replyAt) {
    const k = measuredK(messageId);
    if (k !== undefined) widgetDelays.push(t - sentAt.get(k));
  }
}

/** Measured messages whose reply reached at least one socket: the replies that exist. */
const repliesWritten = new Set();
for (const [replyId, messageId] of replyToOf) if (measuredK(messageId) !== undefined) repliesWritten.add(replyId);
const written = repliesWritten.size;
const range = (xs) => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`);
const expected = { messages: acked, replies: written };
const lost = (key) => perDashboard.reduce((n, d) => n + (expected[key] - d[key]), 0);
const watchRows = perDashboard.filter((d) => d.watching);
const ld = (q) => (loopDelay.percentile(q) / 1e6).toFixed(1);

const out = [];
out.push("");
out.push(`Kremna live inbox fan-out${label ? ` (${label})` : ""}`);
out.push(`  ${dashboardCount} dashboards on /agents (${watcherCount} watching all ${visitorCount} chats), ${visitorCount} visitors,`);
out.push(`  ${total} messages at ${rate}/s over ${sendSeconds.toFixed(1)} s (latest send ${scheduleLagMax.toFixed(1)} ms behind schedule), acked ${acked}, refused ${sendErrors.length}`);
out.push("");
out.push("  visitor send_message → dashboard new_message (the visitor's message), every dashboard:");
out.push(`    ${summary(userDelays)}`);
out.push(`    received per dashboard ${range(perDashboard.map((d) => d.messages))} of ${acked}; lost in total ${lost("messages")}`);
out.push("  visitor send_message → dashboard new_message (the assistant's final reply), every dashboard:");
out.push(`    ${summary(replyDelays)}`);
out.push(`    received per dashboard ${range(perDashboard.map((d) => d.replies))} of ${written} written (${acked - written} unfinished when the run ended); lost in total ${lost("replies")}; failed replies ${[...failedReplyTo].filter((id) => measuredK(id) !== undefined).length}`);
// Which dashboards lost what: a watching socket also carries every delta, so a full
// per-socket send buffer on the node shows there first.
const losers = perDashboard.filter((d) => d.messages < acked || d.replies < written);
for (const d of losers) {
  out.push(`    dashboard #${d.index}${d.watching ? " (watching)" : ""} lost ${acked - d.messages} message(s), ${written - d.replies} reply(ies)`);
}
if (watchRows.length > 0) {
  out.push(`  visitor send_message → first message_delta, ${watchRows.length} watching dashboards:`);
  out.push(`    ${summary(deltaDelays)}`);
  out.push(`    replies with a delta per watcher ${range(watchRows.map((d) => d.deltas))} of ${written}`);
}
out.push("  for comparison, the visitor's own widget: send_message → final reply");
out.push(`    ${summary(widgetDelays)}`);
out.push(`  dashboard disconnects during the run: ${perDashboard.reduce((n, d) => n + d.disconnects, 0)}`);
out.push("");
out.push(`  CPU over the ${sendSeconds.toFixed(1)} s of sending (100 % = one core), RSS after:`);
for (const s of cpuAfter) {
  if (!s.before || !s.after) continue;
  const pctCpu = (100 * (s.after.ticks - s.before.ticks)) / clockTicks / sendSeconds;
  out.push(`    ${s.name.padEnd(9)} ${pctCpu.toFixed(0).padStart(4)} %   RSS ${(s.after.rssKib / 1024).toFixed(0)} MiB`);
}
const clientPct = (100 * (clientCpu.user + clientCpu.system)) / 1e6 / sendSeconds;
out.push(`    ${"this load".padEnd(9)} ${clientPct.toFixed(0).padStart(4)} %   RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB; its event-loop delay p50 ${ld(50)} ms p99 ${ld(99)} ms max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
// Other work on the machine (other stacks, builds) shows in these figures; say how much.
out.push(`  machine load average (1 min) ${loadBefore.toFixed(1)} before sending, ${loadAfter.toFixed(1)} after, on ${cpus().length} cores`);
if (sendErrors.length > 0) out.push(`  first refusals: ${JSON.stringify(sendErrors.slice(0, 3))}`);
console.log(out.join("\n"));

for (const d of dashboards) d.socket.close();
for (const v of visitors) v.socket.close();
const ok = sendErrors.length === 0 && lost("messages") === 0 && lost("replies") === 0 && written === acked;
process.exit(ok ? 0 : 1);
