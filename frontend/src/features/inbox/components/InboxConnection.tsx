import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { sessionStore } from "../../../lib/session";
import { useMe } from "../../auth/api/auth";
import { markChatRead } from "../../chats/api/chats";
import { useSession } from "../../auth/hooks/useSession";
import type { AgentsConnection } from "../lib/agentsSocket";
import { alertNeedsHuman } from "../lib/alerts";
import type { HandlerDeps } from "../lib/handlers";
import { liveStore } from "../lib/liveStore";
import { InboxContext, type InboxControls } from "../hooks/inboxContext";

/**
 * The signed-in frame's live connection: opens `/agents` once `/auth/me` has said
 * where the realtime node is, and again whenever the token changes (a workspace
 * switch). Pages reach it through `useWatchChat` and `useLiveState`.
 */
export function InboxConnection({ children }: { children: ReactNode }) {
  const me = useMe();
  const { token } = useSession();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const url = me.data?.realtime_url;
  const connection = useRef<AgentsConnection | null>(null);
  const watched = useRef(new Set<string>());
  // The alert's words in the language on screen when it rings.
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);

  useEffect(() => {
    if (!url || !token) return;
    let cancelled = false;
    let opened: AgentsConnection | null = null;
    const deps: HandlerDeps = {
      queryClient,
      store: liveStore,
      endSession: (reason) => sessionStore.end(reason),
      markRead: (chatId) => void markChatRead(queryClient, chatId).catch(() => undefined),
      needsHuman: (change) => {
        const title = tRef.current("inbox.alerts.title");
        const body = tRef.current("inbox.alerts.body");
        alertNeedsHuman({ title, body, url: `/chats/${change.chatId}` });
      },
    };
    void import("../lib/start")
      .then(({ startInbox }) => startInbox(url, () => sessionStore.token(), deps))
      .then(
      (conn) => {
        if (cancelled) {
          conn.close();
          return;
        }
        opened = conn;
        connection.current = conn;
        for (const chatId of watched.current) conn.watch(chatId);
      },
      () => liveStore.connection("off"),
    );
    return () => {
      cancelled = true;
      opened?.close();
      connection.current = null;
      liveStore.reset();
    };
  }, [url, token, queryClient]);

  const controls = useMemo<InboxControls>(
    () => ({
      watch(chatId) {
        watched.current.add(chatId);
        connection.current?.watch(chatId);
      },
      unwatch(chatId) {
        watched.current.delete(chatId);
        connection.current?.unwatch(chatId);
      },
    }),
    [],
  );

  return <InboxContext.Provider value={controls}>{children}</InboxContext.Provider>;
}
