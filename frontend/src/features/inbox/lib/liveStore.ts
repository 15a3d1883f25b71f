// What the live connection knows that no REST answer holds: which replies are being
// written right now, whether the socket is connected, and which transcript is on screen
// (its visitor messages are read as they arrive). Unread counts are the server's
// (`unread_count`, `GET /chats/unread`), so a reload or another device shows the same.
// A tiny external store (read with useSyncExternalStore); one per signed-in tab.

export type Connection = "off" | "connecting" | "live" | "reconnecting";

export interface LiveState {
  /** Chats whose assistant is writing a reply now. */
  typing: ReadonlySet<string>;
  connection: Connection;
}

type Listener = () => void;

export function createLiveStore() {
  let state: LiveState = { typing: new Set(), connection: "off" };
  const listeners = new Set<Listener>();
  /** The transcript on screen: its messages are read as they arrive. */
  let viewing: string | null = null;

  const set = (next: LiveState) => {
    state = next;
    listeners.forEach((l) => l());
  };

  return {
    getState: () => state,
    subscribe: (listener: Listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** Whether the transcript of `chatId` is on screen (its new messages are read at once). */
    isViewing: (chatId: string) => chatId === viewing,
    /** The transcript of `chatId` is on screen (null: none). */
    view(chatId: string | null) {
      viewing = chatId;
    },
    typing(chatId: string, isTyping: boolean) {
      if (state.typing.has(chatId) === isTyping) return;
      const typing = new Set(state.typing);
      if (isTyping) typing.add(chatId);
      else typing.delete(chatId);
      set({ ...state, typing });
    },
    connection(connection: Connection) {
      if (state.connection !== connection) set({ ...state, connection });
    },
    reset() {
      viewing = null;
      set({ typing: new Set(), connection: "off" });
    },
  };
}

export type LiveStore = ReturnType<typeof createLiveStore>;

/** The one store of this tab. */
export const liveStore = createLiveStore();
