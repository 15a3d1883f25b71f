// The signed-in session, kept in localStorage so a reload stays signed in.
// A tiny external store: React reads it with useSyncExternalStore, the API
// client reads the token from it, and a 401 ends it.
import type { Session, User, Workspace } from "../api/types";

const STORAGE_KEY = "kremna.session";

export interface StoredSession {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: User;
  tenant: Workspace;
  workspaces: Workspace[];
}

/** Why the last session ended; the login page explains it. */
export type EndReason = "signed_out" | "expired" | "invalid";

export interface SessionState {
  session: StoredSession | null;
  endedBecause: EndReason | null;
}

type Listener = () => void;

const listeners = new Set<Listener>();
let state: SessionState | undefined;

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.token === "string" &&
    typeof v.expiresAt === "number" &&
    typeof v.user === "object" &&
    v.user !== null &&
    typeof v.tenant === "object" &&
    v.tenant !== null &&
    Array.isArray(v.workspaces)
  );
}

function load(): SessionState {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (raw) {
      const parsed: unknown = JSON.parse(raw);
      if (isStoredSession(parsed)) {
        if (parsed.expiresAt <= Date.now()) {
          window.localStorage.removeItem(STORAGE_KEY);
          return { session: null, endedBecause: "expired" };
        }
        return { session: parsed, endedBecause: null };
      }
    }
  } catch {
    // Unreadable storage: start signed out.
  }
  return { session: null, endedBecause: null };
}

function current(): SessionState {
  state ??= load();
  return state;
}

function set(next: SessionState) {
  state = next;
  try {
    if (next.session) {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next.session));
    } else {
      window.localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Private mode or full storage: the session lives in memory only.
  }
  listeners.forEach((listener) => listener());
}

function onStorage(event: StorageEvent) {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  state = load();
  if (!state.session && !state.endedBecause) state = { session: null, endedBecause: "signed_out" };
  listeners.forEach((listener) => listener());
}

export const sessionStore = {
  getState: (): SessionState => current(),

  token: (): string | null => current().session?.token ?? null,

  subscribe: (listener: Listener): (() => void) => {
    if (listeners.size === 0) window.addEventListener("storage", onStorage);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) window.removeEventListener("storage", onStorage);
    };
  },

  /** Starts a session from a login or registration answer. */
  start: (session: Session) => {
    set({
      session: {
        token: session.access_token,
        expiresAt: Date.now() + session.expires_in * 1000,
        user: session.user,
        tenant: session.tenant,
        workspaces: session.workspaces,
      },
      endedBecause: null,
    });
  },

  /** Refreshes who the user is (from GET /auth/me) without touching the token. */
  update: (patch: Pick<StoredSession, "user" | "tenant" | "workspaces">) => {
    const { session } = current();
    if (!session) return;
    set({ session: { ...session, ...patch }, endedBecause: null });
  },

  end: (reason: EndReason) => {
    set({ session: null, endedBecause: reason });
  },
};
