/**
 * Pure chat state: what the panel shows, derived only from protocol events and
 * the visitor's own actions. No DOM, no socket. See docs/realtime-protocol.md.
 */
import type { ChatStarted, Handoff, MessageDelta, Role, StartChatPayload, VisitorState, WireMessage } from "./protocol";
import type { StoredChat } from "./storage";
import type { IdentifyRequest } from "./generated/protocol";

export type MessageStatus =
  | "complete" // stored message
  | "failed" // stored reply that failed: content is a polite sentence for the visitor
  | "streaming" // reply being assembled from deltas
  | "sending" // visitor's message not yet acknowledged
  | "error"; // visitor's message refused or timed out; can be retried

export interface ChatMessage {
  /** Stable render key: `c:<clientMessageId>` for the visitor's own messages, else `m:<id>`. */
  key: string;
  id?: string;
  clientMessageId?: string;
  role: Role;
  content: string;
  status: MessageStatus;
  createdAt?: string;
  /** Position in the chat (final messages only). */
  seq?: number;
  /** Why sending failed (status "error"). */
  error?: string;
  /** The knowledge-base sources of a reply (title, and the page's address). */
  sources?: { title: string; url?: string }[];
  /** The member who wrote it (role `agent`). */
  authorName?: string;
}

/** Delta buffer of one reply being streamed. */
export interface Stream {
  attempt: number;
  /** Parts by index (sparse). */
  parts: string[];
}

export interface ChatState {
  chatId: string | null;
  visitorToken: string | null;
  /** Final messages by seq, then the visitor's unconfirmed ones in send order, then streaming replies. */
  messages: ChatMessage[];
  /** Replies being streamed: messageId -> delta buffer of the newest attempt. */
  streams: Record<string, Stream>;
  /**
   * The resume cursor: the highest seq up to which this page has every final message
   * (a gap above it is a message it missed). 0 before the first.
   */
  lastSeq: number;
  /** Replies being written: their message ids, "" for one we don't know the id of. */
  typing: string[];
  assistantName: string | null;
  greeting: string | null;
  /** Who answers the visitor (human handoff). */
  handoff: Handoff;
  /** With `assigned`: the member's name. */
  agentName: string | null;
  /** With `needs_human` while nobody is online: the assistant's message (then an e-mail is asked). */
  offlineMessage: string | null;
  /** The address the visitor left on this chat. */
  email: string | null;
  /** The assistant lets the visitor ask for a person. */
  canAsk: boolean;
  /** A member handed the chat back (live): "You're now chatting with the assistant again". */
  handedBack: boolean;
}

export type Action =
  | { type: "chat_started"; payload: ChatStarted }
  | { type: "new_message"; message: WireMessage }
  | { type: "delta"; delta: MessageDelta }
  | { type: "typing"; chatId?: string; isTyping: boolean; messageId?: string }
  | { type: "send"; clientMessageId: string; content: string }
  | { type: "send_failed"; clientMessageId: string; error: string }
  | { type: "retry"; clientMessageId: string }
  /** `chat_state`, or the ack of `request_human`. */
  | { type: "chat_state"; payload: VisitorState }
  | { type: "email_left"; email: string }
  /** Forget the chat; `all` also drops what the visitor has not sent yet (new conversation). */
  | { type: "reset"; all?: boolean };

export const initialState: ChatState = {
  chatId: null,
  visitorToken: null,
  messages: [],
  streams: {},
  lastSeq: 0,
  typing: [],
  assistantName: null,
  greeting: null,
  handoff: "open",
  agentName: null,
  offlineMessage: null,
  email: null,
  canAsk: false,
  handedBack: false,
};

const isStored = (m: ChatMessage): boolean => m.status === "complete" || m.status === "failed";

/**
 * 0: final, by seq. 1: final without seq (a server that sends none), by id.
 * 2: the visitor's own, not confirmed yet, in send order. 3: a reply still streaming, by id
 * (it gets its seq when it finishes, after everything stored meanwhile).
 */
function rank(m: ChatMessage): number {
  if (isStored(m)) return m.seq !== undefined ? 0 : 1;
  return m.id ? 3 : 2;
}

function order(messages: ChatMessage[]): ChatMessage[] {
  // Array.prototype.sort is stable: unsent messages keep their send order.
  return messages.slice().sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra === 0 && a.seq !== b.seq) return (a.seq as number) - (b.seq as number);
    if (a.id && b.id) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return 0;
  });
}

/** `from`, moved up over every seq the messages continue it with. */
function contiguous(messages: ChatMessage[], from: number): number {
  const seqs = new Set(messages.map((m) => m.seq));
  while (seqs.has(from + 1)) from++;
  return from;
}

/** The highest seq shown (0 for none). */
export function maxSeq(state: ChatState): number {
  return state.messages.reduce((n, m) => Math.max(n, m.seq ?? 0), 0);
}

/**
 * A final message above the cursor: the page missed one below it (a broadcast lost while
 * connected). Resuming from `lastSeq` brings it back.
 */
export function hasGap(state: ChatState): boolean {
  return state.messages.some((m) => (m.seq ?? 0) > state.lastSeq);
}

/** Replies (not the visitor's own messages) that became final after `seenSeq`. */
export function unreadAfter(state: ChatState, seenSeq: number): number {
  return state.messages.filter((m) => m.role !== "user" && (m.seq ?? 0) > seenSeq).length;
}

const validSeq = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

function withoutStream(streams: Record<string, Stream>, id: string): Record<string, Stream> {
  if (!(id in streams)) return streams;
  const next = { ...streams };
  delete next[id];
  return next;
}

function upsertStored(state: ChatState, msg: WireMessage): ChatState {
  if (state.chatId && msg.chatId && msg.chatId !== state.chatId) return state;
  const status: MessageStatus = msg.status === "failed" ? "failed" : "complete";
  const messages = state.messages.slice();
  let i = messages.findIndex((m) => m.id === msg.id);
  if (i < 0 && msg.clientMessageId) {
    i = messages.findIndex((m) => !m.id && m.clientMessageId === msg.clientMessageId);
  }
  const prev = i >= 0 ? messages[i] : undefined;
  const key = prev?.key ?? (msg.clientMessageId ? `c:${msg.clientMessageId}` : `m:${msg.id}`);
  const seq = validSeq(msg.seq) ? msg.seq : prev?.seq;
  const next: ChatMessage = {
    key,
    id: msg.id,
    role: msg.role,
    content: msg.content,
    status,
    ...(msg.clientMessageId ? { clientMessageId: msg.clientMessageId } : {}),
    ...(msg.createdAt ? { createdAt: msg.createdAt } : {}),
    ...(seq !== undefined ? { seq } : {}),
    ...(msg.authorName ? { authorName: msg.authorName } : {}),
  };
  // a replayed message has no sources: keep the ones the live one brought
  const sources = msg.sources?.length ? msg.sources : prev?.sources;
  if (sources) next.sources = sources;
  if (i >= 0) messages[i] = next;
  else messages.push(next);
  const ordered = order(messages);
  return {
    ...state,
    messages: ordered,
    streams: withoutStream(state.streams, msg.id),
    lastSeq: contiguous(ordered, state.lastSeq),
    // a finished reply ends its "typing" even if we missed assistant_typing=false (reconnect)
    typing: msg.role === "user" ? state.typing : state.typing.filter((t) => t !== msg.id && t !== ""),
  };
}

/** The text of the contiguous run of deltas from index 0. */
function assemble(parts: string[]): string {
  let s = "";
  for (let i = 0; i < parts.length && parts[i] !== undefined; i++) s += parts[i];
  return s;
}

function applyDelta(state: ChatState, d: MessageDelta): ChatState {
  if (state.chatId && d.chatId && d.chatId !== state.chatId) return state;
  const existing = state.messages.find((m) => m.id === d.messageId);
  if (existing && isStored(existing)) return state; // the final message already arrived
  const attempt = d.attempt ?? 1;
  const prev = state.streams[d.messageId];
  let parts: string[];
  if (!prev || attempt > prev.attempt) {
    parts = []; // first delta, or the reply was retried: start over
  } else if (attempt < prev.attempt) {
    return state; // a late delta of an abandoned attempt
  } else if (prev.parts[d.index] !== undefined) {
    return state; // duplicate
  } else {
    parts = prev.parts.slice();
  }
  parts[d.index] = d.delta;
  const streams = { ...state.streams, [d.messageId]: { attempt, parts } };
  const content = assemble(parts);
  if (!content) {
    // nothing contiguous from index 0 (yet): no bubble, or none any more after a restart
    return { ...state, streams, messages: existing ? state.messages.filter((m) => m !== existing) : state.messages };
  }
  const bubble: ChatMessage = {
    key: existing?.key ?? `m:${d.messageId}`,
    id: d.messageId,
    role: existing?.role ?? "assistant",
    content,
    status: "streaming",
  };
  const messages = existing
    ? state.messages.map((m) => (m === existing ? bubble : m))
    : order([...state.messages, bubble]);
  return { ...state, streams, messages };
}

function setTyping(typing: string[], isTyping: boolean, messageId?: string): string[] {
  const id = messageId ?? "";
  if (isTyping) return typing.includes(id) ? typing : [...typing, id];
  // "stopped" without an id ends them all; with one, it also ends the one we couldn't name
  const next = messageId === undefined ? [] : typing.filter((t) => t !== id && t !== "");
  return next.length === typing.length ? typing : next;
}

/**
 * Who answers now. `live`: a change as it happens (a member handing the chat back is then
 * said); a resume only states where the chat is.
 */
function handoff(state: ChatState, p: VisitorState, live: boolean): ChatState {
  if (state.chatId && p.chatId && p.chatId !== state.chatId) return state;
  return {
    ...state,
    handoff: p.state,
    agentName: p.state === "assigned" ? p.agentName ?? null : null,
    offlineMessage: p.state === "needs_human" ? p.offlineMessage ?? null : null,
    handedBack: live && p.state === "open" && state.handoff !== "open",
  };
}

export function reduce(state: ChatState, action: Action): ChatState {
  switch (action.type) {
    case "chat_started": {
      const p = action.payload;
      let s = state;
      if (s.chatId !== p.chatId) {
        // another chat (new, or the stored one was refused): keep only what the visitor has not sent yet
        s = {
          ...initialState,
          messages: s.messages.filter((m) => !m.id),
          assistantName: s.assistantName,
          greeting: s.greeting,
        };
      }
      s = {
        ...s,
        chatId: p.chatId,
        visitorToken: p.visitorToken,
        assistantName: p.assistant?.name || s.assistantName,
        greeting: p.assistant?.greeting ?? s.greeting,
        canAsk: !!p.assistant?.handoffPolicy && p.assistant.handoffPolicy !== "never",
        email: p.visitorEmail ?? null,
      };
      if (p.state) s = handoff(s, { ...p, state: p.state }, false);
      let replayed = 0;
      for (const m of p.messages ?? []) {
        s = upsertStored(s, { ...m, chatId: m.chatId ?? p.chatId });
        if (validSeq(m.seq)) replayed = Math.max(replayed, m.seq);
      }
      // The replay is every final message after the cursor: whatever seq it skips does not
      // exist (deleted), so the page now has everything up to its last one.
      if (replayed > s.lastSeq) s = { ...s, lastSeq: contiguous(s.messages, replayed) };
      if (p.typing === false && s.typing.length) s = { ...s, typing: [] };
      else if (p.typing === true && !s.typing.length) s = { ...s, typing: [""] };
      return s;
    }
    case "new_message":
      return upsertStored(state, action.message);
    case "chat_state":
      return handoff(state, action.payload, true);
    case "email_left":
      return { ...state, email: action.email };
    case "delta":
      return applyDelta(state, action.delta);
    case "typing": {
      if (state.chatId && action.chatId && action.chatId !== state.chatId) return state;
      const typing = setTyping(state.typing, action.isTyping, action.messageId);
      return typing === state.typing ? state : { ...state, typing };
    }
    case "send": {
      if (state.messages.some((m) => m.clientMessageId === action.clientMessageId)) return state;
      const m: ChatMessage = {
        key: `c:${action.clientMessageId}`,
        clientMessageId: action.clientMessageId,
        role: "user",
        content: action.content,
        status: "sending",
      };
      return { ...state, messages: order([...state.messages, m]) };
    }
    case "send_failed":
    case "retry": {
      let changed = false;
      const messages = state.messages.map((m) => {
        if (m.id || m.clientMessageId !== action.clientMessageId) return m;
        changed = true;
        if (action.type === "retry") {
          const { error: _error, ...rest } = m;
          return { ...rest, status: "sending" as const };
        }
        return { ...m, status: "error" as const, error: action.error };
      });
      return changed ? { ...state, messages } : state;
    }
    case "reset":
      return {
        ...initialState,
        messages: action.all ? [] : state.messages.filter((m) => !m.id),
        assistantName: state.assistantName,
        greeting: state.greeting,
        canAsk: state.canAsk,
      };
  }
}

/** Visitor messages waiting to be (re)sent on the current connection. */
export function unsent(state: ChatState): ChatMessage[] {
  return state.messages.filter((m) => !m.id && m.status === "sending");
}

/**
 * Whether the typing indicator should show: a reply is being written that is not
 * already visibly streaming.
 */
export function showTyping(state: ChatState): boolean {
  const streaming = state.messages.filter((m) => m.status === "streaming").map((m) => m.id);
  return state.typing.some((t) => (t === "" ? streaming.length === 0 : !streaming.includes(t)));
}

/**
 * `start_chat` payload: the stored chat (if any) is resumed. The cursor is only sent for
 * what this page already shows: after a page load the state is empty, so the server
 * replays the whole chat; after a reconnect (or a gap) only what was missed.
 */
export function buildStartPayload(
  assistantId: string,
  visitorId: string | null,
  stored: StoredChat | null,
  state: ChatState,
  identity?: IdentifyRequest | null,
): StartChatPayload {
  const p: StartChatPayload = { assistantId };
  if (visitorId) p.visitorId = visitorId;
  // (a new chat only: a resumed one keeps the identity it was started with)
  if (identity && !stored) p.identity = identity;
  if (stored) {
    p.chatId = stored.chatId;
    p.visitorToken = stored.visitorToken;
    // The server replays every final message after the cursor, including replies that were
    // still streaming here (they get their seq when they finish) and any the page missed.
    // `lastSeq` for servers that take it; `lastMessageId`, the message at that seq, for
    // those that only know ids (they replay by that message's seq: the same thing).
    if (state.chatId === stored.chatId && state.lastSeq > 0) {
      p.lastSeq = state.lastSeq;
      const at = state.messages.find((m) => m.seq === state.lastSeq && isStored(m))?.id;
      if (at) p.lastMessageId = at;
    }
  }
  return p;
}
