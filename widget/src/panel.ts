/**
 * The chat panel: a thin DOM layer over chat-state.ts, wired to a Socket.IO socket.
 * Everything is rendered with textContent / createElement: message text never goes
 * through innerHTML.
 */
import { buildStartPayload, hasGap, initialState, maxSeq, reduce, showTyping, unreadAfter, unsent } from "./chat-state";
import type { Action, ChatMessage, ChatState } from "./chat-state";
import { panel as enText } from "./i18n/en";
import { identityOf } from "./identity";
import { refusalText } from "./i18n/errors";
import { timeFormat } from "./i18n/format";
import { panel as trText } from "./i18n/tr";
import { buildPanel, maker } from "./panel-dom";
import { MAX_CHARS, charCount, isChatStarted, isDelta, isVisitorState, isWireMessage, toAck } from "./protocol";
import type { ChatStarted, WireError } from "./protocol";
import { clearChat, getVisitorId, loadChat, saveChat } from "./storage";
import { segments } from "./text";
import type { ChatController, ChatHost } from "./types";
import { uuid } from "./uuid";

type Ack = (err: Error | null, res: unknown) => void;

/** The part of a socket.io-client `Socket` the panel uses. */
export interface SocketLike {
  readonly connected: boolean;
  readonly active: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io listener signature
  on(event: string, listener: (...args: any[]) => void): unknown;
  timeout(ms: number): { emit(event: string, payload: unknown, ack: Ack): unknown };
  connect(): unknown;
  disconnect(): unknown;
}

export interface ChatDeps {
  connect(url: string): SocketLike;
  store: Pick<Storage, "getItem" | "setItem" | "removeItem">;
}

const START_TIMEOUT_MS = 10_000;
const SEND_TIMEOUT_MS = 20_000;
/** `service_unavailable` (a brief outage; nothing was stored): sent again by itself this often. */
const UNAVAILABLE_RETRIES = 5;
const COUNTER_FROM = MAX_CHARS - 500;

const warn = (msg: string): void => console.warn(`[Kremna] ${msg}`);

/**
 * Refusals that retrying cannot fix, whether they answer start_chat or a send (the
 * assistant was paused, or deleted, while the visitor was chatting): the chat stops.
 */
const FINAL = ["origin_not_allowed", "assistant_not_found", "assistant_paused"];

export function createChat(host: ChatHost, deps: ChatDeps): ChatController {
  const { root, container, config, lang, inline } = host;
  const doc = container.ownerDocument;
  const store = deps.store;
  const assistantId = config.id;
  const t = lang === "tr" ? trText : enText;
  const time = timeFormat(lang);

  let state: ChatState = { ...initialState, assistantName: config.name, greeting: config.greeting || null };
  let socket: SocketLike | null = null;
  let gen = 0; // bumped on every start_chat and disconnect: older start acks are ignored
  let conn = 0; // bumped on every disconnect: older send timeouts are ignored
  let ready = false; // start_chat answered on the current connection
  let emitted = new Set<string>(); // clientMessageIds sent on the current connection
  const unavailable = new Map<string, number>(); // clientMessageId → service_unavailable answers so far
  let resendTimer: ReturnType<typeof setTimeout> | undefined;
  let connectedOnce = false;
  let fatal: string | null = null;
  let notice: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let kickTimer: ReturnType<typeof setTimeout> | undefined;
  let kicks = 0; // server-side disconnects since the last successful start
  let isOpen = false;
  let dead = false;
  let asking = false; // request_human or leave_email awaiting its ack
  let handErr = ""; // why the last one was refused
  const stored = loadChat(store, assistantId);
  let uid = stored?.uid; // the identified user the current chat was started for
  let seenSeq = stored?.seenSeq ?? 0; // highest seq seen with the panel open
  let unread = stored?.unread ?? 0;

  // ---- DOM -------------------------------------------------------------------------
  const el = maker(doc);
  const ui = buildPanel(el, t, inline);
  const { panel, title, banner, log, scroller, typing, typingText, input, sendBtn, counter } = ui;
  root.prepend(ui.style);
  container.append(panel);
  ui.closeBtn.hidden = inline;

  interface View {
    root: HTMLElement;
    name: HTMLElement;
    who: HTMLElement;
    bubble: HTMLElement;
    meta: HTMLElement;
    src: HTMLElement;
    content: string | null;
    status: string | null;
    error: string | undefined;
  }
  const views = new Map<string, View>();

  function fillText(target: HTMLElement, text: string): void {
    target.replaceChildren(
      ...segments(text).map((s) => {
        if (s.type === "text") return doc.createTextNode(s.text);
        const a = el("a");
        a.href = s.href;
        a.target = "_blank";
        a.rel = "noopener noreferrer nofollow";
        a.textContent = s.text;
        return a;
      }),
    );
  }

  function view(key: string, role: string): View {
    let v = views.get(key);
    if (!v) {
      const r = el("div", "msg");
      // the member's name over their messages (read out by `who`)
      const name = el("div", "name");
      name.setAttribute("aria-hidden", "true");
      const who = el("span", "sr");
      const bubble = el("div", "bubble");
      const meta = el("div", "meta");
      meta.hidden = true;
      const src = el("div", "src");
      src.hidden = true;
      r.append(name, who, bubble, src, meta);
      v = { root: r, name, who, bubble, meta, src, content: null, status: null, error: undefined };
      views.set(key, v);
    }
    v.root.dataset.role = role;
    return v;
  }

  function renderMessage(m: ChatMessage): HTMLElement {
    const v = view(m.key, m.role);
    // a failed reply: our own sentence, in the visitor's language
    const content = m.status === "failed" ? t.replyFailed : m.content;
    if (v.content !== content) {
      fillText(v.bubble, content);
      v.content = content;
    }
    // the knowledge-base sources under a reply: links to the pages, titles of documents
    if (m.sources && v.src.hidden) {
      v.src.append(
        `${t.sources} `,
        ...m.sources.map((s) => {
          // an anchor without href reads as plain text (a document, or a non-web address)
          const a = el("a");
          if (/^https?:\/\//i.test(s.url ?? "")) {
            a.href = s.url!;
            a.target = "_blank";
            a.rel = "noopener noreferrer nofollow";
          }
          a.textContent = s.title;
          return a;
        }),
      );
      v.src.hidden = false;
    }
    // when it was written: a tooltip on hover, and said before the text to screen readers
    const when = time(m.createdAt);
    v.root.title = when;
    const agent = m.role === "agent" ? m.authorName || t.agent : "";
    v.name.textContent = agent;
    v.name.hidden = !agent;
    v.who.textContent = `${m.role === "user" ? t.you : agent || (state.assistantName ?? config.name)}${when ? `, ${when}` : ""}: `;
    if (v.status !== m.status || v.error !== m.error) {
      v.status = m.status;
      v.error = m.error;
      v.root.dataset.status = m.status;
      v.meta.replaceChildren();
      v.meta.hidden = true;
      if (m.status === "sending") {
        v.meta.textContent = t.sending;
        v.meta.hidden = false;
      } else if (m.status === "error") {
        const err = el("span", "err");
        err.textContent = m.error ?? t.notSent;
        const retryBtn = el("button", "retry");
        retryBtn.type = "button";
        retryBtn.textContent = t.retry;
        const cmid = m.clientMessageId;
        retryBtn.addEventListener("click", () => cmid && retry(cmid));
        v.meta.append(err, retryBtn);
        v.meta.hidden = false;
      }
    }
    return v.root;
  }

  function render(): void {
    const name = state.assistantName ?? config.name;
    if (title.textContent !== name) {
      title.textContent = name;
      panel.setAttribute("aria-label", name);
    }

    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 60;
    const want: HTMLElement[] = [];
    const keys = new Set<string>();
    // no greeting inviting questions when the chat can't work here
    if (state.greeting && !fatal) {
      const g = view("greeting", "assistant");
      if (g.content !== state.greeting) {
        fillText(g.bubble, state.greeting);
        g.who.textContent = `${name}: `;
        g.content = state.greeting;
        g.root.dataset.status = "complete";
      }
      want.push(g.root);
      keys.add("greeting");
    }
    for (const m of state.messages) {
      keys.add(m.key);
      want.push(renderMessage(m));
    }
    for (const [k, v] of views) {
      if (!keys.has(k)) {
        v.root.remove();
        views.delete(k);
      }
    }
    // put nodes in order, moving only those out of place
    want.forEach((node, i) => {
      if (log.children[i] !== node) log.insertBefore(node, log.children[i] ?? null);
    });
    const shown = showTyping(state);
    typing.hidden = !shown;
    typingText.textContent = shown ? t.typing(name) : "";
    if (nearBottom) scroller.scrollTop = scroller.scrollHeight;

    const msg = fatal ?? notice ?? (socket && !socket.connected ? (connectedOnce ? t.reconnecting : t.connecting) : null);
    banner.hidden = !msg;
    banner.textContent = msg ?? "";
    banner.classList.toggle("fatal", !!fatal);
    // Unavailable (origin not allowed, assistant paused…): a quiet note instead of a composer,
    // centred in the panel when there is no conversation to show.
    panel.classList.toggle("unavailable", !!fatal);
    const alone = !!fatal && !state.messages.length;
    banner.classList.toggle("alone", alone);
    panel.classList.toggle("compact", alone);

    // "New conversation" once there is one to leave
    ui.newBtn.hidden = !!fatal || !state.messages.length;
    if (ui.newBtn.hidden) ui.confirm.hidden = true;
    panel.classList.toggle("confirming", !ui.confirm.hidden);

    input.disabled = !!fatal;
    renderHandoff();
    updateComposer();
  }

  /** Who answers now, "Talk to a person", and the e-mail field while nobody is online. */
  function renderHandoff(): void {
    const h = state.handoff;
    const offline = h === "needs_human" && !!state.offlineMessage;
    let text =
      h === "assigned" ? t.joined(state.agentName ?? t.agent)
      : h === "resolved" ? t.resolved
      : h === "needs_human" ? state.offlineMessage ?? t.waiting
      : state.handedBack ? t.backToBot
      : "";
    if (offline && state.email) text += ` ${t.emailLeft(state.email)}`;
    ui.handText.textContent = text;
    ui.handText.hidden = !text;
    ui.handErr.textContent = handErr;
    ui.handErr.hidden = !handErr;
    ui.askBtn.hidden = !state.canAsk || !state.chatId || (h !== "open" && h !== "resolved");
    ui.mailForm.hidden = !offline || !!state.email;
    ui.askBtn.disabled = ui.mailForm.querySelector("button")!.disabled = asking;
    ui.hand.hidden = !text && !handErr && ui.askBtn.hidden && ui.mailForm.hidden;
  }

  /**
   * `request_human` / `leave_email`: `onOk` gets the ack. A refusal is said under the
   * handoff line (an address the server finds malformed as such).
   */
  function visitorEvent(event: string, fields: object, onOk: (ack: Record<string, unknown>) => void): void {
    const s = socket;
    const chatId = state.chatId;
    if (!s || !ready || !chatId || asking) return;
    asking = true;
    handErr = "";
    render();
    const payload = { chatId, ...fields, ...(state.visitorToken ? { visitorToken: state.visitorToken } : {}) };
    s.timeout(SEND_TIMEOUT_MS).emit(event, payload, (err, res) => {
      asking = false;
      const ack = err ? toAck({ error: { code: "timeout" } }) : toAck<Record<string, unknown>>(res);
      if (ack.ok) onOk(ack);
      else handErr = event === "leave_email" && ack.error.code === "invalid_payload" ? t.badEmail : refusalText(t, lang, ack.error);
      render();
    });
  }

  function askHuman(): void {
    visitorEvent("request_human", {}, (ack) => {
      if (isVisitorState(ack)) dispatch({ type: "chat_state", payload: ack });
    });
  }

  function leaveEmail(): void {
    const email = ui.mailInput.value.trim();
    if (!email) return;
    visitorEvent("leave_email", { email }, (ack) => {
      dispatch({ type: "email_left", email: typeof ack.email === "string" ? ack.email : email });
    });
  }

  function updateComposer(): void {
    const n = charCount(input.value);
    const over = n > MAX_CHARS;
    counter.hidden = n < COUNTER_FROM;
    counter.classList.toggle("over", over);
    counter.textContent = over ? t.tooLong(n, MAX_CHARS) : t.count(n, MAX_CHARS);
    sendBtn.disabled = !!fatal || over || !input.value.trim();
    // grow with the content, up to the CSS max-height
    input.style.height = "auto";
    if (input.scrollHeight) input.style.height = `${input.scrollHeight + 2}px`;
  }

  // ---- state & protocol ------------------------------------------------------------
  function persist(): void {
    if (state.chatId && state.visitorToken) {
      saveChat(store, assistantId, {
        chatId: state.chatId,
        visitorToken: state.visitorToken,
        seenSeq,
        unread,
        ...(uid !== undefined ? { uid } : {}),
      });
    }
  }

  /** Seen while open; counted as unread replies while closed (the launcher says how many). */
  function track(): void {
    if (isOpen) seenSeq = Math.max(seenSeq, maxSeq(state));
    const n = unreadAfter(state, seenSeq);
    if (n !== unread) {
      unread = n;
      host.setUnread(n);
    }
    persist();
  }

  function dispatch(action: Action): void {
    const before = state;
    state = reduce(state, action);
    if (state === before) return;
    if (action.type === "new_message" || action.type === "chat_started" || action.type === "reset") track();
    render();
  }

  function onStarted(p: unknown): void {
    if (!isChatStarted(p)) return;
    dispatch({ type: "chat_started", payload: p });
    persist(); // a new chat: kept even before its first message
    ready = true;
    kicks = 0;
    fatal = null;
    notice = null;
    render();
    flush();
  }

  function retryStartLater(seconds: number): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(startChat, Math.max(1, seconds) * 1000);
  }

  /** start_chat on a new connection, or again on this one to fetch what it missed. */
  function startChat(): void {
    clearTimeout(retryTimer);
    const s = socket;
    if (!s?.connected || dead) return;
    const g = ++gen;
    ready = false;
    const who = identityOf(host.who?.());
    // Another signed-in user (or none, or one now) on this browser: their own chat, never
    // the previous user's.
    if (loadChat(store, assistantId) && uid !== who?.userId) forget(false);
    uid = who?.userId;
    const payload = buildStartPayload(assistantId, getVisitorId(store), loadChat(store, assistantId), state, who);
    s.timeout(START_TIMEOUT_MS).emit("start_chat", payload, (err, res) => {
      if (g !== gen) return;
      if (err) {
        retryStartLater(3);
        return;
      }
      const ack = toAck<ChatStarted>(res);
      if (ack.ok) {
        onStarted(ack);
        return;
      }
      const e = ack.error;
      if (e.code === "chat_not_found" && payload.chatId) {
        // the stored chat is gone or its token no longer opens it: start afresh
        forget(false);
        startChat();
      } else if (e.code === "rate_limited" || e.code === "service_unavailable" || e.code === "internal_error") {
        notice = refusalText(t, lang, e, true);
        retryStartLater(e.retryAfter ?? 5);
        render();
      } else {
        stop(s, e, "start_chat");
      }
    });
  }

  /**
   * Retrying will not help (origin not allowed, assistant gone or paused): say so in a
   * quiet note that replaces the composer, keep the conversation readable, and close the
   * connection. The stored chat is kept: if the assistant is turned on again, the next
   * page load resumes it.
   */
  function stop(s: SocketLike, e: WireError, event: string): void {
    warn(
      e.code === "origin_not_allowed"
        ? `This website (${location.origin}) is not in the assistant's allowed origins; add it in the dashboard.`
        : `${event} refused: ${e.code}`,
    );
    fatal = refusalText(t, lang, e);
    s.disconnect();
    // what was waiting to go will not: say so rather than "Sending…" for ever
    for (const m of unsent(state)) {
      if (m.clientMessageId) dispatch({ type: "send_failed", clientMessageId: m.clientMessageId, error: t.notSent });
    }
    render();
  }

  /** Drops the stored chat; `all` also what the visitor has not sent (a new conversation). */
  function forget(all: boolean): void {
    clearChat(store, assistantId);
    seenSeq = 0;
    dispatch({ type: "reset", all });
  }

  function emitSend(m: ChatMessage): void {
    const s = socket;
    const cmid = m.clientMessageId;
    const chatId = state.chatId;
    if (!s || !ready || !chatId || !cmid) return;
    emitted.add(cmid);
    const c = conn;
    const payload = {
      chatId,
      content: m.content,
      clientMessageId: cmid,
      ...(state.visitorToken ? { visitorToken: state.visitorToken } : {}),
    };
    s.timeout(SEND_TIMEOUT_MS).emit("send_message", payload, (err, res) => {
      if (err) {
        // Disconnected: stays "sending" and is sent again (same id) once the chat is resumed.
        if (c === conn && s.connected) dispatch({ type: "send_failed", clientMessageId: cmid, error: refusalText(t, lang, { code: "timeout" }) });
        return;
      }
      const ack = toAck<{ message?: unknown }>(res);
      if (ack.ok) {
        unavailable.delete(cmid);
        if (isWireMessage(ack.message)) received({ ...ack.message, chatId: ack.message.chatId ?? chatId });
      } else if (ack.error.code === "service_unavailable" && (unavailable.get(cmid) ?? 0) < UNAVAILABLE_RETRIES) {
        // A brief outage on the server; nothing was stored. Like a send lost to a dropped
        // connection, it stays "sending" and goes again by itself (same id: never twice).
        unavailable.set(cmid, (unavailable.get(cmid) ?? 0) + 1);
        emitted.delete(cmid);
        clearTimeout(resendTimer);
        resendTimer = setTimeout(flush, Math.max(1, ack.error.retryAfter ?? 2) * 1000);
      } else if (FINAL.includes(ack.error.code)) {
        // e.g. paused since the chat started: nothing was stored; the note says why
        unavailable.delete(cmid);
        if (!fatal) stop(s, ack.error, "send_message");
      } else {
        unavailable.delete(cmid);
        dispatch({ type: "send_failed", clientMessageId: cmid, error: refusalText(t, lang, ack.error) });
      }
    });
  }

  /** A final message, live; one whose seq skips one we never got means a broadcast was lost. */
  function received(m: unknown): void {
    if (!isWireMessage(m)) return;
    dispatch({ type: "new_message", message: m });
    if (ready && hasGap(state)) startChat(); // resume on this connection: replays what was missed
  }

  function flush(): void {
    if (!ready) return;
    for (const m of unsent(state)) {
      if (m.clientMessageId && !emitted.has(m.clientMessageId)) emitSend(m);
    }
  }

  function retry(cmid: string): void {
    emitted.delete(cmid);
    dispatch({ type: "retry", clientMessageId: cmid });
    flush();
  }

  function send(): void {
    const content = input.value.trim();
    if (!content || charCount(content) > MAX_CHARS || fatal) return;
    input.value = "";
    dispatch({ type: "send", clientMessageId: uuid(), content });
    scroller.scrollTop = scroller.scrollHeight;
    flush();
  }

  /** Forget this conversation and start another; leaving the old chat's room takes a new connection. */
  function newConversation(): void {
    ui.confirm.hidden = true;
    forget(true);
    const s = socket;
    if (s?.connected) {
      s.disconnect();
      s.connect();
    }
    input.focus();
  }

  function ensureSocket(): void {
    if (socket) return;
    const s = deps.connect(config.realtimeUrl);
    socket = s;
    s.on("connect", () => {
      connectedOnce = true;
      emitted = new Set();
      render();
      startChat(); // first connect and every reconnect: (re)start or resume
    });
    s.on("disconnect", (reason: unknown) => {
      gen++;
      conn++;
      ready = false;
      // Socket.IO does not reconnect by itself after a server-side disconnect: try again, slower each time.
      if (reason === "io server disconnect" && !fatal && !dead) {
        kicks++;
        kickTimer = setTimeout(() => s.connect(), Math.min(60, 2 * kicks) * 1000);
      }
      render();
    });
    s.on("connect_error", () => {
      if (!s.active && !fatal) {
        fatal = t.offline;
        warn("the realtime server refused the connection.");
      }
      render();
    });
    s.on("chat_started", onStarted);
    s.on("new_message", received);
    s.on("chat_state", (p: unknown) => {
      if (isVisitorState(p)) dispatch({ type: "chat_state", payload: p });
    });
    s.on("message_delta", (d: unknown) => {
      if (isDelta(d)) dispatch({ type: "delta", delta: d });
    });
    s.on("assistant_typing", (e: { chatId?: unknown; isTyping?: unknown; messageId?: unknown } | null) => {
      if (e && typeof e.isTyping === "boolean") {
        dispatch({
          type: "typing",
          isTyping: e.isTyping,
          ...(typeof e.chatId === "string" ? { chatId: e.chatId } : {}),
          ...(typeof e.messageId === "string" ? { messageId: e.messageId } : {}),
        });
      }
    });
    s.on("error", (e: Partial<WireError> | null) => {
      // A failed reply also arrives as a `new_message` with status "failed": that bubble says it.
      if (e?.code === "reply_failed") return;
      warn(`server error: ${e?.code ?? "unknown"}`);
    });
    render();
  }

  // ---- events ----------------------------------------------------------------------
  ui.form.addEventListener("submit", (e) => {
    e.preventDefault();
    send();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
  input.addEventListener("input", updateComposer);
  ui.askBtn.addEventListener("click", askHuman);
  ui.mailForm.addEventListener("submit", (e) => {
    e.preventDefault();
    leaveEmail();
  });
  ui.closeBtn.addEventListener("click", () => controller.close());
  ui.newBtn.addEventListener("click", () => {
    // nothing stored to lose (only unsent drafts): no question
    if (!state.messages.some((m) => m.id)) return newConversation();
    ui.confirm.hidden = false;
    render();
    ui.yesBtn.focus();
  });
  ui.yesBtn.addEventListener("click", newConversation);
  const cancel = (): void => {
    ui.confirm.hidden = true;
    render();
    ui.newBtn.focus();
  };
  ui.noBtn.addEventListener("click", cancel);
  panel.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    e.stopPropagation();
    if (!ui.confirm.hidden) cancel();
    else controller.close();
  });

  const controller: ChatController = {
    open(focus = true) {
      if (isOpen || dead) return;
      isOpen = true;
      panel.hidden = false;
      host.onOpenChange(true);
      ensureSocket();
      track();
      render();
      scroller.scrollTop = scroller.scrollHeight;
      if (focus) input.focus();
    },
    close() {
      if (!isOpen || inline) return;
      isOpen = false;
      panel.hidden = true;
      ui.confirm.hidden = true;
      host.onOpenChange(false);
    },
    isOpen: () => isOpen,
    destroy() {
      dead = true;
      clearTimeout(retryTimer);
      clearTimeout(kickTimer);
      clearTimeout(resendTimer);
      socket?.disconnect();
    },
  };

  render();
  return controller;
}
