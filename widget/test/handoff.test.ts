import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { initialState, reduce } from "../src/chat-state";
import type { ChatStarted } from "../src/protocol";
import { createChat } from "../src/panel";
import type { ChatController, ChatHost, WidgetConfig } from "../src/types";
import { FakeSocket } from "./fake-socket";

const ASSISTANT = "a0000000-0000-4000-8000-000000000001";
const CHAT = "c0000000-0000-4000-8000-000000000001";
const OFFLINE = "Nobody is here right now; leave your e-mail.";

const config: WidgetConfig = {
  id: ASSISTANT,
  name: "Ada Support",
  greeting: "Hi!",
  primaryColor: "#2563eb",
  position: "right",
  realtimeUrl: "http://rt.example:3001",
  allowed: true,
  lang: null,
};

const started = (extra: Record<string, unknown> = {}, policy = "on_request") => ({
  ok: true,
  id: CHAT,
  chatId: CHAT,
  assistantId: ASSISTANT,
  visitorToken: "tok-1",
  resumed: false,
  assistant: { name: "Ada Support", greeting: "Hi!", handoffPolicy: policy },
  messages: [],
  state: "open",
  ...extra,
});

let socket: FakeSocket;
let root: ShadowRoot;
let chat: ChatController;

function mount(lang: ChatHost["lang"] = "en"): void {
  document.body.replaceChildren();
  const hostEl = document.createElement("kremna-widget");
  document.body.append(hostEl);
  root = hostEl.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  container.className = "kw right";
  root.append(container);
  socket = new FakeSocket();
  const host: ChatHost = { root, container, config, lang, inline: false, onOpenChange: () => {}, setUnread: () => {} };
  chat = createChat(host, { store: localStorage, connect: () => socket });
}

const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
const ask = () => $<HTMLButtonElement>("button.ask");
const line = () => $(".hand p[role=status]");
const mailForm = () => $<HTMLFormElement>("form.mail");
const visible = (e: HTMLElement) => !e.hidden && !e.closest("[hidden]");

function openAndStart(extra: Record<string, unknown> = {}, policy?: string): void {
  chat.open();
  socket.up();
  socket.last("start_chat").ack(null, started(extra, policy));
}

beforeEach(() => {
  localStorage.clear();
  vi.spyOn(console, "warn").mockImplementation(() => {});
  mount();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("talk to a person", () => {
  it("is offered only when the assistant's policy lets the visitor ask", () => {
    openAndStart({}, "never");
    expect(visible(ask())).toBe(false);
    expect(visible($(".hand"))).toBe(false);
    mount();
    openAndStart({}, "model");
    expect(visible(ask())).toBe(true);
    expect(ask().textContent).toBe("Talk to a person");
  });

  it("asks with the chat's id and token, then shows the wait", () => {
    openAndStart();
    ask().click();
    const sent = socket.last("request_human");
    expect(sent.payload).toEqual({ chatId: CHAT, visitorToken: "tok-1" });
    expect(ask().disabled).toBe(true);
    sent.ack(null, { ok: true, chatId: CHAT, state: "needs_human" });
    expect(line().textContent).toBe("Waiting for a person to join…");
    expect(visible(ask())).toBe(false);
    expect(visible(mailForm())).toBe(false);
  });

  it("with nobody online, says the offline message and takes an e-mail address", () => {
    openAndStart();
    ask().click();
    socket.last("request_human").ack(null, { ok: true, chatId: CHAT, state: "needs_human", offlineMessage: OFFLINE });
    expect(line().textContent).toBe(OFFLINE);
    expect(visible(mailForm())).toBe(true);
    const field = $<HTMLInputElement>("#kremna-email");
    expect(root.querySelector(`label[for="${field.id}"]`)!.textContent).toBe("Your e-mail address");

    field.value = "not an address";
    mailForm().dispatchEvent(new Event("submit", { cancelable: true }));
    socket.last("leave_email").ack(null, { ok: false, error: { code: "invalid_payload", message: "`email` must be…" } });
    expect($(".hand .err").textContent).toBe("Please enter a valid e-mail address.");

    field.value = " Ada@Example.com ";
    mailForm().dispatchEvent(new Event("submit", { cancelable: true }));
    const sent = socket.last("leave_email");
    expect(sent.payload).toEqual({ chatId: CHAT, email: "Ada@Example.com", visitorToken: "tok-1" });
    sent.ack(null, { ok: true, chatId: CHAT, email: "ada@example.com" });
    expect(line().textContent).toBe(`${OFFLINE} Thanks — we'll reply to ada@example.com.`);
    expect(visible(mailForm())).toBe(false);
    expect(visible($(".hand .err"))).toBe(false);
  });

  it("says a refusal in the visitor's language", () => {
    mount("tr");
    openAndStart();
    expect(ask().textContent).toBe("Bir temsilciyle görüşün");
    ask().click();
    socket.last("request_human").ack(null, { ok: false, error: { code: "rate_limited", retryAfter: 30 } });
    expect($(".hand .err").textContent).toContain("Çok hızlı");
    expect(visible(ask())).toBe(true);
    expect(ask().disabled).toBe(false);
  });
});

describe("who answers", () => {
  it("says who joined, names the member on their messages, and says when the assistant is back", () => {
    openAndStart();
    socket.fire("chat_state", { chatId: CHAT, state: "assigned", agentName: "Ayşe" });
    expect(line().textContent).toBe("Ayşe joined the chat");
    expect(visible(ask())).toBe(false);
    socket.fire("new_message", {
      id: "0190a000-0000-7000-8000-000000000001",
      chatId: CHAT,
      role: "agent",
      content: "Hello, I'm here.",
      status: "complete",
      seq: 1,
      authorName: "Ayşe",
    });
    const msg = $('.msg[data-role="agent"]');
    expect(msg.querySelector(".name")!.textContent).toBe("Ayşe");
    expect(msg.querySelector(".sr")!.textContent).toMatch(/^Ayşe/);
    expect(msg.querySelector(".bubble")!.textContent).toBe("Hello, I'm here.");

    socket.fire("chat_state", { chatId: CHAT, state: "open" });
    expect(line().textContent).toBe("You're now chatting with the assistant again.");
    expect(visible(ask())).toBe(true);
  });

  it("says a resolved chat, and ignores another chat's state", () => {
    openAndStart();
    socket.fire("chat_state", { chatId: "c0000000-0000-4000-8000-000000000009", state: "assigned", agentName: "Bob" });
    expect(visible(line())).toBe(false);
    socket.fire("chat_state", { chatId: CHAT, state: "resolved" });
    expect(line().textContent).toBe("This conversation was marked as resolved.");
    expect(visible(ask())).toBe(true);
  });

  it("restores the state on resume without saying the assistant is back", () => {
    openAndStart({ state: "assigned", agentName: "Ayşe", resumed: true });
    expect(line().textContent).toBe("Ayşe joined the chat");
    mount();
    openAndStart({ state: "needs_human", offlineMessage: OFFLINE, visitorEmail: "a@b.co" });
    expect(line().textContent).toBe(`${OFFLINE} Thanks — we'll reply to a@b.co.`);
    expect(visible(mailForm())).toBe(false);
    mount();
    openAndStart({ state: "open" });
    expect(visible(line())).toBe(false);
  });

  it("is in Turkish for a Turkish visitor", () => {
    mount("tr");
    openAndStart();
    socket.fire("chat_state", { chatId: CHAT, state: "assigned", agentName: "Ayşe" });
    expect(line().textContent).toBe("Ayşe sohbete katıldı");
  });
});

describe("reducer", () => {
  it("keeps the policy across a new conversation, and drops the handoff", () => {
    const payload = started({ state: "needs_human", visitorEmail: "a@b.co" }) as ChatStarted;
    let s = reduce(initialState, { type: "chat_started", payload });
    expect(s.canAsk).toBe(true);
    expect(s.handoff).toBe("needs_human");
    expect(s.email).toBe("a@b.co");
    s = reduce(s, { type: "reset", all: true });
    expect(s.canAsk).toBe(true);
    expect(s.handoff).toBe("open");
    expect(s.email).toBeNull();
  });

  it("treats an older server's chat_started (no state, no policy) as open with no person to ask", () => {
    const s = reduce(initialState, {
      type: "chat_started",
      payload: { chatId: CHAT, visitorToken: "t", assistant: { name: "X" } },
    });
    expect(s.handoff).toBe("open");
    expect(s.canAsk).toBe(false);
  });
});
