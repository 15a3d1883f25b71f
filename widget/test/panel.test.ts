import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createChat } from "../src/panel";
import { chatKey } from "../src/storage";
import type { ChatController, ChatHost, WidgetConfig } from "../src/types";
import { FakeSocket } from "./fake-socket";

const ASSISTANT = "a0000000-0000-4000-8000-000000000001";
const CHAT = "c0000000-0000-4000-8000-000000000001";
const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`;

const config: WidgetConfig = {
  id: ASSISTANT,
  name: "Ada Support",
  greeting: "Hi! How can I help?",
  primaryColor: "#2563eb",
  position: "right",
  realtimeUrl: "http://rt.example:3001",
  allowed: true,
  lang: null,
};

const chatStarted = (messages: unknown[] = [], chatId = CHAT) => ({
  id: chatId,
  chatId,
  assistantId: ASSISTANT,
  visitorToken: "tok-1",
  resumed: false,
  assistant: { name: "Ada Support", greeting: "Hi! How can I help?" },
  messages,
});
const message = (n: number, role: string, content: string, extra: Record<string, unknown> = {}) => ({
  id: id(n),
  chatId: CHAT,
  role,
  content,
  status: "complete",
  createdAt: "2026-11-24T12:00:00Z",
  seq: n,
  ...extra,
});

let socket: FakeSocket;
let root: ShadowRoot;
let chat: ChatController;
let onOpenChange: ReturnType<typeof vi.fn<(open: boolean) => void>>;
let setUnread: ReturnType<typeof vi.fn<(count: number) => void>>;
let connectUrl: string | undefined;

function mount(options: Partial<Pick<ChatHost, "lang" | "inline" | "who">> = {}): void {
  document.body.replaceChildren();
  const hostEl = document.createElement("kremna-widget");
  document.body.append(hostEl);
  root = hostEl.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  container.className = "kw right";
  root.append(container);
  connectUrl = undefined;
  onOpenChange = vi.fn<(open: boolean) => void>();
  setUnread = vi.fn<(count: number) => void>();
  const host: ChatHost = { root, container, config, lang: "en", inline: false, onOpenChange, setUnread, ...options };
  socket = new FakeSocket();
  chat = createChat(host, {
    store: localStorage,
    connect: (url) => {
      connectUrl = url;
      return socket;
    },
  });
}

const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
const dialog = () => $('[role="dialog"]');
const log = () => $('[role="log"]');
const input = () => $<HTMLTextAreaElement>("textarea");
const bubbles = () => [...log().querySelectorAll(".msg")].map((m) => m.querySelector(".bubble")!.textContent);
const banner = () => $('.banner');

function type(text: string): void {
  input().value = text;
  input().dispatchEvent(new Event("input"));
}
function pressEnter(shiftKey = false): void {
  input().dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", shiftKey, bubbles: true, cancelable: true }));
}

/** Open the panel, connect, and answer start_chat. */
function openAndStart(messages: unknown[] = []): void {
  chat.open();
  socket.up();
  socket.last("start_chat").ack(null, { ok: true, ...chatStarted(messages) });
}

beforeEach(() => {
  localStorage.clear();
  document.body.replaceChildren();
  vi.spyOn(console, "warn").mockImplementation(() => {});
  mount();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("panel DOM", () => {
  it("is an accessible dialog named after the assistant, hidden until opened", () => {
    expect(dialog().hidden).toBe(true);
    expect(dialog().getAttribute("aria-label")).toBe("Ada Support");
    expect($("h2").textContent).toBe("Ada Support");
    expect(log().getAttribute("aria-live")).toBe("polite");
    const label = $<HTMLLabelElement>(".composer label");
    expect(label.textContent).toBe("Message");
    expect(root.getElementById(label.htmlFor)).toBe(input());
    expect($('button[aria-label="Send"]')).toBeTruthy();
    expect($('button[aria-label="Close chat"]')).toBeTruthy();
  });

  it("shows the greeting as the first assistant bubble without sending it", () => {
    openAndStart();
    expect(bubbles()).toEqual(["Hi! How can I help?"]);
    expect(log().querySelector(".msg")!.getAttribute("data-role")).toBe("assistant");
    expect(socket.count("send_message")).toBe(0);
  });

  it("connects on first open and closes with Escape", () => {
    expect(connectUrl).toBeUndefined();
    chat.open();
    expect(connectUrl).toBe("http://rt.example:3001");
    expect(dialog().hidden).toBe(false);
    expect(onOpenChange).toHaveBeenLastCalledWith(true);
    input().dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(dialog().hidden).toBe(true);
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    expect(chat.isOpen()).toBe(false);
  });

  it("renders message text as text, never as markup", () => {
    openAndStart([message(1, "assistant", '<img src=x onerror="alert(1)">\n<b>bold</b> https://example.com')]);
    const b = log().querySelectorAll(".bubble")[1];
    expect(b.querySelector("img, b")).toBeNull();
    expect(b.textContent).toBe('<img src=x onerror="alert(1)">\n<b>bold</b> https://example.com');
    const a = b.querySelector("a")!;
    expect(a.getAttribute("href")).toBe("https://example.com/");
    expect(a.getAttribute("rel")).toContain("noopener");
  });
});

describe("start and resume", () => {
  it("starts a chat with assistantId and visitorId and stores chatId/visitorToken", () => {
    chat.open();
    socket.up();
    const start = socket.last("start_chat").payload;
    expect(start).toEqual({ assistantId: ASSISTANT, visitorId: localStorage.getItem("kremna:visitor") });
    socket.last("start_chat").ack(null, { ok: true, ...chatStarted() });
    expect(JSON.parse(localStorage.getItem(chatKey(ASSISTANT))!)).toMatchObject({ chatId: CHAT, visitorToken: "tok-1" });
  });

  it("resumes a stored chat and renders its history once, even if event and ack both carry it", () => {
    localStorage.setItem(chatKey(ASSISTANT), JSON.stringify({ chatId: CHAT, visitorToken: "tok-1" }));
    chat.open();
    socket.up();
    expect(socket.last("start_chat").payload).toMatchObject({ chatId: CHAT, visitorToken: "tok-1" });
    const history = [message(1, "user", "q"), message(2, "assistant", "a")];
    socket.fire("chat_started", { ...chatStarted(history), resumed: true });
    socket.last("start_chat").ack(null, { ok: true, ...chatStarted(history), resumed: true });
    expect(bubbles()).toEqual(["Hi! How can I help?", "q", "a"]);
  });

  it("sends what Kremna.identify was given with a new chat, and keeps whose chat it is", () => {
    const ayse = { userId: "u-1", name: "Ayşe", userHash: "ab".repeat(32) };
    mount({ who: () => ayse });
    chat.open();
    socket.up();
    expect(socket.last("start_chat").payload.identity).toEqual(ayse);
    socket.last("start_chat").ack(null, { ok: true, ...chatStarted() });
    expect(JSON.parse(localStorage.getItem(chatKey(ASSISTANT))!)).toMatchObject({ chatId: CHAT, uid: "u-1" });
    // The same user on the next page resumes it (and sends no identity: the chat has it).
    mount({ who: () => ayse });
    chat.open();
    socket.up();
    expect(socket.last("start_chat").payload).toMatchObject({ chatId: CHAT, visitorToken: "tok-1" });
    expect(socket.last("start_chat").payload.identity).toBeUndefined();
  });

  it("never resumes another identified user's chat on this browser (or an anonymous one)", () => {
    localStorage.setItem(chatKey(ASSISTANT), JSON.stringify({ chatId: CHAT, visitorToken: "tok-1", uid: "u-1" }));
    mount({ who: () => ({ userId: "u-2" }) });
    chat.open();
    socket.up();
    const start = socket.last("start_chat").payload;
    expect(start.chatId).toBeUndefined();
    expect(start.identity).toEqual({ userId: "u-2" });
    expect(localStorage.getItem(chatKey(ASSISTANT))).toBeNull();

    localStorage.setItem(chatKey(ASSISTANT), JSON.stringify({ chatId: CHAT, visitorToken: "tok-1" }));
    mount({ who: () => ({ userId: "u-2" }) });
    chat.open();
    socket.up();
    expect(socket.last("start_chat").payload.chatId).toBeUndefined();
  });

  it("forgets a refused chat (chat_not_found) and starts a new one", () => {
    localStorage.setItem(chatKey(ASSISTANT), JSON.stringify({ chatId: "gone", visitorToken: "bad" }));
    const stored = () => JSON.parse(localStorage.getItem(chatKey(ASSISTANT)) ?? "null") as { chatId: string } | null;
    chat.open();
    socket.up();
    socket.last("start_chat").ack(null, { ok: false, error: { code: "chat_not_found", message: "No such chat." } });
    expect(localStorage.getItem(chatKey(ASSISTANT))).toBeNull();
    expect(socket.count("start_chat")).toBe(2);
    expect(socket.last("start_chat").payload.chatId).toBeUndefined();
    socket.last("start_chat").ack(null, { ok: true, ...chatStarted() });
    expect(stored()?.chatId).toBe(CHAT);
  });

  it("on reconnect resumes from the last seq, sends what was typed offline, and duplicates nothing", () => {
    openAndStart([message(1, "user", "q"), message(2, "assistant", "a")]);
    socket.down();
    expect(banner().textContent).toBe("Reconnecting…");
    type("while offline");
    pressEnter();
    expect(socket.count("send_message")).toBe(0);
    expect(log().querySelector('[data-status="sending"]')).toBeTruthy();

    socket.up();
    const resume = socket.last("start_chat");
    expect(resume.payload).toMatchObject({ chatId: CHAT, visitorToken: "tok-1", lastSeq: 2, lastMessageId: id(2) });
    resume.ack(null, { ok: true, ...chatStarted([message(3, "assistant", "missed")]), resumed: true });
    expect(banner().hidden).toBe(true);
    expect(socket.count("send_message")).toBe(1);
    const send = socket.last("send_message");
    expect(send.payload).toMatchObject({ chatId: CHAT, content: "while offline", visitorToken: "tok-1" });
    send.ack(null, { ok: true, message: message(4, "user", "while offline", { clientMessageId: send.payload.clientMessageId }) });
    socket.fire("new_message", message(4, "user", "while offline", { clientMessageId: send.payload.clientMessageId }));
    expect(bubbles()).toEqual(["Hi! How can I help?", "q", "a", "missed", "while offline"]);
  });

  it("reconnects itself after a server-side disconnect (Socket.IO doesn't)", () => {
    vi.useFakeTimers();
    try {
      openAndStart();
      socket.down("transport close");
      vi.advanceTimersByTime(60_000);
      expect(socket.connects).toBe(0); // Socket.IO's own reconnection handles this one
      socket.down("io server disconnect");
      expect(banner().textContent).toBe("Reconnecting…");
      vi.advanceTimersByTime(2_000);
      expect(socket.connects).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("paused mid-chat: the send is refused, the panel says the assistant is paused, the chat stays readable and kept", () => {
    vi.useFakeTimers();
    try {
      openAndStart([message(1, "user", "Hello"), message(2, "assistant", "Hi there!")]);
      type("Are you still there?");
      pressEnter();
      type("And now?");
      pressEnter();
      const refused = socket.last("send_message");
      // the first send is refused; the second was already on its way and is refused with it
      socket.emitted.filter((e) => e.event === "send_message")[0]?.ack(null, { ok: false, error: { code: "assistant_paused", message: "This assistant is not taking chats right now." } });
      expect(banner().hidden).toBe(false);
      expect(banner().textContent).toBe("This assistant is paused and isn't taking messages right now.");
      expect(dialog().classList.contains("unavailable")).toBe(true); // CSS hides the composer and Retry
      expect(input().disabled).toBe(true);
      // what was said stays on screen; the unsent messages say so (no "Sending…" for ever)
      expect(bubbles()).toEqual(["Hello", "Hi there!", "Are you still there?", "And now?"]);
      const mine = [...log().querySelectorAll('[data-role="user"][data-status="error"]')];
      expect(mine.map((m) => m.querySelector(".err")!.textContent)).toEqual(["Not sent.", "Not sent."]);
      expect(refused.payload.content).toBe("And now?");
      // one line for the site's developer, the connection closed and not tried again
      expect(console.warn).toHaveBeenCalledWith("[Kremna] send_message refused: assistant_paused");
      expect(socket.disconnects).toBe(1);
      vi.advanceTimersByTime(120_000);
      expect(socket.connects).toBe(0);
      expect(socket.count("send_message")).toBe(2);
      // the conversation is kept: turned on again, the next page load resumes it
      expect(JSON.parse(localStorage.getItem(chatKey(ASSISTANT))!)).toMatchObject({ chatId: CHAT, visitorToken: "tok-1" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("in Turkish, a paused assistant is said in Turkish", () => {
    mount({ lang: "tr" });
    openAndStart();
    type("Merhaba");
    pressEnter();
    socket.last("send_message").ack(null, { ok: false, error: { code: "assistant_paused", message: "This assistant is not taking chats right now." } });
    expect(banner().textContent).toBe("Bu asistan duraklatıldı ve şu anda mesaj almıyor.");
    expect(log().querySelector('[data-role="user"] .err')!.textContent).toBe("Gönderilemedi.");
  });

  it("origin not allowed: a quiet note, the input disabled, nothing sent and no retry", () => {
    vi.useFakeTimers();
    try {
      chat.open();
      socket.up();
      socket.last("start_chat").ack(null, { ok: false, error: { code: "origin_not_allowed", message: "Origin not allowed." } });
      expect(banner().hidden).toBe(false);
      expect(banner().textContent).toBe("This chat isn't available on this site.");
      expect(banner().getAttribute("role")).toBe("status");
      expect(input().disabled).toBe(true);
      expect($<HTMLButtonElement>('button[aria-label="Send"]').disabled).toBe(true);
      expect(dialog().classList.contains("unavailable")).toBe(true); // CSS hides the composer
      expect(bubbles()).toEqual([]); // no greeting inviting questions
      // one clear line for the site's developer
      expect(console.warn).toHaveBeenCalledTimes(1);
      expect(console.warn).toHaveBeenCalledWith(
        `[Kremna] This website (${location.origin}) is not in the assistant's allowed origins; add it in the dashboard.`,
      );
      // the connection is closed and not retried
      expect(socket.disconnects).toBe(1);
      type("hello?");
      pressEnter();
      vi.advanceTimersByTime(120_000);
      expect(socket.count("start_chat")).toBe(1);
      expect(socket.count("send_message")).toBe(0);
      expect(socket.connects).toBe(0);
      expect(banner().textContent).toBe("This chat isn't available on this site.");
      expect(localStorage.getItem(chatKey(ASSISTANT))).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("a rate-limited start says so, retries when told, and then works", () => {
    vi.useFakeTimers();
    try {
      chat.open();
      socket.up();
      socket.last("start_chat").ack(null, { ok: false, error: { code: "rate_limited", message: "Too many new chats.", retryAfter: 120 } });
      expect(banner().textContent).toBe("Too many chats started from your network — trying again in 2 min.");
      expect(input().disabled).toBe(false);
      vi.advanceTimersByTime(119_000);
      expect(socket.count("start_chat")).toBe(1);
      vi.advanceTimersByTime(1_000);
      expect(socket.count("start_chat")).toBe(2);
      socket.last("start_chat").ack(null, { ok: true, ...chatStarted() });
      expect(banner().hidden).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("resuming while a reply is being written shows the typing indicator", () => {
    localStorage.setItem(chatKey(ASSISTANT), JSON.stringify({ chatId: CHAT, visitorToken: "tok-1" }));
    chat.open();
    socket.up();
    socket.last("start_chat").ack(null, { ok: true, ...chatStarted([message(1, "user", "q")]), resumed: true, typing: true });
    const typing = $(".typing");
    expect(typing.hidden).toBe(false);
    expect(typing.textContent).toContain("Ada Support is typing");
    // the rest of that reply streams (we missed its start), then the final message ends it
    socket.fire("message_delta", { chatId: CHAT, messageId: id(2), index: 3, attempt: 1, delta: " later" });
    expect(typing.hidden).toBe(false);
    socket.fire("new_message", message(2, "assistant", "An answer, later"));
    socket.fire("assistant_typing", { chatId: CHAT, isTyping: false, messageId: id(2) });
    expect(typing.hidden).toBe(true);
    expect(bubbles()).toEqual(["Hi! How can I help?", "q", "An answer, later"]);
  });
});

describe("sending", () => {
  it("Enter sends with a fresh clientMessageId, shown as sending until confirmed", () => {
    openAndStart();
    type("Hello there");
    pressEnter();
    expect(input().value).toBe("");
    const send = socket.last("send_message");
    expect(send.payload).toMatchObject({ chatId: CHAT, content: "Hello there" });
    expect(send.payload.clientMessageId).toMatch(/^[0-9a-f-]{36}$/);
    const pending = log().querySelector('[data-role="user"]')!;
    expect(pending.getAttribute("data-status")).toBe("sending");
    expect(pending.textContent).toContain("Sending…");

    send.ack(null, { ok: true, message: message(1, "user", "Hello there", { clientMessageId: send.payload.clientMessageId }) });
    const confirmed = log().querySelector('[data-role="user"]')!;
    expect(confirmed).toBe(pending); // same element, updated in place
    expect(confirmed.getAttribute("data-status")).toBe("complete");
    expect(confirmed.textContent).not.toContain("Sending…");

    type("Second");
    pressEnter();
    expect(socket.last("send_message").payload.clientMessageId).not.toBe(send.payload.clientMessageId);
  });

  it("Shift+Enter does not send; blank input does not send", () => {
    openAndStart();
    type("line one");
    pressEnter(true);
    type("   ");
    pressEnter();
    expect(socket.count("send_message")).toBe(0);
  });

  it("shows a rate-limit refusal inline and retries with the same clientMessageId", () => {
    openAndStart();
    type("spam");
    pressEnter();
    const first = socket.last("send_message");
    first.ack(null, { ok: false, error: { code: "rate_limited", message: "Too many messages.", retryAfter: 12 } });
    const m = log().querySelector('[data-role="user"]')!;
    expect(m.getAttribute("data-status")).toBe("error");
    expect(m.textContent).toContain("You're sending messages too fast — try again in 12 sec");
    const retry = m.querySelector("button")!;
    expect(retry.textContent).toBe("Retry");
    retry.click();
    expect(socket.count("send_message")).toBe(2);
    expect(socket.last("send_message").payload.clientMessageId).toBe(first.payload.clientMessageId);
    expect(log().querySelector('[data-role="user"]')!.getAttribute("data-status")).toBe("sending");
  });

  it("service_unavailable (a brief outage): stays sending and goes again by itself, same clientMessageId", () => {
    vi.useFakeTimers();
    try {
      openAndStart();
      type("during a blip");
      pressEnter();
      const first = socket.last("send_message");
      first.ack(null, { ok: false, error: { code: "service_unavailable", message: "Briefly unavailable.", retryAfter: 2 } });
      const pending = log().querySelector('[data-role="user"]')!;
      expect(pending.getAttribute("data-status")).toBe("sending");
      vi.advanceTimersByTime(1_999);
      expect(socket.count("send_message")).toBe(1);
      vi.advanceTimersByTime(1);
      expect(socket.count("send_message")).toBe(2);
      const again = socket.last("send_message");
      expect(again.payload.clientMessageId).toBe(first.payload.clientMessageId);
      again.ack(null, { ok: true, message: message(1, "user", "during a blip", { clientMessageId: first.payload.clientMessageId }) });
      expect(log().querySelector('[data-role="user"]')!.getAttribute("data-status")).toBe("complete");
    } finally {
      vi.useRealTimers();
    }
  });

  it("service_unavailable that lasts: after a few tries by itself, the visitor gets Retry", () => {
    vi.useFakeTimers();
    try {
      openAndStart();
      type("still down");
      pressEnter();
      for (let i = 0; i < 6; i++) {
        socket.last("send_message").ack(null, { ok: false, error: { code: "service_unavailable", retryAfter: 2 } });
        vi.advanceTimersByTime(2_000);
      }
      expect(socket.count("send_message")).toBe(6);
      const m = log().querySelector('[data-role="user"]')!;
      expect(m.getAttribute("data-status")).toBe("error");
      expect(m.querySelector("button")!.textContent).toBe("Retry");
    } finally {
      vi.useRealTimers();
    }
  });

  it("a start refused with service_unavailable is tried again when told", () => {
    vi.useFakeTimers();
    try {
      chat.open();
      socket.up();
      socket.last("start_chat").ack(null, { ok: false, error: { code: "service_unavailable", retryAfter: 2 } });
      expect(input().disabled).toBe(false);
      vi.advanceTimersByTime(2_000);
      expect(socket.count("start_chat")).toBe(2);
      socket.last("start_chat").ack(null, { ok: true, ...chatStarted() });
      expect(banner().hidden).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("enforces 4000 characters with a counter near the limit", () => {
    openAndStart();
    const counter = $("#kremna-counter");
    const send = $<HTMLButtonElement>('button[aria-label="Send"]');
    type("x".repeat(100));
    expect(counter.hidden).toBe(true);
    expect(send.disabled).toBe(false);
    type("x".repeat(3900));
    expect(counter.hidden).toBe(false);
    expect(counter.textContent).toContain("3900 / 4000");
    type("x".repeat(4001));
    expect(counter.textContent).toContain("too long");
    expect(send.disabled).toBe(true);
    pressEnter();
    expect(socket.count("send_message")).toBe(0);
    type("x".repeat(4000));
    pressEnter();
    expect(socket.count("send_message")).toBe(1);
  });
});

describe("replies", () => {
  it("streams deltas into one bubble, typing indicator meanwhile, final message wins", () => {
    openAndStart();
    const typing = $(".typing");
    socket.fire("assistant_typing", { chatId: CHAT, isTyping: true });
    expect(typing.hidden).toBe(false);
    expect(typing.textContent).toContain("Ada Support is typing");
    socket.fire("message_delta", { chatId: CHAT, messageId: id(7), index: 1, delta: "lo" });
    socket.fire("message_delta", { chatId: CHAT, messageId: id(7), index: 0, delta: "Hel" });
    expect(bubbles()).toEqual(["Hi! How can I help?", "Hello"]);
    expect(typing.hidden).toBe(true);
    socket.fire("message_delta", { chatId: CHAT, messageId: id(7), index: 2, delta: " wor" });
    socket.fire("new_message", message(7, "assistant", "Hello world!"));
    socket.fire("assistant_typing", { chatId: CHAT, isTyping: false });
    expect(bubbles()).toEqual(["Hi! How can I help?", "Hello world!"]);
    expect(log().querySelectorAll('[data-status="streaming"]')).toHaveLength(0);
  });

  it("a retried reply (higher attempt) replaces what the first attempt streamed", () => {
    openAndStart();
    const d = (index: number, delta: string, attempt: number) =>
      socket.fire("message_delta", { chatId: CHAT, messageId: id(7), index, attempt, delta });
    d(0, "First", 1);
    d(1, " try", 1);
    expect(bubbles()).toEqual(["Hi! How can I help?", "First try"]);
    const bubbleEl = log().querySelector('[data-status="streaming"]');
    d(0, "Second", 2);
    expect(bubbles()).toEqual(["Hi! How can I help?", "Second"]);
    d(2, " stale", 1);
    d(1, " try", 2);
    expect(bubbles()).toEqual(["Hi! How can I help?", "Second try"]);
    expect(log().querySelector('[data-status="streaming"]')).toBe(bubbleEl);
    socket.fire("new_message", message(7, "assistant", "Second try!"));
    expect(bubbles()).toEqual(["Hi! How can I help?", "Second try!"]);
  });

  it("a reply that finishes after a later visitor message is shown after it (seq order)", () => {
    openAndStart([message(1, "user", "q1")]);
    socket.fire("message_delta", { chatId: CHAT, messageId: id(2), index: 0, attempt: 1, delta: "Thinking" });
    type("q2");
    pressEnter();
    const send = socket.last("send_message");
    expect(bubbles()).toEqual(["Hi! How can I help?", "q1", "q2", "Thinking"]);
    send.ack(null, { ok: true, message: message(3, "user", "q2", { seq: 2, clientMessageId: send.payload.clientMessageId }) });
    socket.fire("new_message", message(2, "assistant", "Thinking done", { seq: 3 }));
    expect(bubbles()).toEqual(["Hi! How can I help?", "q1", "q2", "Thinking done"]);
    // a reconnect resumes after the highest seq
    socket.down();
    socket.up();
    expect(socket.last("start_chat").payload).toMatchObject({ lastSeq: 3, lastMessageId: id(2) });
  });

  it("a failed reply shows once, even though an error event (reply_failed) comes with it", () => {
    openAndStart();
    socket.fire("assistant_typing", { chatId: CHAT, isTyping: true, messageId: id(8) });
    socket.fire("message_delta", { chatId: CHAT, messageId: id(8), index: 0, attempt: 1, delta: "Partial" });
    socket.fire("error", { code: "reply_failed", message: "Sorry, I couldn't answer just now.", chatId: CHAT });
    socket.fire("new_message", message(8, "assistant", "Sorry, I couldn't answer just now.", { status: "failed" }));
    socket.fire("assistant_typing", { chatId: CHAT, isTyping: false, messageId: id(8) });
    expect(bubbles()).toEqual(["Hi! How can I help?", "Sorry, I couldn't answer just now. Please try again in a moment."]);
    expect(log().querySelectorAll('[data-status="failed"]')).toHaveLength(1);
    expect(root.textContent.match(/couldn't answer/g)).toHaveLength(1);
    expect(banner().hidden).toBe(true);
    expect($(".typing").hidden).toBe(true);
    expect(console.warn).not.toHaveBeenCalled();
  });

  it("styles a failed reply as a soft error, in the visitor's words (the server's are English-only)", () => {
    openAndStart();
    socket.fire("new_message", message(8, "assistant", "Sorry, I couldn't answer that.", { status: "failed" }));
    const m = log().querySelectorAll(".msg")[1];
    expect(m.getAttribute("data-status")).toBe("failed");
    expect(m.querySelector(".bubble")!.textContent).toBe("Sorry, I couldn't answer just now. Please try again in a moment.");
  });

  it("counts replies that arrive while closed, for the launcher, and keeps the count for the next page", () => {
    openAndStart([message(1, "user", "q"), message(2, "assistant", "a")]);
    chat.close();
    socket.fire("new_message", message(3, "user", "from another tab"));
    expect(setUnread).not.toHaveBeenCalled(); // the visitor's own messages are not news
    socket.fire("new_message", message(4, "assistant", "ping"));
    expect(setUnread).toHaveBeenLastCalledWith(1);
    socket.fire("new_message", message(5, "agent", "pong"));
    expect(setUnread).toHaveBeenLastCalledWith(2);
    expect(JSON.parse(localStorage.getItem(chatKey(ASSISTANT))!)).toMatchObject({ seenSeq: 2, unread: 2 });
    chat.open();
    expect(setUnread).toHaveBeenLastCalledWith(0);
    expect(JSON.parse(localStorage.getItem(chatKey(ASSISTANT))!)).toMatchObject({ seenSeq: 5, unread: 0 });
  });
});

describe("language", () => {
  it("speaks Turkish when the loader says so: labels, states, errors and counter", () => {
    vi.useFakeTimers();
    try {
      mount({ lang: "tr" });
      expect($('button[aria-label="Sohbeti kapat"]')).toBeTruthy();
      expect($('button[aria-label="Gönder"]')).toBeTruthy();
      expect(log().getAttribute("aria-label")).toBe("Mesajlar");
      expect($(".composer label").textContent).toBe("Mesaj");
      expect(input().placeholder).toBe("Bir mesaj yazın…");
      chat.open();
      expect(banner().textContent).toBe("Bağlanıyor…");
      socket.up();
      socket.last("start_chat").ack(null, { ok: false, error: { code: "rate_limited", message: "Too many new chats.", retryAfter: 120 } });
      expect(banner().textContent).toBe("Ağınızdan çok fazla sohbet başlatıldı — 2 dk. sonra yeniden denenecek.");
      vi.advanceTimersByTime(120_000);
      socket.last("start_chat").ack(null, { ok: true, ...chatStarted() });
      socket.fire("assistant_typing", { chatId: CHAT, isTyping: true });
      expect($(".typing").textContent).toContain("Ada Support yazıyor…");
      type("x".repeat(4001));
      expect($("#kremna-counter").textContent).toBe("4001 / 4000 karakter — 1 karakter fazla");
      type("Merhaba");
      pressEnter();
      expect(log().querySelector('[data-role="user"]')!.textContent).toContain("Gönderiliyor…");
      socket.last("send_message").ack(null, { ok: false, error: { code: "internal_error", message: "Something broke on our side." } });
      const failed = log().querySelector('[data-role="user"]')!;
      expect(failed.textContent).toContain("Bir sorun oluştu — lütfen tekrar deneyin.");
      expect(failed.querySelector("button")!.textContent).toBe("Tekrar dene");
      expect(root.textContent).not.toContain("Something broke");
      socket.fire("new_message", message(2, "assistant", "Sorry, I couldn't answer just now.", { status: "failed" }));
      expect(bubbles()).toContain("Üzgünüm, şu anda yanıt veremedim. Lütfen birazdan tekrar deneyin.");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("message times", () => {
  it("shows when each message was written on hover, and says it to screen readers", () => {
    openAndStart([message(1, "user", "q", { createdAt: "2026-11-24T14:05:00Z" }), message(2, "assistant", "a", { createdAt: "2026-11-24T14:06:00Z" })]);
    const [greeting, q, a] = [...log().querySelectorAll<HTMLElement>(".msg")];
    const when = (iso: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
    expect(q.title).toBe(when("2026-11-24T14:05:00Z"));
    expect(q.querySelector(".sr")!.textContent).toBe(`You, ${when("2026-11-24T14:05:00Z")}: `);
    expect(a.title).toBe(when("2026-11-24T14:06:00Z"));
    expect(a.querySelector(".sr")!.textContent).toBe(`Ada Support, ${when("2026-11-24T14:06:00Z")}: `);
    // the greeting and unsent messages have no time
    expect(greeting.title).toBe("");
    type("later");
    pressEnter();
    const pending = log().querySelector<HTMLElement>('[data-status="sending"]')!;
    expect(pending.title).toBe("");
    expect(pending.querySelector(".sr")!.textContent).toBe("You: ");
  });

  it("in Turkish: Turkish month names and a 24-hour clock", () => {
    mount({ lang: "tr" });
    openAndStart([message(1, "user", "q", { createdAt: "2026-11-24T14:05:00Z" })]);
    const q = log().querySelectorAll<HTMLElement>(".msg")[1];
    expect(q.title).toMatch(/^2\d Kas 2026 \d\d:\d\d$/);
    expect(q.querySelector(".sr")!.textContent).toMatch(/^Siz, 2\d Kas 2026/);
  });
});

describe("new conversation", () => {
  const newBtn = () => $<HTMLButtonElement>('button[aria-label="New conversation"]');
  const stored = () => JSON.parse(localStorage.getItem(chatKey(ASSISTANT)) ?? "null") as { chatId: string } | null;

  it("is offered once there is a conversation to leave", () => {
    openAndStart();
    expect(newBtn().hidden).toBe(true);
    socket.fire("new_message", message(1, "user", "q"));
    expect(newBtn().hidden).toBe(false);
  });

  it("asks first, then forgets the stored chat and starts a new one on a fresh connection", () => {
    openAndStart([message(1, "user", "q"), message(2, "assistant", "a")]);
    expect(stored()?.chatId).toBe(CHAT);
    newBtn().click();
    const confirm = $('[role="group"]');
    expect(confirm.hidden).toBe(false);
    expect(confirm.textContent).toContain("Start a new conversation? This one will be cleared from this device.");
    expect(dialog().classList.contains("confirming")).toBe(true); // the composer makes way
    expect(root.activeElement).toBe(confirm.querySelector("button.yes"));
    expect(bubbles()).toEqual(["Hi! How can I help?", "q", "a"]); // nothing lost yet

    (confirm.querySelector("button.yes") as HTMLButtonElement).click();
    expect(confirm.hidden).toBe(true);
    expect(bubbles()).toEqual(["Hi! How can I help?"]);
    expect(stored()).toBeNull();
    // the old chat's room is left with the old connection
    expect(socket.disconnects).toBe(1);
    expect(socket.connects).toBe(1);
    socket.up();
    const start = socket.last("start_chat");
    expect(start.payload.chatId).toBeUndefined();
    expect(start.payload.lastSeq).toBeUndefined();
    start.ack(null, { ok: true, ...chatStarted([], "c0000000-0000-4000-8000-000000000002") });
    expect(stored()?.chatId).toBe("c0000000-0000-4000-8000-000000000002");
    expect(newBtn().hidden).toBe(true);
  });

  it("Cancel and Escape keep the conversation", () => {
    openAndStart([message(1, "user", "q")]);
    newBtn().click();
    $<HTMLButtonElement>("button.no").click();
    expect($('[role="group"]').hidden).toBe(true);
    expect(root.activeElement).toBe(newBtn());
    newBtn().click();
    $("button.yes").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect($('[role="group"]').hidden).toBe(true);
    expect(dialog().hidden).toBe(false); // Escape closed the question, not the panel
    expect(stored()?.chatId).toBe(CHAT);
    expect(bubbles()).toEqual(["Hi! How can I help?", "q"]);
    expect(socket.disconnects).toBe(0);
  });

  it("with only unsent drafts there is nothing to lose: no question", () => {
    chat.open(); // not connected: the draft can't be sent
    type("draft");
    pressEnter();
    newBtn().click();
    expect($('[role="group"]').hidden).toBe(true);
    expect(bubbles()).toEqual(["Hi! How can I help?"]);
  });
});

/** Issue 9 point 14 on the widget side: a reply lost while connected is fetched at once. */
describe("gap re-sync", () => {
  it("a new_message more than one seq ahead re-sends start_chat from the last seq it has everything up to", () => {
    openAndStart([message(1, "user", "q1"), message(2, "assistant", "a1")]);
    socket.fire("new_message", message(3, "user", "q2"));
    expect(socket.count("start_chat")).toBe(1);
    // reply seq 4 never arrives; the next message does
    socket.fire("new_message", message(5, "user", "q3"));
    expect(socket.count("start_chat")).toBe(2);
    expect(socket.last("start_chat").payload).toMatchObject({ chatId: CHAT, visitorToken: "tok-1", lastSeq: 3, lastMessageId: id(3) });
    // no second re-sync while the first is under way
    socket.fire("new_message", message(6, "assistant", "a3"));
    expect(socket.count("start_chat")).toBe(2);
    // a message typed meanwhile waits for the answer, then goes once
    type("q4");
    pressEnter();
    expect(socket.count("send_message")).toBe(0);
    const replay = [message(4, "assistant", "a2"), message(5, "user", "q3"), message(6, "assistant", "a3")];
    socket.fire("chat_started", { ...chatStarted(replay), resumed: true });
    socket.last("start_chat").ack(null, { ok: true, ...chatStarted(replay), resumed: true });
    expect(bubbles()).toEqual(["Hi! How can I help?", "q1", "a1", "q2", "a2", "q3", "a3", "q4"]);
    expect(socket.count("start_chat")).toBe(2);
    expect(socket.count("send_message")).toBe(1);
    socket.fire("new_message", message(7, "user", "q4", { clientMessageId: socket.last("send_message").payload.clientMessageId }));
    expect(socket.count("start_chat")).toBe(2);
  });

  it("a send sent before the re-sync is not sent twice", () => {
    openAndStart([message(1, "user", "q1")]);
    type("q2");
    pressEnter();
    expect(socket.count("send_message")).toBe(1);
    socket.fire("new_message", message(3, "assistant", "ahead"));
    expect(socket.count("start_chat")).toBe(2);
    socket.last("start_chat").ack(null, { ok: true, ...chatStarted([message(2, "assistant", "missed"), message(3, "assistant", "ahead")]) });
    expect(socket.count("send_message")).toBe(1);
  });
});

describe("inline (the dashboard's preview)", () => {
  it("is a region of the page named after the assistant, with no close button, and stays open", () => {
    mount({ inline: true });
    chat.open(false);
    expect($('[role="region"]').getAttribute("aria-label")).toBe("Ada Support");
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect($('button[aria-label="Close chat"]').hidden).toBe(true);
    input().dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    chat.close();
    expect($('[role="region"]').hidden).toBe(false);
    expect(chat.isOpen()).toBe(true);
    expect(onOpenChange).not.toHaveBeenCalledWith(false);
  });
});

describe("opening", () => {
  it("takes the focus when the visitor opens it, not when it is restored on a new page", () => {
    chat.open(false);
    expect(root.activeElement).not.toBe(input());
    chat.close();
    chat.open();
    expect(root.activeElement).toBe(input());
  });

  it("destroy closes the connection and stops reconnecting", () => {
    vi.useFakeTimers();
    try {
      openAndStart();
      socket.down("io server disconnect");
      chat.destroy();
      vi.advanceTimersByTime(120_000);
      expect(socket.connects).toBe(0);
      expect(socket.disconnects).toBe(1);
      chat.open();
      expect(socket.count("start_chat")).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
