import { createContext, useContext, useEffect, useSyncExternalStore } from "react";
import { liveStore, type LiveState } from "../lib/liveStore";

export interface InboxControls {
  watch: (chatId: string) => void;
  unwatch: (chatId: string) => void;
}

const none: InboxControls = { watch: () => undefined, unwatch: () => undefined };

export const InboxContext = createContext<InboxControls>(none);

export function useLiveState(): LiveState {
  return useSyncExternalStore(liveStore.subscribe, liveStore.getState);
}

/**
 * While a transcript is on screen: its reply deltas are streamed to this tab
 * (`watch_chat`), its visitor messages count as read, and its unread count is cleared.
 */
export function useWatchChat(chatId: string) {
  const { watch, unwatch } = useContext(InboxContext);
  useEffect(() => {
    watch(chatId);
    liveStore.view(chatId);
    return () => {
      unwatch(chatId);
      liveStore.view(null);
    };
  }, [chatId, watch, unwatch]);
}
