// Socket.IO client scenarios for the Rust integration tests (testing/stack runs them).
//
//   echo '<json args>' | node scenarios.mjs <scenario>
//
// Prints progress lines `MARK <name> <json>` and ends with one `RESULT <json>` line.
// Uses the npm socket.io-client that browsers use, over the transport it is given.
import { readFileSync } from "node:fs";
import { io } from "socket.io-client";

const [, , scenario] = process.argv;
// Arguments come on stdin: they can be larger than a command line allows.
const args = JSON.parse(readFileSync(0, "utf8") || "{}");
const TIMEOUT = args.timeoutMs ?? 15000;

const mark = (name, data = {}) => console.log(`MARK ${name} ${JSON.stringify(data)}`);
const finish = (result) => {
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
};
const fail = (message, extra = {}) => finish({ failed: message, ...extra });
setTimeout(() => fail(`scenario timed out after ${TIMEOUT} ms`), TIMEOUT).unref();

function connect(url, { transport = "websocket", origin, namespace = "/", auth } = {}) {
  const opts = {
    path: "/socket.io/",
    transports: [transport],
    upgrade: false,
    reconnection: false,
    forceNew: true,
    auth,
  };
  if (origin) opts.extraHeaders = { Origin: origin };
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

  /** A widget on node A and a dashboard on node B see the same reply. */
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
    await waitFor(agentEvents, (e) => e.name === "chat_started");
    const watched = await emitAck(agent, "watch_chat", { chatId: started.id });
    await emitAck(widget, "send_message", { chatId: started.id, content: "hello from node A" });
    const widgetReply = await waitFor(events, isReply, TIMEOUT - 1000);
    const agentReply = await waitFor(agentEvents, isReply, 5000);
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

  /** A dashboard socket asks to watch a chat. */
  async watchChat({ url, token, chatId, transport }) {
    const agent = connect(url, { transport, namespace: "/agents", auth: { token } });
    await connected(agent);
    const answer = await emitAck(agent, "watch_chat", { chatId });
    agent.close();
    finish({ answer });
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
};

const run = scenarios[scenario];
if (!run) fail(`unknown scenario ${scenario}`);
run(args).catch((err) => fail(String(err?.stack ?? err)));
