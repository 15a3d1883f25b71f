/**
 * The chat panel: a thin DOM layer over chat-state.ts, wired to a Socket.IO socket.
 * Everything is rendered with textContent / createElement: message text never goes
 * through innerHTML.
 */
import { buildStartPayload, initialState, reduce, showTyping, unsent } from "./chat-state";
import type { Action, ChatMessage, ChatState } from "./chat-state";
import { ICON_CLOSE, ICON_SEND, PANEL_CSS } from "./panel-css";
import { MAX_CHARS, charCount, errorText, isChatStarted, isDelta, isWireMessage, startErrorText, toAck } from "./protocol";
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
const COUNTER_FROM = MAX_CHARS - 500;

const warn = (msg: string): void => console.warn(`[Kremna] ${msg}`);

/** Sentence for a refusal of start_chat that retrying will not fix. */
function fatalText(e: WireError): string {
  switch (e.code) {
    case "origin_not_allowed":
      return "This chat isn't available on this site.";
    case "assistant_not_found":
    case "assistant_paused":
      return "This assistant is unavailable right now.";
    default:
      return errorText(e);
  }
}

export function createChat(host: ChatHost, deps: ChatDeps): ChatController {
  const { root, container, config } = host;
  const doc = container.ownerDocument;
  const store = deps.store;
  const assistantId = config.id;

  let state: ChatState = { ...initialState, assistantName: config.name, greeting: config.greeting || null };
  let socket: SocketLike | null = null;
  let gen = 0; // bumped on every start_chat and disconnect: older acks are ignored
  let ready = false; // start_chat answered on the current connection
  let emitted = new Set<string>(); // clientMessageIds sent on the current connection
  let connectedOnce = false;
  let fatal: string | null = null;
  let notice: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let kicks = 0; // server-side disconnects since the last successful start
  let isOpen = false;
  let seen = loadChat(store, assistantId)?.seenMessageId ?? null;

  // ---- DOM -------------------------------------------------------------------------
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string): HTMLElementTagNameMap[K] => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    return e;
  };

  const style = el("style");
  style.textContent = PANEL_CSS;

  const panel = el("div", "panel");
  panel.setAttribute("role", "dialog");
  panel.hidden = true;

  const header = el("div", "header");
  const title = el("h2", "title");
  const closeBtn = el("button", "icon close");
  closeBtn.type = "button";
  closeBtn.setAttribute("aria-label", "Close chat");
  // eslint-disable-next-line no-restricted-properties
  closeBtn.innerHTML = ICON_CLOSE; // constant markup
  header.append(title, closeBtn);

  const banner = el("div", "banner");
  banner.setAttribute("role", "status");
  banner.hidden = true;

  const log = el("div", "log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation");

  const typing = el("div", "typing");
  typing.setAttribute("role", "status");
  typing.hidden = true;
  const typingText = el("span", "sr");
  const dots = el("span", "dots");
  dots.setAttribute("aria-hidden", "true");
  dots.append(el("i"), el("i"), el("i"));
  typing.append(typingText, dots);

  const form = el("form", "composer");
  const label = el("label", "sr");
  label.htmlFor = "kremna-input";
  label.textContent = "Message";
  const input = el("textarea");
  input.id = "kremna-input";
  input.rows = 1;
  input.placeholder = "Type a message…";
  input.setAttribute("aria-describedby", "kremna-counter");
  const sendBtn = el("button", "icon send");
  sendBtn.type = "submit";
  sendBtn.setAttribute("aria-label", "Send");
  // eslint-disable-next-line no-restricted-properties
  sendBtn.innerHTML = ICON_SEND; // constant markup
  form.append(label, input, sendBtn);

  const counter = el("div", "counter");
  counter.id = "kremna-counter";
  counter.hidden = true;

  // the typing indicator scrolls with the conversation, right under its last message
  const scroller = el("div", "scroll");
  scroller.append(log, typing);

  panel.append(header, banner, scroller, form, counter);
  root.prepend(style);
  container.append(panel);

  // ---- rendering -------------------------------------------------------------------
  interface View {
    root: HTMLElement;
    bubble: HTMLElement;
    meta: HTMLElement;
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
      const who = el("span", "sr");
      who.textContent = role === "user" ? "You: " : `${state.assistantName ?? config.name}: `;
      const bubble = el("div", "bubble");
      const meta = el("div", "meta");
      meta.hidden = true;
      r.append(who, bubble, meta);
      v = { root: r, bubble, meta, content: null, status: null, error: undefined };
      views.set(key, v);
    }
    v.root.dataset.role = role;
    return v;
  }

  function renderMessage(m: ChatMessage): HTMLElement {
    const v = view(m.key, m.role);
    if (v.content !== m.content) {
      fillText(v.bubble, m.content);
      v.content = m.content;
    }
    if (v.status !== m.status || v.error !== m.error) {
      v.status = m.status;
      v.error = m.error;
      v.root.dataset.status = m.status;
      v.meta.replaceChildren();
      v.meta.hidden = true;
      if (m.status === "sending") {
        v.meta.textContent = "Sending…";
        v.meta.hidden = false;
      } else if (m.status === "error") {
        const err = el("span", "err");
        err.textContent = m.error ?? "Not sent.";
        const retryBtn = el("button", "retry");
        retryBtn.type = "button";
        retryBtn.textContent = "Retry";
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
    const t = showTyping(state);
    typing.hidden = !t;
    typingText.textContent = t ? `${name} is typing…` : "";
    if (nearBottom) scroller.scrollTop = scroller.scrollHeight;

    const msg = fatal ?? notice ?? (socket && !socket.connected ? (connectedOnce ? "Reconnecting…" : "Connecting…") : null);
    banner.hidden = !msg;
    banner.textContent = msg ?? "";
    banner.classList.toggle("fatal", !!fatal);
    // Unavailable (origin not allowed, assistant paused…): a quiet note instead of a composer,
    // centred in the panel when there is no conversation to show.
    panel.classList.toggle("unavailable", !!fatal);
    const alone = !!fatal && !state.messages.length;
    banner.classList.toggle("alone", alone);
    panel.classList.toggle("compact", alone);

    input.disabled = !!fatal;
    updateComposer();
  }

  function updateComposer(): void {
    const n = charCount(input.value);
    const over = n > MAX_CHARS;
    counter.hidden = n < COUNTER_FROM;
    counter.classList.toggle("over", over);
    counter.textContent = over
      ? `${n} / ${MAX_CHARS} characters — too long by ${n - MAX_CHARS}`
      : `${n} / ${MAX_CHARS} characters`;
    sendBtn.disabled = !!fatal || over || !input.value.trim();
    // grow with the content, up to the CSS max-height
    input.style.height = "auto";
    if (input.scrollHeight) input.style.height = `${input.scrollHeight + 2}px`;
  }

  // ---- state & protocol ------------------------------------------------------------
  function persist(): void {
    if (!state.chatId || !state.visitorToken) return;
    saveChat(store, assistantId, {
      chatId: state.chatId,
      visitorToken: state.visitorToken,
      ...(state.lastMessageId ? { lastMessageId: state.lastMessageId } : {}),
      ...(seen ? { seenMessageId: seen } : {}),
    });
  }

  function dispatch(action: Action): void {
    const before = state;
    state = reduce(state, action);
    if (state === before) return;
    if (state.lastMessageId !== before.lastMessageId) {
      if (isOpen) seen = state.lastMessageId;
      persist();
    }
    render();
  }

  function onStarted(p: unknown): void {
    if (!isChatStarted(p)) return;
    dispatch({ type: "chat_started", payload: p });
    persist();
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

  function startChat(): void {
    clearTimeout(retryTimer);
    const s = socket;
    if (!s?.connected) return;
    const g = ++gen;
    ready = false;
    emitted = new Set();
    const stored = loadChat(store, assistantId);
    const payload = buildStartPayload(assistantId, getVisitorId(store), stored, state);
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
        clearChat(store, assistantId);
        seen = null;
        dispatch({ type: "reset" });
        startChat();
      } else if (e.code === "rate_limited" || e.code === "internal_error") {
        notice = startErrorText(e);
        retryStartLater(e.retryAfter ?? 5);
        render();
      } else {
        // Retrying will not help (origin not allowed, assistant gone or paused): say so, stop here.
        warn(`start_chat refused: ${e.code}${e.message ? ` (${e.message})` : ""}`);
        fatal = fatalText(e);
        s.disconnect();
        render();
      }
    });
  }

  function emitSend(m: ChatMessage): void {
    const s = socket;
    const cmid = m.clientMessageId;
    const chatId = state.chatId;
    if (!s || !ready || !chatId || !cmid) return;
    emitted.add(cmid);
    const g = gen;
    const payload = {
      chatId,
      content: m.content,
      clientMessageId: cmid,
      ...(state.visitorToken ? { visitorToken: state.visitorToken } : {}),
    };
    s.timeout(SEND_TIMEOUT_MS).emit("send_message", payload, (err, res) => {
      if (err) {
        // Disconnected: stays "sending" and is sent again (same id) once the chat is resumed.
        if (g === gen && s.connected) dispatch({ type: "send_failed", clientMessageId: cmid, error: errorText({ code: "timeout" }) });
        return;
      }
      const ack = toAck<{ message?: unknown }>(res);
      if (ack.ok) {
        if (isWireMessage(ack.message)) {
          dispatch({ type: "new_message", message: { ...ack.message, chatId: ack.message.chatId ?? chatId } });
        }
      } else {
        dispatch({ type: "send_failed", clientMessageId: cmid, error: errorText(ack.error) });
      }
    });
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

  function incoming(role: string): void {
    if (role === "user") return;
    if (!isOpen) host.setUnread(true);
  }

  function ensureSocket(): void {
    if (socket) return;
    const s = deps.connect(config.realtimeUrl);
    socket = s;
    s.on("connect", () => {
      connectedOnce = true;
      render();
      startChat(); // first connect and every reconnect: (re)start or resume
    });
    s.on("disconnect", (reason: unknown) => {
      gen++;
      ready = false;
      // Socket.IO does not reconnect by itself after a server-side disconnect: try again, slower each time.
      if (reason === "io server disconnect" && !fatal) {
        kicks++;
        setTimeout(() => s.connect(), Math.min(60, 2 * kicks) * 1000);
      }
      render();
    });
    s.on("connect_error", () => {
      if (!s.active && !fatal) {
        fatal = "The chat is unavailable right now.";
        warn("the realtime server refused the connection.");
      }
      render();
    });
    s.on("chat_started", onStarted);
    s.on("new_message", (m: unknown) => {
      if (!isWireMessage(m)) return;
      dispatch({ type: "new_message", message: m });
      incoming(m.role);
    });
    s.on("message_delta", (d: unknown) => {
      if (isDelta(d)) dispatch({ type: "delta", delta: d });
    });
    s.on("assistant_typing", (t: { chatId?: unknown; isTyping?: unknown; messageId?: unknown } | null) => {
      if (t && typeof t.isTyping === "boolean") {
        dispatch({
          type: "typing",
          isTyping: t.isTyping,
          ...(typeof t.chatId === "string" ? { chatId: t.chatId } : {}),
          ...(typeof t.messageId === "string" ? { messageId: t.messageId } : {}),
        });
      }
    });
    s.on("error", (e: Partial<WireError> | null) => {
      // A failed reply also arrives as a `new_message` with status "failed": that bubble says it.
      if (e?.code === "reply_failed") return;
      warn(`server error: ${e?.code ?? "unknown"}${e?.message ? ` (${e.message})` : ""}`);
    });
    render();
  }

  // ---- events ----------------------------------------------------------------------
  form.addEventListener("submit", (e) => {
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
  closeBtn.addEventListener("click", () => controller.close());
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      controller.close();
    }
  });

  const controller: ChatController = {
    open() {
      if (isOpen) return;
      isOpen = true;
      panel.hidden = false;
      host.onOpenChange(true);
      host.setUnread(false);
      ensureSocket();
      if (state.lastMessageId && seen !== state.lastMessageId) {
        seen = state.lastMessageId;
        persist();
      }
      render();
      scroller.scrollTop = scroller.scrollHeight;
      input.focus();
    },
    close() {
      if (!isOpen) return;
      isOpen = false;
      panel.hidden = true;
      host.onOpenChange(false);
    },
    isOpen: () => isOpen,
  };

  render();
  return controller;
}
