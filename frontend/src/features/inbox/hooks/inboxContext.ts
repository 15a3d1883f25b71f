import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useSyncExternalStore } from "react";
import { markChatRead } from "../../chats/api/chats";
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
  const queryClient = useQueryClient();
  useEffect(() => {
    watch(chatId);
    liveStore.view(chatId);
    // Opening a chat reads it; a chat that does not exist (any more) has nothing to mark.
    void markChatRead(queryClient, chatId).catch(() => undefined);
    return () => {
      unwatch(chatId);
      liveStore.view(null);
    };
  }, [chatId, watch, unwatch, queryClient]);
}
