// Socket.IO client scenarios for the Rust integration tests (testing/stack runs them).
//
//   echo '<json args>' | node scenarios.mjs <scenario>
//
// Prints progress lines `MARK <name> <json>` and ends with one `RESULT <json>` line.
// Uses the npm socket.io-client that browsers use, over the transport it is given.
// Fault tests step a scenario from outside: after the arguments, each further stdin
// line (`go`) releases one `await proceed()`.
import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const [, , scenario] = process.argv;
// Arguments come as the first stdin line: they can be larger than a command line allows.
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const first = await lines.next();
const args = JSON.parse((first.done ? "" : first.value) || "{}");
/** Waits for the test to say the next step may run (a `go` line on stdin). */
const proceed = async () => {
  const line = await lines.next();
  if (line.done) throw new Error("the test closed stdin before saying go");
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TIMEOUT = args.timeoutMs ?? 15000;

const mark = (name, data = {}) => console.log(`MARK ${name} ${JSON.stringify(data)}`);
const finish = (result) => {
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
};
const fail = (message, extra = {}) => finish({ failed: message, ...extra });
setTimeout(() => fail(`scenario timed out after ${TIMEOUT} ms`), TIMEOUT).unref();

function connect(url, { transport = "websocket", origin, namespace = "/", auth, forwardedFor } = {}) {
  const opts = {
    path: "/socket.io/",
    transports: [transport],
    upgrade: false,
    reconnection: false,
    forceNew: true,
    auth,
  };
  // `""` sends an empty Origin header; undefined sends none.
  if (origin !== undefined && origin !== null) opts.extraHeaders = { Origin: origin };
  // Behind a trusted proxy (TRUST_PROXY_HEADERS), the client's address.
  if (forwardedFor) opts.extraHeaders = { ...opts.extraHeaders, "X-Forwarded-For": forwardedFor };
  return io(url + namespace, opts);
}

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
}

function emitAck(socket, event, payload, ms = 10000) {
  return socket.timeout(ms).emitWithAck(event, payload);
}

/** Records every server event a widget socket receives. */
function record(socket) {
  const events = [];
  for (const name of ["chat_started", "new_message", "message_delta", "assistant_typing", "error"]) {
    socket.on(name, (data) => events.push({ name, data, at: Date.now() }));
  }
  return events;
}

function waitFor(events, predicate, ms = 10000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const hit = events.find(predicate);
      if (hit) return resolve(hit);
      if (Date.now() - started > ms) return reject(new Error("waitFor timed out"));
      setTimeout(tick, 5);
    };
    tick();
  });
}

/** Polls `check` every 10 ms until it holds, or throws after `ms`. */
async function until(check, ms = TIMEOUT, what = "condition") {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(10);
  }
}

/** Distinct final replies received so far (by id). */
const replyIds = (events) => new Set(events.filter(isReply).map((e) => e.data.id));

/**
 * send_message as the widget sends it: a refusal that says "try again"
 * (`service_unavailable`, `rate_limited`) or no answer in time is retried with the same
 * clientMessageId, so a retry never duplicates the message.
 */
async function sendRetrying(socket, payload, ms = TIMEOUT) {
  const started = Date.now();
  const refusals = [];
  for (;;) {
    let ack;
    try {
      ack = await emitAck(socket, "send_message", payload, 5000);
    } catch {
      ack = { ok: false, error: { code: "timeout" } };
    }
    if (ack.ok) return { ...ack, refusals };
    refusals.push(ack.error);
    if (!["service_unavailable", "rate_limited", "timeout"].includes(ack.error?.code)) {
      throw new Error(`send_message refused: ${JSON.stringify(ack)}`);
    }
    if (Date.now() - started > ms) throw new Error(`send_message kept failing: ${JSON.stringify(refusals)}`);
    await sleep(Math.min(2000, (ack.error.retryAfter ?? 0.2) * 1000));
  }
}

/** Opens `count` widget chats on `url`, each sending one message. */
async function openChats(count, { url, assistantId, origin, transport }) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const s = connect(url, { transport, origin });
      const events = record(s);
      await connected(s);
      const started = await emitAck(s, "start_chat", { assistantId });
      if (!started.ok) throw new Error(`start_chat refused: ${JSON.stringify(started)}`);
      const sent = await emitAck(s, "send_message", {
        chatId: started.id,
        content: `question ${i}`,
        clientMessageId: `q${i}`,
      });
      if (!sent.ok) throw new Error(`send_message refused: ${JSON.stringify(sent)}`);
      return { s, events, chatId: started.id, sent };
    }),
  );
}

const isReply = (e) => e.name === "new_message" && e.data.role === "assistant";
const deltasOf = (events, messageId) => {
  const pieces = events.filter((e) => e.name === "message_delta" && e.data.messageId === messageId);
  const lastAttempt = Math.max(0, ...pieces.map((e) => e.data.attempt));
  return pieces
    .filter((e) => e.data.attempt === lastAttempt)
    .sort((a, b) => a.data.index - b.data.index)
    .map((e) => e.data.delta)
    .join("");
};

/**
 * Replaces "$chatId" / "$token" (the chat this socket started) and "$otherChatId" /
 * "$otherToken" (another visitor's) in a payload's values.
 */
function fill(payload, vars) {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, typeof v === "string" && v.startsWith("$") ? vars[v.slice(1)] : v]),
  );
}

const scenarios = {
  /** The original's flow: start_chat, send_message, a streamed reply. */
  async flow({ url, assistantId, origin, transport, content = "Merhaba, fiyatlarınız nedir?" }) {
    const s = connect(url, { transport, origin });
    const events = record(s);
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const sent = await emitAck(s, "send_message", { chatId: started.id, content });
    const reply = await waitFor(events, isReply, TIMEOUT - 1000);
    await waitFor(events, (e) => e.name === "assistant_typing" && e.data.isTyping === false);
    s.close();
    finish({
      transport: s.io.engine?.transport?.name ?? transport,
      started,
      sent,
      reply: reply.data,
      deltas: deltasOf(events, reply.data.id),
      eventNames: events.map((e) => e.name),
      userEcho: events.find((e) => e.name === "new_message" && e.data.role === "user")?.data,
    });
  },

  /** Fires each case and reports the ack (or error event) it got. */
  async refusals({ url, cases, transport }) {
    const results = [];
    for (const c of cases) {
      const s = connect(url, { transport, origin: c.origin });
      const events = record(s);
      await connected(s);
      let setup = null;
      if (c.startFirst) {
        setup = await emitAck(s, "start_chat", c.startFirst);
      }
      const payload = c.useStartedChat && setup ? { ...c.payload, chatId: setup.id } : c.payload;
      let answer;
      if (c.noAck) {
        s.emit(c.event, payload);
        answer = (await waitFor(events, (e) => e.name === "error", 3000)).data;
      } else if (c.raw) {
        answer = await s.timeout(5000).emitWithAck(c.event, ...c.raw);
      } else {
        answer = await emitAck(s, c.event, payload);
      }
      results.push({ name: c.name, answer, connected: s.connected });
      s.close();
    }
    finish({ results });
  },

  /** Sends `count` messages as fast as possible; reports each ack. */
  async burst({ url, assistantId, origin, transport, count }) {
    const s = connect(url, { transport, origin });
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    const acks = [];
    for (let i = 0; i < count; i++) {
      acks.push(await emitAck(s, "send_message", { chatId: started.id, content: `message ${i}` }));
    }
    s.close();
    finish({ chatId: started.id, acks });
  },

  /**
   * Resume: A chats, goes away (during a reply or after one), B writes meanwhile
   * with the visitor token, A comes back with its last seen id and must get exactly
   * what it missed.
   */
  async resume({ url, assistantId, origin, transport, dropDuringStream }) {
    const a = connect(url, { transport, origin });
    let events = record(a);
    await connected(a);
    const started = await emitAck(a, "start_chat", { assistantId });
    const seen = new Map();
    const remember = () => events.filter((e) => e.name === "new_message").forEach((e) => seen.set(e.data.id, e.data));
    await emitAck(a, "send_message", { chatId: started.id, content: "first question", clientMessageId: "m1" });
    if (dropDuringStream) {
      await waitFor(events, (e) => e.name === "message_delta");
    } else {
      await waitFor(events, isReply);
    }
    remember();
    a.close();
    const lastSeen = [...seen.values()].sort((x, y) => (x.seq ?? 0) - (y.seq ?? 0)).at(-1);
    mark("a_disconnected", { lastSeen: lastSeen?.id });

    // B resumes the same chat with the token and asks something while A is away.
    const b = connect(url, { transport, origin });
    const bEvents = record(b);
    await connected(b);
    const bStarted = await emitAck(b, "start_chat", {
      assistantId, chatId: started.id, visitorToken: started.visitorToken,
    });
    if (!bStarted.ok) return fail("B could not resume", { bStarted });
    await emitAck(b, "send_message", { chatId: started.id, content: "second question", clientMessageId: "m2" });
    // Both replies final: the first may have reached B by replay or live.
    const replies = () =>
      new Set([
        ...bStarted.messages.filter((m) => m.role === "assistant").map((m) => m.id),
        ...bEvents.filter(isReply).map((e) => e.data.id),
      ]).size;
    while (replies() < 2) await new Promise((r) => setTimeout(r, 20));
    b.close();

    // A comes back.
    const a2 = connect(url, { transport, origin });
    events = record(a2);
    await connected(a2);
    const resumed = await emitAck(a2, "start_chat", {
      assistantId, chatId: started.id, visitorToken: started.visitorToken, lastMessageId: lastSeen?.id,
    });
    a2.close();
    finish({
      chatId: started.id,
      seenBefore: [...seen.values()],
      resumed,
    });
  },

  /** A widget on node A and a dashboard on node B see the same reply (the second one). */
  async twoNodes({ urlA, urlB, assistantId, origin, transport, token }) {
    const agent = connect(urlB, { transport, namespace: "/agents", auth: { token } });
    const agentEvents = [];
    for (const name of ["chat_started", "new_message", "message_delta", "assistant_typing"]) {
      agent.on(name, (data) => agentEvents.push({ name, data }));
    }
    await connected(agent);
    const widget = connect(urlA, { transport, origin });
    const events = record(widget);
    await connected(widget);
    const started = await emitAck(widget, "start_chat", { assistantId });
    // The chat exists from its first message: the dashboard hears of it then, watches
    // it, and gets every delta of the reply to the second message.
    await emitAck(widget, "send_message", { chatId: started.id, content: "hello from node A" });
    await waitFor(agentEvents, (e) => e.name === "chat_started");
    const watched = await emitAck(agent, "watch_chat", { chatId: started.id });
    const first = await waitFor(events, isReply, TIMEOUT - 1000);
    await emitAck(widget, "send_message", { chatId: started.id, content: "and again" });
    const isSecond = (e) => isReply(e) && e.data.id !== first.data.id;
    const widgetReply = await waitFor(events, isSecond, TIMEOUT - 1000);
    const agentReply = await waitFor(agentEvents, (e) => isReply(e) && e.data.id === widgetReply.data.id, 5000);
    widget.close();
    agent.close();
    finish({
      started,
      watched,
      widgetReply: widgetReply.data,
      agentReply: agentReply.data,
      agentDeltas: deltasOf(agentEvents, agentReply.data.id),
      agentSawUserMessage: agentEvents.some((e) => e.name === "new_message" && e.data.role === "user"),
      agentSawChatStarted: agentEvents.find((e) => e.name === "chat_started")?.data,
    });
  },

  /** A dashboard socket: connects (or is refused) and reports what it saw for a while. */
  async agentListen({ url, token, transport, listenMs = 1500 }) {
    const agent = connect(url, { transport, namespace: "/agents", auth: token === undefined ? undefined : { token } });
    const seen = [];
    for (const name of ["chat_started", "new_message", "message_delta"]) {
      agent.on(name, (data) => seen.push({ name, data }));
    }
    try {
      await connected(agent);
    } catch (err) {
      return finish({ connected: false, error: err.message });
    }
    mark("agent_connected");
    await new Promise((r) => setTimeout(r, listenMs));
    agent.close();
    finish({ connected: true, seen });
  },

  /**
   * A dashboard socket whose access the test ends (`agent_connected`, then `go`):
   * optionally sends one event at once (`probe`: watch_chat), then waits to be dropped
   * and reports how long that took, and (after a second `go`, once the test made
   * traffic in the workspace) everything it received after the access ended.
   */
  async agentDropped({ url, token, transport, probe = false, waitMs = 8000 }) {
    const agent = connect(url, { transport, namespace: "/agents", auth: { token } });
    const seen = [];
    for (const name of ["chat_started", "new_message", "message_delta", "error"]) {
      agent.on(name, (data) => seen.push({ name, data, at: Date.now() }));
    }
    let droppedAt = null;
    agent.on("disconnect", (reason) => {
      droppedAt = { at: Date.now(), reason };
    });
    try {
      await connected(agent);
    } catch (err) {
      return finish({ connected: false, error: err.message });
    }
    mark("agent_connected");
    await proceed(); // the access has ended now
    const t0 = Date.now();
    let probeAnswer = null;
    if (probe) {
      try {
        probeAnswer = await emitAck(agent, "watch_chat", { chatId: "00000000-0000-4000-8000-000000000000" }, 3000);
      } catch (err) {
        probeAnswer = { noAnswer: String(err) };
      }
    }
    await until(() => droppedAt !== null, waitMs, "dropped").catch(() => {});
    mark("dropped", { dropped: droppedAt !== null });
    await proceed(); // the test made traffic in the workspace
    await sleep(1000);
    agent.close();
    finish({
      connected: true,
      dropped: droppedAt !== null,
      // Dropped before the test's `go` arrived counts as at once.
      droppedAfterMs: droppedAt ? Math.max(0, droppedAt.at - t0) : null,
      reason: droppedAt?.reason,
      probeAnswer,
      endedWith: seen.find((e) => e.name === "error")?.data,
      afterDrop: seen.filter((e) => e.name !== "error" && droppedAt && e.at >= droppedAt.at),
      afterEnd: seen.filter((e) => e.name !== "error" && e.at >= t0),
    });
  },

  /**
   * `sockets` widget sockets each start a chat and send one message of `bytes`
   * characters; reports for each whether it got an answer or was disconnected. Then a
   * fresh socket chats normally.
   */
  async bigFrames({ url, assistantId, origin, transport, bytes, sockets = 1 }) {
    const big = "x".repeat(bytes);
    const outcomes = await Promise.all(
      Array.from({ length: sockets }, async () => {
        const s = connect(url, { transport, origin });
        await connected(s);
        const started = await emitAck(s, "start_chat", { assistantId });
        if (!started.ok) throw new Error(`start_chat refused: ${JSON.stringify(started)}`);
        let reason = null;
        s.on("disconnect", (r) => {
          reason = r;
        });
        let answer = null;
        try {
          answer = await emitAck(s, "send_message", { chatId: started.id, content: big }, 5000);
        } catch (err) {
          answer = { noAnswer: String(err) };
        }
        const outcome = { answer, disconnected: !s.connected, reason };
        s.close();
        return outcome;
      }),
    );
    const s = connect(url, { transport, origin });
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    const normal = await emitAck(s, "send_message", { chatId: started.id, content: "a normal question" });
    s.close();
    finish({ outcomes, normal });
  },

  /**
   * A visitor chats from an allowed page; another page (`otherOrigin`) tries to write
   * into the same chat with its visitor token; then the test changes the assistant's
   * list (`go`) and the visitor writes again on the same connection.
   */
  async originChange({ url, assistantId, origin, otherOrigin, transport }) {
    const s = connect(url, { transport, origin });
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const first = await emitAck(s, "send_message", { chatId: started.id, content: "first" });
    const other = connect(url, { transport, origin: otherOrigin });
    await connected(other);
    const fromOther = await emitAck(other, "send_message", {
      chatId: started.id, content: "from elsewhere", visitorToken: started.visitorToken,
    });
    other.close();
    mark("sent");
    await proceed(); // the page's origin is no longer on the list
    const afterRemoval = await emitAck(s, "send_message", { chatId: started.id, content: "after" });
    s.close();
    finish({ first, fromOther, afterRemoval });
  },

  /**
   * One address opens `chats` chats and sends `perChat` messages into each, all at
   * once; then a visitor from another address asks one question and waits for the
   * reply. Reports the flood's acks by outcome and what the other visitor got.
   */
  async flood({ url, assistantId, origin, transport, chats, perChat, attacker, visitor }) {
    const codes = {};
    const count = (ack) => {
      const key = ack.ok ? "ok" : ack.error?.code ?? "no_answer";
      codes[key] = (codes[key] ?? 0) + 1;
    };
    const sockets = await Promise.all(
      Array.from({ length: chats }, async () => {
        const s = connect(url, { transport, origin, forwardedFor: attacker });
        await connected(s);
        return s;
      }),
    );
    const t0 = Date.now();
    await Promise.all(
      sockets.map(async (s, c) => {
        const started = await emitAck(s, "start_chat", { assistantId, visitorId: `flood-${c}` });
        if (!started.ok) {
          count(started);
          return;
        }
        const acks = await Promise.all(
          Array.from({ length: perChat }, (_, i) =>
            emitAck(s, "send_message", { chatId: started.id, content: `flood ${c}/${i}` }, 30000).catch(() => ({ ok: false })),
          ),
        );
        acks.forEach(count);
      }),
    );
    const floodMs = Date.now() - t0;
    sockets.forEach((s) => s.close());

    const v = connect(url, { transport, origin, forwardedFor: visitor });
    const events = record(v);
    await connected(v);
    const started = await emitAck(v, "start_chat", { assistantId });
    const sent = await emitAck(v, "send_message", { chatId: started.id, content: "a real question" });
    let reply = null;
    if (sent.ok) reply = (await waitFor(events, isReply, TIMEOUT - 2000).catch(() => null))?.data ?? null;
    v.close();
    finish({ codes, floodMs, started, sent, reply });
  },

  /** A dashboard socket asks to watch a chat. */
  async watchChat({ url, token, chatId, transport }) {
    const agent = connect(url, { transport, namespace: "/agents", auth: { token } });
    await connected(agent);
    const answer = await emitAck(agent, "watch_chat", { chatId });
    agent.close();
    finish({ answer });
  },

  /**
   * One chat, `questions` sent one after another (each after the previous reply is
   * complete); reports send_message → first message_delta of each, in milliseconds
   * (from the events' arrival times, not the polling). bench/knowledge compares an
   * assistant grounded in a knowledge base with one that is not.
   */
  async firstDeltas({ url, assistantId, origin, transport, questions }) {
    const s = connect(url, { transport, origin });
    const events = record(s);
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const samples = [];
    for (const content of questions) {
      const seen = events.length;
      const sentAt = Date.now();
      const sent = await emitAck(s, "send_message", { chatId: started.id, content });
      if (!sent.ok) return fail("send_message refused", { sent });
      const later = (pred) => (e) => events.indexOf(e) >= seen && pred(e);
      const delta = await waitFor(events, later((e) => e.name === "message_delta"), TIMEOUT);
      samples.push(delta.at - sentAt);
      await waitFor(events, later(isReply), TIMEOUT);
    }
    s.close();
    finish({ samples });
  },

  /** Sends one message and waits for its reply, marking the first delta (kill test). */
  async oneReply({ url, assistantId, origin, transport }) {
    const s = connect(url, { transport, origin });
    const events = record(s);
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    const sent = await emitAck(s, "send_message", { chatId: started.id, content: "tell me a long story" });
    await waitFor(events, (e) => e.name === "message_delta");
    mark("first_delta", { chatId: started.id });
    const reply = await waitFor(events, isReply, TIMEOUT - 1000);
    // Linger: a duplicate announcement would arrive now.
    await new Promise((r) => setTimeout(r, 1500));
    s.close();
    finish({
      chatId: started.id,
      sent,
      reply: reply.data,
      replies: events.filter(isReply).map((e) => e.data),
      attempts: [...new Set(events.filter((e) => e.name === "message_delta").map((e) => e.data.attempt))],
      deltasLastAttempt: deltasOf(events, reply.data.id),
    });
  },
  /**
   * Several chats, one question each; marks `streaming` once every reply is streaming
   * (the test kills the worker then), and reports every final reply each chat got.
   */
  async manyReplies({ url, assistantId, origin, transport, chats, lingerMs = 1500 }) {
    const visitors = await openChats(chats, { url, assistantId, origin, transport });
    await Promise.all(visitors.map((v) => waitFor(v.events, (e) => e.name === "message_delta", TIMEOUT)));
    mark("streaming", { chats: visitors.map((v) => v.chatId) });
    await Promise.all(visitors.map((v) => waitFor(v.events, isReply, TIMEOUT)));
    // Linger: a duplicate announcement would arrive now.
    await sleep(lingerMs);
    visitors.forEach((v) => v.s.close());
    finish({
      chats: visitors.map((v) => ({
        chatId: v.chatId,
        replies: v.events.filter(isReply).map((e) => e.data),
        attempts: [...new Set(v.events.filter((e) => e.name === "message_delta").map((e) => e.data.attempt))],
      })),
    });
  },

  /**
   * One visitor stays connected while the test restarts Redis: a reply before, one
   * whose job runs across the restart (`sent_during`; the test says `go` once the
   * services are ready again), and one after, which must stream live again.
   */
  async acrossRedisRestart({ url, assistantId, origin, transport }) {
    const s = connect(url, { transport, origin });
    const events = record(s);
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const chatId = started.id;
    await sendRetrying(s, { chatId, content: "before the restart", clientMessageId: "before" });
    await until(() => replyIds(events).size >= 1, TIMEOUT, "the first reply");
    await sendRetrying(s, { chatId, content: "across the restart", clientMessageId: "during" });
    mark("sent_during");
    await proceed();
    await until(() => replyIds(events).size >= 2, 10000, "the reply written across the restart");
    const from = events.length;
    const after = await sendRetrying(s, { chatId, content: "after the restart", clientMessageId: "after" });
    await until(() => replyIds(events).size >= 3, 10000, "a live reply after the restart");
    const afterReply = events.slice(from).find(isReply).data;
    const connectedThroughout = s.connected;
    s.close();
    finish({
      chatId,
      connectedThroughout,
      afterRefusals: after.refusals,
      replies: events.filter(isReply).map((e) => e.data),
      afterReply,
      afterDeltas: deltasOf(events, afterReply.id),
    });
  },

  /**
   * A reply this page never showed (as when its broadcast is lost on the way), then
   * the visitor's own next message and its reply, then a reconnect that resumes with
   * the widget's cursor: `lastSeq` (every message up to it is shown) and, as older
   * widgets send, `lastMessageId` of the newest message shown.
   */
  async missedReply({ url, assistantId, origin, transport }) {
    const s = connect(url, { transport, origin });
    const events = record(s);
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const chatId = started.id;
    const first = await emitAck(s, "send_message", { chatId, content: "first question", clientMessageId: "m1" });
    const missed = (await waitFor(events, isReply, TIMEOUT)).data;
    const shown = new Map([[first.message.id, first.message]]);
    const second = await emitAck(s, "send_message", { chatId, content: "second question", clientMessageId: "m2" });
    shown.set(second.message.id, second.message);
    const answer = (await waitFor(events, (e) => isReply(e) && e.data.id !== missed.id, TIMEOUT)).data;
    shown.set(answer.id, answer);
    s.close();
    const seqs = new Set([...shown.values()].map((m) => m.seq));
    let lastSeq = 0;
    while (seqs.has(lastSeq + 1)) lastSeq++;
    const newest = [...shown.values()].sort((a, b) => b.seq - a.seq)[0];

    const again = connect(url, { transport, origin });
    await connected(again);
    const resumed = await emitAck(again, "start_chat", {
      assistantId, chatId, visitorToken: started.visitorToken, lastSeq, lastMessageId: newest.id,
    });
    again.close();
    finish({ chatId, missed, lastSeq, newest, resumed });
  },

  /**
   * Sends one message per `go` from the test (which breaks and mends Redis between
   * them) and reports each answer and how long it took.
   */
  async sendEachStep({ url, assistantId, origin, transport, steps }) {
    const s = connect(url, { transport, origin });
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    mark("started", { chatId: started.id });
    const results = [];
    for (let i = 0; i < steps; i++) {
      await proceed();
      const t0 = Date.now();
      let ack;
      try {
        ack = await emitAck(s, "send_message", { chatId: started.id, content: `step ${i}`, clientMessageId: `step-${i}` }, 20000);
      } catch (err) {
        ack = { noAnswer: String(err) };
      }
      results.push({ ack, ms: Date.now() - t0 });
      mark("sent", { i });
    }
    s.close();
    finish({ chatId: started.id, results });
  },

  /**
   * A visitor chatting when the assistant is paused: the test pauses it once the reply
   * to the first message is streaming (`streaming`), then turns it on again
   * (`refused`). Reports the reply under way, the next send, a resume and a new chat
   * while paused, and a resume and a send once it is on again.
   */
  async pausedMidChat({ url, assistantId, origin, transport }) {
    const s = connect(url, { transport, origin });
    const events = record(s);
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const chatId = started.id;
    const before = await emitAck(s, "send_message", { chatId, content: "before the pause", clientMessageId: "before" });
    await waitFor(events, (e) => e.name === "message_delta");
    mark("streaming", { chatId });
    await proceed(); // the assistant is paused now
    const reply = await waitFor(events, isReply, TIMEOUT - 1000);
    const after = await emitAck(s, "send_message", { chatId, content: "after the pause", clientMessageId: "after" });
    const resume = { assistantId, chatId, visitorToken: started.visitorToken };
    const other = connect(url, { transport, origin });
    await connected(other);
    const resumedWhilePaused = await emitAck(other, "start_chat", resume);
    const newWhilePaused = await emitAck(other, "start_chat", { assistantId });
    other.close();
    mark("refused");
    await proceed(); // on again
    const again = connect(url, { transport, origin });
    await connected(again);
    const resumed = await emitAck(again, "start_chat", resume);
    const sentAgain = await emitAck(again, "send_message", { chatId, content: "on again", clientMessageId: "again" });
    const stillConnected = s.connected;
    s.close();
    again.close();
    finish({ chatId, before, reply: reply.data, after, stillConnected, resumedWhilePaused, newWhilePaused, resumed, sentAgain });
  },

  /**
   * Visitors on one node each ask a question (`sent`: the test then freezes that node)
   * and wait, connected, for their replies; reports what each received.
   */
  /** Connects, stays quiet for `waitMs`, then starts a chat: a healthy socket is never idle. */
  async linger({ url, assistantId, origin, transport, waitMs }) {
    const s = connect(url, { transport, origin });
    let disconnects = 0;
    s.on("disconnect", () => (disconnects += 1));
    await connected(s);
    await sleep(waitMs);
    const connectedAfter = s.connected;
    const started = connectedAfter ? await emitAck(s, "start_chat", { assistantId }) : null;
    const dropped = disconnects; // before close(), which counts as one
    s.close();
    finish({ connected: connectedAfter, disconnects: dropped, started });
  },

  async waitingVisitors({ url, assistantId, origin, transport, chats, waitMs }) {
    const visitors = await openChats(chats, { url, assistantId, origin, transport });
    mark("sent", { chats: visitors.map((v) => v.chatId) });
    await Promise.all(visitors.map((v) => waitFor(v.events, isReply, waitMs).catch(() => null)));
    const report = visitors.map((v) => ({
      chatId: v.chatId,
      connected: v.s.connected,
      replies: [...replyIds(v.events)],
    }));
    visitors.forEach((v) => v.s.close());
    finish({ chats: report });
  },

  /**
   * Visitor events on a chat (`request_human`, `leave_email`, ...), one per step, from
   * the socket that started the chat. `other` (optional) starts a second visitor's chat
   * on `other.url`/`other.assistantId` whose id and token a step may name ("$otherChatId",
   * "$otherToken"). A step with `wait` first marks `step` and waits for the test's `go`.
   * Reports each answer, and every `chat_state` / `error` event the visitor received.
   */
  async visitorSteps({ url, assistantId, origin, transport, steps, other }) {
    const s = connect(url, { transport, origin });
    const states = [];
    s.on("chat_state", (data) => states.push(data));
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const vars = { chatId: started.id, token: started.visitorToken };
    if (other) {
      const o = connect(other.url ?? url, { transport, origin: other.origin ?? origin });
      await connected(o);
      const theirs = await emitAck(o, "start_chat", { assistantId: other.assistantId });
      if (!theirs.ok) return fail("the other start_chat refused", { theirs });
      Object.assign(vars, { otherChatId: theirs.id, otherToken: theirs.visitorToken });
      o.close();
    }
    mark("started", { chatId: started.id, otherChatId: vars.otherChatId });
    const answers = [];
    for (const [i, step] of steps.entries()) {
      if (step.wait) {
        mark("step", { i });
        await proceed();
      }
      answers.push({ name: step.name ?? step.event, answer: await emitAck(s, step.event, fill(step.payload, vars)) });
    }
    await sleep(300); // a chat_state broadcast after the last ack
    s.close();
    finish({ chatId: started.id, otherChatId: vars.otherChatId, answers, states });
  },

  /**
   * A visitor script over several sockets of one visitor. Socket `a` starts a chat
   * (marks `started` with its id and token); then each step emits one event (or, with
   * `together`, several at once) from the socket it names (`a` by default; a socket
   * named for the first time connects first, or up front with `connect`). Payload
   * values "$chatId", "$token" and "$assistantId" are filled in. A step with `wait`
   * first marks `step` and waits for the test's `go`. Reports every answer, in order.
   */
  async visitorScript({ url, assistantId, origin, transport, steps, connect: upFront = [] }) {
    const sockets = {};
    const open = async (name) => {
      if (!sockets[name]) {
        sockets[name] = connect(url, { transport, origin });
        await connected(sockets[name]);
      }
      return sockets[name];
    };
    const a = await open("a");
    for (const name of upFront) await open(name);
    const started = await emitAck(a, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const vars = { chatId: started.id, token: started.visitorToken, assistantId };
    mark("started", { chatId: started.id, token: started.visitorToken });
    const answers = [];
    for (const [i, step] of steps.entries()) {
      if (step.wait) {
        mark("step", { i });
        await proceed();
      }
      const group = step.together ?? [step];
      for (const one of group) await open(one.socket ?? "a");
      const got = await Promise.all(
        group.map((one) => emitAck(sockets[one.socket ?? "a"], one.event, fill(one.payload, vars))),
      );
      answers.push(step.together ? got : got[0]);
    }
    await sleep(300); // broadcasts after the last ack
    Object.values(sockets).forEach((s) => s.close());
    finish({ chatId: started.id, token: started.visitorToken, started, answers });
  },

  /**
   * The visitor's side of a handoff: asks for a person (marks `asked`), then waits for
   * the member the test sends in over REST: `chat_state` assigned with the member's
   * name, and the member's message (role `agent`, with `authorName`). After a second
   * `go` (the test handed the chat back), waits for `chat_state` open. Resumes on a new
   * connection at the end and reports what `chat_started` says of the state.
   */
  async handoffVisitor({ url, assistantId, origin, transport, email }) {
    const s = connect(url, { transport, origin });
    const events = record(s);
    s.on("chat_state", (data) => events.push({ name: "chat_state", data, at: Date.now() }));
    await connected(s);
    const started = await emitAck(s, "start_chat", { assistantId });
    if (!started.ok) return fail("start_chat refused", { started });
    const asked = await emitAck(s, "request_human", { chatId: started.id });
    const askedAgain = await emitAck(s, "request_human", { chatId: started.id });
    const left = email ? await emitAck(s, "leave_email", { chatId: started.id, email }) : null;
    mark("asked", { chatId: started.id });
    await proceed();
    const joined = await waitFor(events, (e) => e.name === "chat_state" && e.data.state === "assigned");
    const agentMessage = await waitFor(events, (e) => e.name === "new_message" && e.data.role === "agent");
    const resumeWhileAssigned = connect(url, { transport, origin });
    await connected(resumeWhileAssigned);
    const resumedAssigned = await emitAck(resumeWhileAssigned, "start_chat", {
      assistantId,
      chatId: started.id,
      visitorToken: started.visitorToken,
    });
    resumeWhileAssigned.close();
    mark("joined");
    await proceed();
    const back = await waitFor(events, (e) => e.name === "chat_state" && e.data.state === "open");
    s.close();
    finish({
      chatId: started.id,
      started,
      asked,
      askedAgain,
      left,
      joined: joined.data,
      agentMessage: agentMessage.data,
      resumedAssigned,
      back: back.data,
      states: events.filter((e) => e.name === "chat_state").map((e) => e.data),
    });
  },

  /**
   * A dashboard socket recording the handoff events (`chat_state_changed`,
   * `visitor_email`) from `agent_connected` until the test's `go` (plus `listenMs`).
   */
  async agentHandoffListen({ url, token, transport, listenMs = 300, names = ["chat_state_changed", "visitor_email"] }) {
    const agent = connect(url, { transport, namespace: "/agents", auth: { token } });
    const seen = [];
    for (const name of names) {
      agent.on(name, (data) => seen.push({ name, data }));
    }
    await connected(agent);
    mark("agent_connected");
    await proceed();
    await sleep(listenMs);
    agent.close();
    finish({ seen });
  },

  /**
   * One chat per case, started with the case's `identity` (as the widget sends what
   * `Kremna.identify` was given) and one visitor message, so the chat exists whether it
   * is stored at start_chat or with the first message. Reports each start's answer.
   * A case with `reconnect` sends its message from a new socket with the visitor token
   * (the widget reloaded before the visitor wrote).
   */
  async identified({ url, origin, transport, cases }) {
    const results = [];
    for (const c of cases) {
      const s = connect(url, { transport, origin });
      await connected(s);
      const started = await emitAck(s, "start_chat", { assistantId: c.assistantId, identity: c.identity });
      let sent = null;
      if (started.ok && c.reconnect) {
        s.close();
        const again = connect(url, { transport, origin });
        await connected(again);
        sent = await emitAck(again, "send_message", { chatId: started.id, visitorToken: started.visitorToken, content: "hello" });
        again.close();
      } else if (started.ok) {
        sent = await emitAck(s, "send_message", { chatId: started.id, content: "hello" });
      }
      results.push({ name: c.name, started, sent });
      s.close();
    }
    finish({ results });
  },
};

const run = scenarios[scenario];
if (!run) fail(`unknown scenario ${scenario}`);
run(args).catch((err) => fail(String(err?.stack ?? err)));
