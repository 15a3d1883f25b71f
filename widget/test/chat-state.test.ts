import { describe, expect, it } from "vitest";
import { buildStartPayload, hasGap, initialState, maxSeq, reduce, showTyping, unreadAfter, unsent } from "../src/chat-state";
import type { Action, ChatState } from "../src/chat-state";
import type { ChatStarted, WireMessage } from "../src/protocol";

/** Time-ordered ids, like the server's (UUIDv7-style: lexical order = time order). */
const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`;
const CHAT = "c0000000-0000-4000-8000-000000000001";

/** A final message; its seq defaults to n (override it when it finished later than its id says). */
const msg = (n: number, role: WireMessage["role"], content: string, extra: Partial<WireMessage> = {}): WireMessage => ({
  id: id(n),
  chatId: CHAT,
  role,
  content,
  status: "complete",
  createdAt: "2026-11-24T12:00:00Z",
  seq: n,
  ...extra,
});

const started = (messages: WireMessage[] = [], extra: Partial<ChatStarted> = {}): Action => ({
  type: "chat_started",
  payload: { id: CHAT, chatId: CHAT, visitorToken: "tok", resumed: messages.length > 0, messages, ...extra },
});

const run = (actions: Action[], from: ChatState = initialState) => actions.reduce(reduce, from);
const contents = (s: ChatState) => s.messages.map((m) => m.content);

describe("chat_started", () => {
  it("stores chat id and token and renders history in seq order", () => {
    const s = run([started([msg(2, "assistant", "b"), msg(1, "user", "a")])]);
    expect(s.chatId).toBe(CHAT);
    expect(s.visitorToken).toBe("tok");
    expect(contents(s)).toEqual(["a", "b"]);
    expect(s.lastSeq).toBe(2);
  });

  it("takes name and greeting from the payload when given", () => {
    const s = run([started([], { assistant: { name: "Ada", greeting: "Hello" } })]);
    expect(s.assistantName).toBe("Ada");
    expect(s.greeting).toBe("Hello");
  });

  it("dedupes a replay (resume after reconnect) by id", () => {
    const s = run([
      started([msg(1, "user", "a"), msg(2, "assistant", "b")]),
      { type: "new_message", message: msg(3, "user", "c") },
      // reconnect: the server replays after lastMessageId, but a replay of everything must not duplicate either
      started([msg(1, "user", "a"), msg(2, "assistant", "b"), msg(3, "user", "c"), msg(4, "assistant", "d")]),
    ]);
    expect(contents(s)).toEqual(["a", "b", "c", "d"]);
    expect(s.lastSeq).toBe(4);
  });

  it("a different chat (new chat after a refused resume) drops old messages but keeps unsent ones", () => {
    const s = run([
      started([msg(1, "user", "old")]),
      { type: "send", clientMessageId: "cm-1", content: "pending" },
      { type: "reset" },
      started([], { chatId: "other", id: "other", visitorToken: "tok2" }),
    ]);
    expect(s.chatId).toBe("other");
    expect(s.visitorToken).toBe("tok2");
    expect(contents(s)).toEqual(["pending"]);
    expect(s.lastSeq).toBe(0);
  });
});

describe("new_message", () => {
  it("dedupes by id and orders by seq", () => {
    const s = run([
      started(),
      { type: "new_message", message: msg(3, "assistant", "three") },
      { type: "new_message", message: msg(1, "user", "one") },
      { type: "new_message", message: msg(3, "assistant", "three") },
      { type: "new_message", message: msg(2, "user", "two") },
    ]);
    expect(contents(s)).toEqual(["one", "two", "three"]);
    expect(s.lastSeq).toBe(3);
  });

  it("ignores messages of another chat", () => {
    const s = run([started(), { type: "new_message", message: msg(1, "user", "x", { chatId: "other" }) }]);
    expect(s.messages).toEqual([]);
  });

  it("a failed reply keeps its polite content and is marked failed", () => {
    const s = run([
      started(),
      { type: "typing", chatId: CHAT, isTyping: true },
      { type: "new_message", message: msg(1, "assistant", "Sorry, I can't answer right now.", { status: "failed" }) },
    ]);
    expect(s.messages[0]).toMatchObject({ status: "failed", content: "Sorry, I can't answer right now.", role: "assistant" });
    expect(s.typing).toEqual([]);
    expect(s.lastSeq).toBe(1);
  });
});

describe("optimistic send", () => {
  it("shows the message as sending, then replaces it with the echo (same clientMessageId)", () => {
    let s = run([started([msg(1, "assistant", "hi")]), { type: "send", clientMessageId: "cm-1", content: "hello" }]);
    expect(s.messages[1]).toMatchObject({ key: "c:cm-1", status: "sending", content: "hello", role: "user" });
    expect(s.messages[1].id).toBeUndefined();
    expect(unsent(s).map((m) => m.clientMessageId)).toEqual(["cm-1"]);

    s = reduce(s, { type: "new_message", message: msg(2, "user", "hello", { clientMessageId: "cm-1" }) });
    expect(s.messages).toHaveLength(2);
    expect(s.messages[1]).toMatchObject({ key: "c:cm-1", id: id(2), status: "complete" });
    expect(unsent(s)).toEqual([]);

    // the ack carries the same message: still one bubble
    s = reduce(s, { type: "new_message", message: msg(2, "user", "hello", { clientMessageId: "cm-1" }) });
    expect(s.messages).toHaveLength(2);
  });

  it("keeps unsent messages after stored ones, in send order", () => {
    const s = run([
      started(),
      { type: "send", clientMessageId: "a", content: "first" },
      { type: "send", clientMessageId: "b", content: "second" },
      { type: "new_message", message: msg(5, "assistant", "reply") },
    ]);
    expect(contents(s)).toEqual(["reply", "first", "second"]);
  });

  it("a refusal marks it as error with the text; retry puts it back to sending with the same id", () => {
    let s = run([
      started(),
      { type: "send", clientMessageId: "cm-1", content: "hello" },
      { type: "send_failed", clientMessageId: "cm-1", error: "You're sending messages too fast — try again in 12 s" },
    ]);
    expect(s.messages[0]).toMatchObject({ status: "error", error: "You're sending messages too fast — try again in 12 s" });
    expect(unsent(s)).toEqual([]);
    s = reduce(s, { type: "retry", clientMessageId: "cm-1" });
    expect(s.messages[0].status).toBe("sending");
    expect(s.messages[0].error).toBeUndefined();
    expect(s.messages[0].clientMessageId).toBe("cm-1");
    expect(unsent(s)).toHaveLength(1);
  });

  it("a late echo replaces a message that timed out", () => {
    const s = run([
      started(),
      { type: "send", clientMessageId: "cm-1", content: "hello" },
      { type: "send_failed", clientMessageId: "cm-1", error: "Not sent" },
      { type: "new_message", message: msg(1, "user", "hello", { clientMessageId: "cm-1" }) },
    ]);
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]).toMatchObject({ status: "complete", id: id(1) });
  });

  it("send with an existing clientMessageId is a no-op", () => {
    const s = run([
      started(),
      { type: "send", clientMessageId: "cm-1", content: "hello" },
      { type: "send", clientMessageId: "cm-1", content: "hello" },
    ]);
    expect(s.messages).toHaveLength(1);
  });
});

describe("streaming", () => {
  const delta = (index: number, d: string, messageId = id(9)): Action => ({
    type: "delta",
    delta: { chatId: CHAT, messageId, index, delta: d },
  });

  it("reassembles deltas in index order, even out of order", () => {
    let s = run([started(), delta(1, "llo"), delta(3, "ld")]);
    // nothing contiguous from index 0 yet: no bubble
    expect(s.messages).toEqual([]);
    s = reduce(s, delta(0, "He"));
    expect(contents(s)).toEqual(["Hello"]);
    expect(s.messages[0]).toMatchObject({ status: "streaming", role: "assistant", id: id(9) });
    s = reduce(s, delta(2, " wor"));
    expect(contents(s)).toEqual(["Hello world"]);
  });

  it("ignores duplicate deltas", () => {
    const s = run([started(), delta(0, "a"), delta(1, "b"), delta(1, "b"), delta(0, "a")]);
    expect(contents(s)).toEqual(["ab"]);
  });

  it("the final new_message is the authority and ends the stream", () => {
    let s = run([started(), delta(0, "Hel"), delta(2, "garbage")]);
    s = reduce(s, { type: "new_message", message: msg(9, "assistant", "Hello!") });
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]).toMatchObject({ key: `m:${id(9)}`, content: "Hello!", status: "complete" });
    expect(s.streams).toEqual({});
    // late deltas after the final message change nothing
    expect(reduce(s, delta(1, "lo"))).toBe(s);
  });

  it("a stream that fails ends as a failed message", () => {
    const s = run([
      started(),
      delta(0, "Partial"),
      { type: "new_message", message: msg(9, "assistant", "Sorry, something went wrong.", { status: "failed" }) },
    ]);
    expect(s.messages).toEqual([expect.objectContaining({ status: "failed", content: "Sorry, something went wrong." })]);
  });

  it("ignores deltas of another chat", () => {
    const s = run([started(), { type: "delta", delta: { chatId: "other", messageId: id(9), index: 0, delta: "x" } }]);
    expect(s.messages).toEqual([]);
  });

  it("typing shows until a reply streams visibly, and a reply clears it", () => {
    let s = run([started(), { type: "typing", chatId: CHAT, isTyping: true }]);
    expect(showTyping(s)).toBe(true);
    s = reduce(s, delta(0, "Hi"));
    expect(s.typing).toEqual([""]);
    expect(showTyping(s)).toBe(false);
    s = reduce(s, { type: "new_message", message: msg(9, "assistant", "Hi there") });
    expect(showTyping(s)).toBe(false);
    s = reduce(s, { type: "typing", chatId: CHAT, isTyping: true });
    s = reduce(s, { type: "typing", chatId: CHAT, isTyping: false });
    expect(showTyping(s)).toBe(false);
  });

  it("the resume cursor ignores streaming replies", () => {
    const s = run([started([msg(1, "user", "q")]), delta(0, "a", id(2))]);
    expect(s.lastSeq).toBe(1);
    expect(hasGap(s)).toBe(false);
  });

  it("a retried reply (higher attempt) starts its bubble over; late deltas of the old attempt are ignored", () => {
    const d = (index: number, text: string, attempt: number): Action => ({
      type: "delta",
      delta: { chatId: CHAT, messageId: id(9), index, attempt, delta: text },
    });
    let s = run([started(), d(0, "The ", 1), d(1, "first ", 1), d(2, "try", 1)]);
    expect(contents(s)).toEqual(["The first try"]);
    s = reduce(s, d(0, "A ", 2));
    expect(contents(s)).toEqual(["A "]);
    expect(s.messages[0]).toMatchObject({ key: `m:${id(9)}`, status: "streaming" });
    // the crashed worker's last words arrive late: ignored, even at an index the new attempt lacks
    expect(reduce(s, d(3, " and more", 1))).toBe(s);
    expect(reduce(s, d(1, "stale", 1))).toBe(s);
    s = run([d(1, "second ", 2), d(2, "try", 2)], s);
    expect(contents(s)).toEqual(["A second try"]);
    s = reduce(s, { type: "new_message", message: msg(9, "assistant", "A second try") });
    expect(s.messages).toEqual([expect.objectContaining({ content: "A second try", status: "complete" })]);
    expect(s.streams).toEqual({});
  });

  it("a retry whose first delta is not here yet hides the old attempt's text", () => {
    const s = run([
      started(),
      { type: "typing", chatId: CHAT, isTyping: true, messageId: id(9) },
      { type: "delta", delta: { chatId: CHAT, messageId: id(9), index: 0, attempt: 1, delta: "Old" } },
      { type: "delta", delta: { chatId: CHAT, messageId: id(9), index: 1, attempt: 2, delta: "new" } },
    ]);
    expect(s.messages).toEqual([]);
    expect(showTyping(s)).toBe(true);
  });

  it("deltas without attempt count as attempt 1", () => {
    const s = run([
      started(),
      delta(0, "a"),
      { type: "delta", delta: { chatId: CHAT, messageId: id(9), index: 1, attempt: 1, delta: "b" } },
    ]);
    expect(contents(s)).toEqual(["ab"]);
  });

  it("typing is tracked per reply: one reply's end does not hide another's", () => {
    let s = run([
      started(),
      { type: "typing", chatId: CHAT, isTyping: true, messageId: id(8) },
      { type: "typing", chatId: CHAT, isTyping: true, messageId: id(9) },
      delta(0, "streaming", id(8)),
    ]);
    expect(showTyping(s)).toBe(true); // reply 9 is being written, not visible yet
    s = reduce(s, { type: "new_message", message: msg(8, "assistant", "streaming done") });
    s = reduce(s, { type: "typing", chatId: CHAT, isTyping: false, messageId: id(8) });
    expect(showTyping(s)).toBe(true);
    s = reduce(s, { type: "typing", chatId: CHAT, isTyping: false, messageId: id(9) });
    expect(showTyping(s)).toBe(false);
  });
});

describe("resume", () => {
  const stored = { chatId: CHAT, visitorToken: "tok" };

  it("fresh page: resumes the stored chat without lastMessageId, so the whole history is replayed", () => {
    expect(buildStartPayload("asst", "vis", stored, initialState)).toEqual({
      assistantId: "asst",
      visitorId: "vis",
      chatId: CHAT,
      visitorToken: "tok",
    });
  });

  it("reconnect: sends the cursor as lastSeq, and as the id of the message at it for servers that only know ids", () => {
    const s = run([started([msg(1, "user", "a"), msg(2, "assistant", "b")])]);
    expect(buildStartPayload("asst", "vis", stored, s)).toEqual({
      assistantId: "asst",
      visitorId: "vis",
      chatId: CHAT,
      visitorToken: "tok",
      lastSeq: 2,
      lastMessageId: id(2),
    });
  });

  it("no stored chat: a new chat", () => {
    expect(buildStartPayload("asst", "vis", null, initialState)).toEqual({ assistantId: "asst", visitorId: "vis" });
    expect(buildStartPayload("asst", null, null, initialState)).toEqual({ assistantId: "asst" });
  });

  it("orders by seq: a reply that started before a later visitor message and finished after it comes after it", () => {
    // reply 2 (id fixed when it started) streams; the visitor's message 3 is stored meanwhile (seq 2);
    // the reply finishes last and gets seq 3
    let s = run([
      started([msg(1, "user", "q1", { seq: 1 })]),
      { type: "delta", delta: { chatId: CHAT, messageId: id(2), index: 0, attempt: 1, delta: "work" } },
      { type: "send", clientMessageId: "cm-3", content: "q2" },
    ]);
    // the visitor's unconfirmed message sits above the reply still streaming, where it will end up
    expect(contents(s)).toEqual(["q1", "q2", "work"]);
    s = reduce(s, { type: "new_message", message: msg(3, "user", "q2", { seq: 2, clientMessageId: "cm-3" }) });
    expect(contents(s)).toEqual(["q1", "q2", "work"]);
    expect(s.lastSeq).toBe(2);
    s = reduce(s, { type: "new_message", message: msg(2, "assistant", "work done", { seq: 3 }) });
    expect(contents(s)).toEqual(["q1", "q2", "work done"]);
    expect(s.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    // the resume cursor is the highest seq, not the highest id
    expect(s.lastSeq).toBe(3);
    expect(buildStartPayload("asst", "vis", stored, s)).toMatchObject({ lastSeq: 3, lastMessageId: id(2) });
  });

  it("resume cursor while a reply streams: the newest final message; the reply is replayed when it finishes", () => {
    let s = run([
      started([msg(1, "user", "q1", { seq: 1 })]),
      { type: "delta", delta: { chatId: CHAT, messageId: id(2), index: 0, attempt: 1, delta: "wor" } },
      { type: "new_message", message: msg(3, "user", "q2", { seq: 2 }) },
    ]);
    expect(buildStartPayload("asst", "vis", stored, s)).toMatchObject({ lastSeq: 2, lastMessageId: id(3) });
    // reconnect: the server replays what became final after seq 2 — the reply, now with seq 3
    s = reduce(s, started([msg(2, "assistant", "work done", { seq: 3 })], { resumed: true, typing: false }));
    expect(contents(s)).toEqual(["q1", "q2", "work done"]);
    expect(s.messages.filter((m) => m.status === "streaming")).toEqual([]);
  });

  it("messages without seq (an older server) fall back to id order after those with one", () => {
    const s = run([started([msg(3, "user", "c", { seq: undefined }), msg(1, "user", "a"), msg(2, "assistant", "b", { seq: undefined })])]);
    expect(contents(s)).toEqual(["a", "b", "c"]);
    expect(s.lastSeq).toBe(1);
    expect(hasGap(s)).toBe(false);
  });

  it("typing on resume: shows the indicator until the reply arrives", () => {
    let s = run([started([msg(1, "user", "q")], { resumed: true, typing: true })]);
    expect(showTyping(s)).toBe(true);
    // mid-stream deltas of the reply (we missed index 0): still only the indicator
    s = reduce(s, { type: "delta", delta: { chatId: CHAT, messageId: id(2), index: 4, attempt: 1, delta: "x" } });
    expect(s.messages).toHaveLength(1);
    expect(showTyping(s)).toBe(true);
    s = reduce(s, { type: "new_message", message: msg(2, "assistant", "answer") });
    expect(showTyping(s)).toBe(false);
    expect(contents(s)).toEqual(["q", "answer"]);
    // and a resume that says nobody is writing clears a stale indicator
    s = run([{ type: "typing", chatId: CHAT, isTyping: true, messageId: id(4) }, started([], { resumed: true, typing: false })], s);
    expect(showTyping(s)).toBe(false);
  });
});

/**
 * Issue 9 point 14: a reply missed while connected must come back on the next resume, even
 * after the visitor's own later message. The cursor is the highest seq below which the page
 * has everything, not the newest message it shows.
 */
describe("gaps in seq", () => {
  const stored = { chatId: CHAT, visitorToken: "tok" };

  it("a missed reply keeps the cursor below it, whatever arrives after it", () => {
    let s = run([started([msg(1, "user", "q1"), msg(2, "assistant", "a1")]), { type: "new_message", message: msg(3, "user", "q2") }]);
    expect(s.lastSeq).toBe(3);
    expect(hasGap(s)).toBe(false);
    // reply seq 4 is lost (a broadcast dropped while connected); the visitor writes again: seq 5
    s = reduce(s, { type: "new_message", message: msg(5, "user", "q3") });
    expect(s.lastSeq).toBe(3);
    expect(hasGap(s)).toBe(true);
    expect(buildStartPayload("asst", "vis", stored, s)).toMatchObject({ lastSeq: 3, lastMessageId: id(3) });
    s = reduce(s, { type: "new_message", message: msg(6, "assistant", "a3") });
    expect(s.lastSeq).toBe(3);
    // the resume replays everything after seq 3: the missed reply fills the gap, the rest dedupes
    s = reduce(s, started([msg(4, "assistant", "a2"), msg(5, "user", "q3"), msg(6, "assistant", "a3")], { resumed: true }));
    expect(contents(s)).toEqual(["q1", "a1", "q2", "a2", "q3", "a3"]);
    expect(s.lastSeq).toBe(6);
    expect(hasGap(s)).toBe(false);
  });

  it("a replay is the whole truth after the cursor: seqs it skips do not exist (deleted), no endless gap", () => {
    const s = run([started([msg(3, "user", "q"), msg(5, "assistant", "a")])]);
    expect(s.lastSeq).toBe(5);
    expect(hasGap(s)).toBe(false);
    const t = reduce(s, { type: "new_message", message: msg(6, "user", "next") });
    expect(t.lastSeq).toBe(6);
    expect(hasGap(t)).toBe(false);
  });

  it("a message arriving live before the replay that precedes it is not a gap once the replay lands", () => {
    let s = run([started([msg(1, "user", "q")]), { type: "new_message", message: msg(3, "assistant", "a2") }]);
    expect(hasGap(s)).toBe(true);
    s = reduce(s, started([msg(2, "assistant", "a1")], { resumed: true }));
    expect(s.lastSeq).toBe(3);
    expect(hasGap(s)).toBe(false);
  });

  it("counts unread replies after the last one seen, never the visitor's own", () => {
    const s = run([
      started([msg(1, "user", "q1"), msg(2, "assistant", "a1")]),
      { type: "new_message", message: msg(3, "user", "q2") },
      { type: "new_message", message: msg(4, "assistant", "a2") },
      { type: "new_message", message: msg(5, "agent", "a3") },
    ]);
    expect(maxSeq(s)).toBe(5);
    expect(unreadAfter(s, 2)).toBe(2);
    expect(unreadAfter(s, 5)).toBe(0);
    expect(unreadAfter(s, 0)).toBe(3);
  });

  it("a new conversation forgets everything, drafts included; a refused resume keeps the drafts", () => {
    const s = run([started([msg(1, "user", "q1")]), { type: "send", clientMessageId: "d", content: "draft" }]);
    expect(contents(reduce(s, { type: "reset" }))).toEqual(["draft"]);
    const all = reduce(s, { type: "reset", all: true });
    expect(all.messages).toEqual([]);
    expect(all.chatId).toBeNull();
    expect(all.lastSeq).toBe(0);
  });
});
