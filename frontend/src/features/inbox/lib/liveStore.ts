// What the live connection knows that no REST answer holds: unread visitor messages per
// chat, which replies are being written right now, and whether the socket is connected.
// A tiny external store (read with useSyncExternalStore); one per signed-in tab.

export type Connection = "off" | "connecting" | "live" | "reconnecting";

export interface LiveState {
  /** Visitor messages that arrived since the chat was last looked at. */
  unread: ReadonlyMap<string, number>;
  /** Chats whose assistant is writing a reply now. */
  typing: ReadonlySet<string>;
  connection: Connection;
}

type Listener = () => void;

export function createLiveStore() {
  let state: LiveState = { unread: new Map(), typing: new Set(), connection: "off" };
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
    /** A visitor wrote into `chatId`: unread unless that transcript is on screen. */
    visitorWrote(chatId: string) {
      if (chatId === viewing) return;
      const unread = new Map(state.unread);
      unread.set(chatId, (unread.get(chatId) ?? 0) + 1);
      set({ ...state, unread });
    },
    /** The transcript of `chatId` is on screen (null: none); opening it clears its count. */
    view(chatId: string | null) {
      viewing = chatId;
      if (chatId === null || !state.unread.has(chatId)) return;
      const unread = new Map(state.unread);
      unread.delete(chatId);
      set({ ...state, unread });
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
      set({ unread: new Map(), typing: new Set(), connection: "off" });
    },
  };
}

export type LiveStore = ReturnType<typeof createLiveStore>;

/** The one store of this tab. */
export const liveStore = createLiveStore();

/** How many chats have unread visitor messages (the navigation's badge). */
export function unreadChats(state: LiveState): number {
  return state.unread.size;
}
