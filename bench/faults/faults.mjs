// The fault table (bench/faults/run starts this after building): a deployment of
// separate processes on a Redis and a PostgreSQL of its own, visitors chatting the way
// the widget does, one fault per phase, and the books kept against the database.
//
// Environment: FAULTS_BIN (the built services), FAULTS_STATE (logs), FAULT_VISITORS
// (default 20), FAULT_SECONDS (default 12: how long visitors keep asking per phase),
// FAULTS (comma-separated phase ids; default all).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { io } from "socket.io-client";

const BIN = process.env.FAULTS_BIN;
const STATE = process.env.FAULTS_STATE ?? os.tmpdir();
const VISITORS = Number(process.env.FAULT_VISITORS ?? 20);
const SECONDS = Number(process.env.FAULT_SECONDS ?? 12);
const ONLY = process.env.FAULTS ? new Set(process.env.FAULTS.split(",")) : null;
const API_KEY = "faults-fake-key";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line) => process.stderr.write(`==> ${line}\n`);

fs.mkdirSync(path.join(STATE, "logs"), { recursive: true });

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A service process the harness can start again, signal and wait for. */
class Proc {
  constructor(name, command, args, env) {
    Object.assign(this, { name, command, args, env, child: null, exited: null });
  }
  start() {
    const log = fs.openSync(path.join(STATE, "logs", `${this.name}.log`), "a");
    this.child = spawn(this.command, this.args, { env: this.env, stdio: ["ignore", log, log] });
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
    this.child.once("exit", () => fs.closeSync(log));
    return this;
  }
  get running() {
    return this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
  signal(sig) {
    if (this.running) this.child.kill(sig);
  }
  async stop() {
    if (!this.running) return;
    this.signal("SIGCONT");
    this.signal("SIGTERM");
    const done = await Promise.race([this.exited, sleep(15000).then(() => null)]);
    if (!done) {
      this.signal("SIGKILL");
      await this.exited;
    }
  }
}

async function status(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.status;
  } catch {
    return 0;
  }
}

async function until(check, ms, what) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

// ---- Redis and PostgreSQL of our own --------------------------------------------
const redisPort = await freePort();
const redis = new Proc("redis", "redis-server", [
  "--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
], process.env);

const pgBin = ["17", "16", "15"].map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => fs.existsSync(`${d}/initdb`));
if (!pgBin) throw new Error("PostgreSQL's initdb is needed (apt-get install -y postgresql)");
const pgPort = await freePort();
const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "kremna-faults-pg-"));
const asRoot = process.getuid?.() === 0;
const pgTool = (tool, args) => {
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", `${pgBin}/${tool}`, ...args]] : [`${pgBin}/${tool}`, args];
  const out = spawnSync(cmd, argv, { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${tool} failed: ${out.stderr}${out.stdout}`);
};
if (asRoot) execFileSync("chown", ["postgres:postgres", pgDir]);
pgTool("initdb", ["-D", `${pgDir}/data`, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
const pgStart = () =>
  pgTool("pg_ctl", [
    "-D", `${pgDir}/data`, "-l", `${pgDir}/server.log`, "-w", "-t", "30", "-o",
    `-p ${pgPort} -c listen_addresses=127.0.0.1 -k ${pgDir} -c fsync=off -c synchronous_commit=off -c max_connections=200`,
    "start",
  ]);
const pgStop = () => pgTool("pg_ctl", ["-D", `${pgDir}/data`, "-m", "fast", "-w", "-t", "30", "stop"]);
const DB = "kremna_faults";
const sql = (query) =>
  execFileSync("psql", ["-h", "127.0.0.1", "-p", String(pgPort), "-U", "postgres", "-d", DB, "-At", "-c", query], {
    encoding: "utf8",
  }).trim();

// ---- the deployment ---------------------------------------------------------------
const [apiPort, nodeAPort, nodeBPort, w1Port, w2Port, fakePort] = await Promise.all(Array.from({ length: 6 }, freePort));
const PUBLIC_URL = `http://127.0.0.1:${apiPort}`;
const env = {
  PATH: process.env.PATH,
  DATABASE_URL: `postgres://kremna_app@127.0.0.1:${pgPort}/${DB}`,
  DATABASE_ADMIN_URL: `postgres://postgres@127.0.0.1:${pgPort}/${DB}`,
  REDIS_URL: `redis://127.0.0.1:${redisPort}/?protocol=resp3`,
  REDIS_KEY_PREFIX: "kremna-faults",
  JWT_SECRET: "faults-harness-secret-0123456789abcdef0123",
  KREMNA_ENV: "production",
  HOST: "127.0.0.1",
  PUBLIC_URL,
  REALTIME_PUBLIC_URL: `http://127.0.0.1:${nodeAPort}`,
  MISTRAL_BASE_URL: `http://127.0.0.1:${fakePort}`,
  MISTRAL_API_KEY: API_KEY,
  // The table is about faults, not abuse: lift the limits.
  RATE_VISITOR_MESSAGES_PER_MINUTE: "100000",
  RATE_CHATS_PER_IP_PER_HOUR: "1000000",
  RATE_TENANT_REPLIES_PER_MINUTE: "1000000",
  RATE_ADDRESS_MESSAGES_PER_MINUTE: "1000000",
  REALTIME_MAX_CONNECTIONS_PER_IP: "100000",
  // A shorter heartbeat than production's 5 s × 3, so a dead worker's jobs move in 3 s.
  WORKER_HEARTBEAT_MS: "1000",
  ORPHAN_MISSED_HEARTBEATS: "3",
  REPLY_TIMEOUT_SECONDS: "5",
  REPLY_RETRY_BASE_MS: "200",
  DASHBOARD_DIR: "/nonexistent",
  WIDGET_DIR: "/nonexistent",
  RUST_LOG: "warn",
};
const api = new Proc("api", `${BIN}/kremna-api`, [], { ...env, PORT: String(apiPort) });
const nodeA = new Proc("realtime-a", `${BIN}/kremna-realtime`, [], { ...env, REALTIME_PORT: String(nodeAPort) });
const nodeB = new Proc("realtime-b", `${BIN}/kremna-realtime`, [], { ...env, REALTIME_PORT: String(nodeBPort) });
const w1 = new Proc("worker-1", `${BIN}/kremna-worker`, [], { ...env, WORKER_NAME: "faults-worker-1", WORKER_HEALTH_PORT: String(w1Port) });
const w2 = new Proc("worker-2", `${BIN}/kremna-worker`, [], { ...env, WORKER_NAME: "faults-worker-2", WORKER_HEALTH_PORT: String(w2Port) });
const fake = new Proc("fake-mistral", `${BIN}/fake-mistral`, [
  "--listen", `127.0.0.1:${fakePort}`, "--api-key", API_KEY, "--ttft-ms", "150", "--inter-token-ms", "25", "--reply-words", "40",
], env);
const services = [api, nodeA, nodeB, w1, w2];
const readiness = [
  `${PUBLIC_URL}/readyz`,
  `http://127.0.0.1:${nodeAPort}/readyz`,
  `http://127.0.0.1:${nodeBPort}/readyz`,
  `http://127.0.0.1:${w1Port}/readyz`,
  `http://127.0.0.1:${w2Port}/readyz`,
];
const allReady = async () => (await Promise.all(readiness.map(status))).every((s) => s === 200);

async function shutdown() {
  for (const p of [...services, fake, redis]) await p.stop().catch(() => {});
  try {
    pgStop();
  } catch {
    /* already down */
  }
  fs.rmSync(pgDir, { recursive: true, force: true });
}
process.on("SIGINT", () => shutdown().then(() => process.exit(130)));

async function fakeConfig(method, body) {
  await fetch(`http://127.0.0.1:${fakePort}/_fake/config`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
const BASE_FAKE = { api_key: API_KEY, reply: { lorem: { tokens: 40 } }, time_to_first_token_ms: 150, inter_token_delay_ms: 25 };

// ---- visitors that behave like the widget -----------------------------------------
let assistantId;

class Visitor {
  constructor(n, url) {
    Object.assign(this, { n, url, chatId: null, token: null, ready: false, closed: false, starting: false });
    this.sent = new Set(); // clientMessageIds tried
    this.accepted = new Set(); // acknowledged
    this.received = new Map(); // final reply id -> "live" | "resume"
    this.seqs = new Set();
    this.lastSeq = 0; // highest seq with everything below it: the resume cursor
    this.retries = 0;
    this.connects = 0;
    this.sock = io(url, {
      transports: ["websocket"],
      extraHeaders: { Origin: PUBLIC_URL },
      reconnection: true,
      reconnectionDelay: 300,
      reconnectionDelayMax: 2000,
      timeout: 5000,
    });
    this.sock.on("connect", () => {
      this.connects++;
      this.start();
    });
    this.sock.on("disconnect", (reason) => {
      this.ready = false;
      // Socket.IO does not reconnect after a server-side disconnect; the widget does.
      if (reason === "io server disconnect" && !this.closed) setTimeout(() => this.sock.connect(), 500);
    });
    this.sock.on("connect_error", () => {
      if (!this.sock.active && !this.closed) setTimeout(() => this.sock.connect(), 1000);
    });
    this.sock.on("new_message", (m) => this.final(m, "live"));
  }

  note(seq) {
    if (!Number.isInteger(seq)) return;
    this.seqs.add(seq);
    while (this.seqs.has(this.lastSeq + 1)) this.lastSeq++;
  }

  final(m, how) {
    if (!m || (this.chatId && m.chatId && m.chatId !== this.chatId)) return;
    this.note(m.seq);
    if (m.role === "assistant" && (m.status === "complete" || m.status === "failed") && !this.received.has(m.id)) {
      this.received.set(m.id, how);
    }
    // A final message past a gap: a broadcast was lost; resume on this connection.
    if (how === "live" && this.ready && [...this.seqs].some((s) => s > this.lastSeq)) this.start();
  }

  async start() {
    if (this.starting) return;
    this.starting = true;
    try {
      while (this.sock.connected && !this.closed) {
        const payload = this.chatId
          ? { assistantId, chatId: this.chatId, visitorToken: this.token, lastSeq: this.lastSeq }
          : { assistantId, visitorId: `faults-${this.n}` };
        let ack;
        try {
          ack = await this.sock.timeout(8000).emitWithAck("start_chat", payload);
        } catch {
          ack = { ok: false, error: { code: "timeout" } };
        }
        if (ack.ok) {
          this.chatId = ack.chatId ?? ack.id;
          this.token = ack.visitorToken;
          for (const m of ack.messages ?? []) this.final(m, "resume");
          this.ready = true;
          return;
        }
        await sleep(1000 * Math.min(3, ack.error?.retryAfter ?? 1));
      }
    } finally {
      this.starting = false;
    }
  }

  async whenReady(ms = 30000) {
    const started = Date.now();
    while (!(this.ready && this.sock.connected) && Date.now() - started < ms && !this.closed) await sleep(50);
    return this.ready && this.sock.connected;
  }

  /** Sends until acknowledged, as the widget does: same clientMessageId on every try. */
  async send(cmid, content) {
    this.sent.add(cmid);
    const started = Date.now();
    while (Date.now() - started < 45000 && !this.closed) {
      if (!(await this.whenReady())) continue;
      let ack;
      try {
        ack = await this.sock.timeout(8000).emitWithAck("send_message", { chatId: this.chatId, content, clientMessageId: cmid });
      } catch {
        ack = { ok: false, error: { code: "timeout" } };
      }
      if (ack.ok) {
        this.accepted.add(cmid);
        this.note(ack.message?.seq);
        return;
      }
      this.retries++;
      await sleep(1000 * Math.min(2, ack.error?.retryAfter ?? 1));
    }
  }

  async chat(untilMs) {
    for (let i = 0; Date.now() < untilMs && !this.closed; i++) {
      await this.send(`v${this.n}-${i}`, `Question ${i} from visitor ${this.n}`);
      const asked = Date.now();
      while (this.received.size < this.accepted.size && Date.now() - asked < 20000 && !this.closed) await sleep(50);
      await sleep(300 + Math.random() * 700);
    }
  }

  close() {
    this.closed = true;
    this.sock.close();
  }
}

// ---- the books ---------------------------------------------------------------------
function rows(chatIds) {
  if (!chatIds.length) return [];
  const list = chatIds.map((id) => `'${id}'`).join(",");
  const json = sql(
    `SELECT coalesce(json_agg(json_build_object('id', id, 'chat', chat_id, 'role', role, 'status', status,
       'replyTo', reply_to, 'cmid', client_message_id)), '[]') FROM messages WHERE chat_id IN (${list})`,
  );
  return JSON.parse(json);
}

async function settle(visitors) {
  const chats = visitors.map((v) => v.chatId).filter(Boolean);
  await until(
    async () => {
      const all = rows(chats);
      const finals = new Set(all.filter((m) => m.role === "assistant" && ["complete", "failed"].includes(m.status)).map((m) => m.replyTo));
      return all.filter((m) => m.role === "user").every((m) => finals.has(m.id));
    },
    60000,
    "every stored question answered",
  ).catch((err) => say(`warning: ${err.message}`));
}

function account(visitors) {
  const all = rows(visitors.map((v) => v.chatId).filter(Boolean));
  const users = all.filter((m) => m.role === "user");
  const byCmid = new Map();
  for (const m of users) byCmid.set(m.cmid, (byCmid.get(m.cmid) ?? 0) + 1);
  const received = new Map();
  for (const v of visitors) for (const [id, how] of v.received) received.set(id, how);
  let live = 0, resume = 0, lost = 0, dup = 0, failed = 0;
  for (const [, n] of byCmid) dup += n - 1;
  for (const v of visitors) for (const cmid of v.accepted) if (!byCmid.has(cmid)) lost++; // acknowledged, never stored
  for (const q of users) {
    const replies = all.filter((m) => m.role === "assistant" && m.replyTo === q.id && ["complete", "failed"].includes(m.status));
    if (replies.length > 1) dup += replies.length - 1;
    const reply = replies[0];
    if (!reply) {
      lost++;
      continue;
    }
    if (reply.status === "failed") failed++;
    const how = received.get(reply.id);
    if (how === "live") live++;
    else if (how === "resume") resume++;
    else lost++;
  }
  const sent = visitors.reduce((n, v) => n + v.sent.size, 0);
  const retries = visitors.reduce((n, v) => n + v.retries, 0);
  const reconnects = visitors.reduce((n, v) => n + Math.max(0, v.connects - 1), 0);
  return { sent, stored: users.length, live, resume, lost, dup, failed, retries, reconnects };
}

// ---- faults -------------------------------------------------------------------------
const restart = async (p, pauseMs = 1000) => {
  p.signal("SIGKILL");
  await p.exited;
  await sleep(pauseMs);
  p.start();
};
const freeze = async (p, ms = 5000) => {
  p.signal("SIGSTOP");
  await sleep(ms);
  p.signal("SIGCONT");
};
const term = async (p) => {
  p.signal("SIGTERM");
  await p.exited;
  p.start();
};
const provider = (fault, every) => ({
  act: () => fakeConfig("POST", { ...BASE_FAKE, fault_every_nth: every, fault }),
  undo: () => fakeConfig("POST", BASE_FAKE),
});

const PHASES = [
  { id: "baseline", name: "none (baseline)", act: async () => {} },
  { id: "worker-kill", name: "worker kill -9, back in 1 s (same name)", act: () => restart(w1) },
  { id: "worker-kill-stays", name: "worker kill -9, stays down", act: async () => { w1.signal("SIGKILL"); await w1.exited; }, undo: () => w1.start() },
  { id: "worker-stop", name: "worker SIGSTOP 5 s", act: () => freeze(w1) },
  { id: "worker-term", name: "worker SIGTERM, restarted", act: () => term(w1) },
  { id: "realtime-kill", name: "realtime kill -9, back in 1 s", act: () => restart(nodeA) },
  { id: "realtime-stop", name: "realtime SIGSTOP 5 s", act: () => freeze(nodeA) },
  { id: "realtime-term", name: "realtime SIGTERM, restarted", act: () => term(nodeA) },
  { id: "api-kill", name: "api kill -9, back in 1 s", act: () => restart(api) },
  { id: "api-stop", name: "api SIGSTOP 5 s", act: () => freeze(api) },
  { id: "api-term", name: "api SIGTERM, restarted", act: () => term(api) },
  { id: "redis-restart", name: "Redis restart (down 1 s)", act: () => restart(redis) },
  { id: "redis-hang", name: "Redis SIGSTOP 5 s", act: () => freeze(redis) },
  {
    id: "postgres-restart",
    name: "Postgres restart (down 1 s)",
    act: async () => {
      pgStop();
      await sleep(1000);
      pgStart();
    },
  },
  { id: "provider-500", name: "provider 500 (every 3rd call)", ...provider({ status: { code: 500 } }, 3) },
  { id: "provider-429", name: "provider 429 + Retry-After 1 (every 3rd)", ...provider({ status: { code: 429, retry_after_secs: 1 } }, 3) },
  { id: "provider-hang", name: "provider hangs (every 4th; 5 s timeout)", ...provider("timeout", 4) },
  { id: "provider-cut", name: "provider cuts streams (every 3rd)", ...provider({ disconnect_after_chunks: 5 }, 3) },
  {
    id: "client-drops",
    name: "visitors' connections dropped mid-reply",
    act: async (visitors) => {
      for (let round = 0; round < 4; round++) {
        for (const v of visitors) if (Math.random() < 0.4) v.sock.io.engine?.close();
        await sleep(1500);
      }
    },
  },
];

async function runPhase(phase) {
  const visitors = Array.from({ length: VISITORS }, (_, n) => new Visitor(n, n % 2 ? `http://127.0.0.1:${nodeBPort}` : `http://127.0.0.1:${nodeAPort}`));
  const end = Date.now() + SECONDS * 1000;
  const chatting = Promise.all(visitors.map((v) => v.chat(end)));
  await sleep((SECONDS * 1000) / 3);
  say(`${phase.name}: now`);
  await phase.act(visitors);
  await chatting;
  if (phase.undo) await phase.undo();
  await until(allReady, 60000, "every service ready again").catch((err) => say(`warning: ${err.message}`));
  await settle(visitors);
  // The widget resumes when it reconnects; a last resume shows what never arrived.
  await Promise.all(visitors.map(async (v) => (await v.whenReady(10000)) && v.start()));
  await sleep(1000);
  const result = account(visitors);
  visitors.forEach((v) => v.close());
  return result;
}

// ---- run ----------------------------------------------------------------------------
try {
  redis.start();
  pgStart();
  await until(async () => spawnSync("redis-cli", ["-p", String(redisPort), "ping"], { encoding: "utf8" }).stdout.includes("PONG"), 10000, "redis");
  const migrated = spawnSync(`${BIN}/kremna-api`, ["migrate"], { env, encoding: "utf8" });
  if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  fake.start();
  services.forEach((p) => p.start());
  await until(allReady, 60000, "every service ready");
  await fakeConfig("POST", BASE_FAKE);

  const reg = await fetch(`${PUBLIC_URL}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `faults-${Date.now()}@example.com`, password: "fault table passphrase", full_name: "Faults" }),
  }).then((r) => r.json());
  const made = await fetch(`${PUBLIC_URL}/api/v1/assistants`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${reg.access_token}` },
    body: JSON.stringify({ name: "Faults", instructions: "Answer briefly." }),
  }).then((r) => r.json());
  assistantId = made.id;
  if (!assistantId) throw new Error(`no assistant: ${JSON.stringify(made)}`);

  say(`${VISITORS} visitors (half on each of two realtime nodes), ${SECONDS} s of questions per fault; two workers`);
  const table = [];
  for (const phase of PHASES) {
    if (ONLY && !ONLY.has(phase.id)) continue;
    say(`fault: ${phase.name}`);
    table.push({ fault: phase.name, ...(await runPhase(phase)) });
  }

  const cols = [
    ["fault", "fault"], ["sent", "sent"], ["stored", "stored"], ["live", "received live"],
    ["resume", "after resume"], ["lost", "lost"], ["dup", "duplicated"], ["failed", "failed (polite)"], ["retries", "sends retried"], ["reconnects", "reconnects"],
  ];
  const widths = cols.map(([k, h]) => Math.max(h.length, ...table.map((r) => String(r[k]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  console.log(line(cols.map(([, h]) => h)));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of table) console.log(line(cols.map(([k]) => r[k])));
  await shutdown();
  process.exit(table.some((r) => r.lost || r.dup) ? 1 : 0);
} catch (err) {
  say(`error: ${err.stack ?? err}`);
  await shutdown();
  process.exit(2);
}
