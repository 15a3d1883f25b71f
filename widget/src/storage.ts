import { uuid } from "./uuid";

/** What the widget keeps per assistant to resume a chat: `kremna:chat:<assistantId>`. */
export interface StoredChat {
  chatId: string;
  visitorToken: string;
  lastMessageId?: string;
  /** Newest message the visitor has seen with the panel open (drives the launcher's unread dot). */
  seenMessageId?: string;
}

export const VISITOR_KEY = "kremna:visitor";
export const chatKey = (assistantId: string): string => `kremna:chat:${assistantId}`;

type KV = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const memory = new Map<string, string>();
const memoryStore: KV = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

/** localStorage when usable (it throws in some privacy modes), else an in-memory map. */
export function defaultStore(): KV {
  try {
    const s = globalThis.localStorage;
    const probe = "kremna:probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return memoryStore;
  }
}

function safe<T>(f: () => T, d: T): T {
  try {
    return f();
  } catch {
    return d;
  }
}

/** The browser's random visitor id, created on first use. */
export function getVisitorId(store: KV): string {
  const existing = safe(() => store.getItem(VISITOR_KEY), null);
  if (existing && existing.length <= 100) return existing;
  const id = uuid();
  safe(() => store.setItem(VISITOR_KEY, id), undefined);
  return id;
}

export function loadChat(store: KV, assistantId: string): StoredChat | null {
  const raw = safe(() => store.getItem(chatKey(assistantId)), null);
  if (!raw) return null;
  const v = safe<unknown>(() => JSON.parse(raw), null);
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  if (typeof o.chatId !== "string" || !o.chatId || typeof o.visitorToken !== "string" || !o.visitorToken) {
    return null;
  }
  return {
    chatId: o.chatId,
    visitorToken: o.visitorToken,
    ...(typeof o.lastMessageId === "string" && o.lastMessageId ? { lastMessageId: o.lastMessageId } : {}),
    ...(typeof o.seenMessageId === "string" && o.seenMessageId ? { seenMessageId: o.seenMessageId } : {}),
  };
}

export function saveChat(store: KV, assistantId: string, chat: StoredChat): void {
  safe(() => store.setItem(chatKey(assistantId), JSON.stringify(chat)), undefined);
}

export function clearChat(store: KV, assistantId: string): void {
  safe(() => store.removeItem(chatKey(assistantId)), undefined);
}
