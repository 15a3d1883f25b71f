import { uuid } from "./uuid";

/** What the widget keeps per assistant to resume a chat: `kremna:chat:<assistantId>`. */
export interface StoredChat {
  chatId: string;
  visitorToken: string;
  /** Highest `seq` the visitor has seen with the panel open. */
  seenSeq?: number;
  /** Replies not seen yet: the launcher announces them before chat.js is even loaded. */
  unread?: number;
  /** The `Kremna.identify` user id the chat was started for (none: anonymous). */
  uid?: string;
}

export const VISITOR_KEY = "kremna:visitor";
export const chatKey = (assistantId: string): string => `kremna:chat:${assistantId}`;
/** Set while the panel is open, so the next page of the site opens it again. */
export const openKey = (assistantId: string): string => `kremna:open:${assistantId}`;

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

const count = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined;

export function loadChat(store: KV, assistantId: string): StoredChat | null {
  const raw = safe(() => store.getItem(chatKey(assistantId)), null);
  if (!raw) return null;
  const v = safe<unknown>(() => JSON.parse(raw), null);
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  if (typeof o.chatId !== "string" || !o.chatId || typeof o.visitorToken !== "string" || !o.visitorToken) {
    return null;
  }
  const seenSeq = count(o.seenSeq);
  const unread = count(o.unread);
  return {
    chatId: o.chatId,
    visitorToken: o.visitorToken,
    ...(seenSeq !== undefined ? { seenSeq } : {}),
    ...(unread ? { unread } : {}),
    ...(typeof o.uid === "string" ? { uid: o.uid } : {}),
  };
}

export function saveChat(store: KV, assistantId: string, chat: StoredChat): void {
  safe(() => store.setItem(chatKey(assistantId), JSON.stringify(chat)), undefined);
}

export function clearChat(store: KV, assistantId: string): void {
  safe(() => store.removeItem(chatKey(assistantId)), undefined);
}

/**
 * The loader's light access to localStorage (embed.js stays small): the stored value, or
 * null when there is none or storage is unusable. `put(k, null)` removes the key.
 */
export function get(key: string): string | null {
  return safe(() => localStorage.getItem(key), null);
}
export function put(key: string, value: string | null): void {
  safe(() => (value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value)), undefined);
}

/** Unread replies recorded by chat.js, for the launcher's name (0 when unknown). */
export function storedUnread(assistantId: string): number {
  return safe(() => Math.max(0, Number((JSON.parse(get(chatKey(assistantId)) ?? "0") as StoredChat).unread) | 0), 0);
}
