// The socket→cache wiring: what the dashboard does with each `/agents` event. Kept
// apart from the socket so the unit tests feed events straight in.
import type { QueryClient } from "@tanstack/react-query";
import type { ChatStateChangedPayload } from "../../../api/generated/protocol";
import type { EndReason } from "../../../lib/session";
import type { AgentsHandlers } from "./agentsSocket";
import {
  applyChatStarted,
  applyDelta,
  applyNewMessage,
  applyStateChanged,
  refetchAfterReconnect,
  refetchStalledReply,
  type StreamPositions,
} from "./liveCache";
import type { LiveStore } from "./liveStore";

export interface HandlerDeps {
  queryClient: QueryClient;
  store: LiveStore;
  /** A chat now needs a person (the opt-in alert decides whether to ring). */
  needsHuman: (change: ChatStateChangedPayload) => void;
  endSession: (reason: EndReason) => void;
  /** The member has seen a visitor message in the transcript on screen: tell the server. */
  markRead: (chatId: string) => void;
  /** How long a reply being written may stay silent before it is fetched again. */
  stallMs?: number;
}

/** A reply sends a piece every few hundred ms; this much silence means a lost event or a stuck reply. */
export const REPLY_STALL_MS = 10_000;

export function inboxHandlers({ queryClient, store, needsHuman, endSession, markRead, stallMs = REPLY_STALL_MS }: HandlerDeps): AgentsHandlers {
  const positions: StreamPositions = new Map();
  // Per chat with a reply under way: the timer that fires when it goes quiet. A node
  // that drops packets for a slow socket may drop the final `new_message`; without this
  // the transcript would show a draft (and "typing") until the next reconnect.
  const stalls = new Map<string, ReturnType<typeof setTimeout>>();
  const settle = (chatId: string) => {
    const timer = stalls.get(chatId);
    if (timer !== undefined) clearTimeout(timer);
    stalls.delete(chatId);
  };
  const watchForStall = (chatId: string) => {
    settle(chatId);
    stalls.set(
      chatId,
      setTimeout(() => {
        stalls.delete(chatId);
        void refetchStalledReply(queryClient, chatId).then(({ stillWriting }) => {
          if (stillWriting) watchForStall(chatId);
          else store.typing(chatId, false);
        });
      }, stallMs),
    );
  };
  return {
    newMessage(message) {
      applyNewMessage(queryClient, message);
      if (message.role === "user" && store.isViewing(message.chatId)) markRead(message.chatId);
      if (message.role === "assistant" && message.status !== "streaming" && message.status !== "pending") {
        positions.delete(message.id);
        store.typing(message.chatId, false);
        settle(message.chatId);
      }
    },
    delta(delta) {
      applyDelta(queryClient, positions, delta);
      watchForStall(delta.chatId);
    },
    typing(typing) {
      store.typing(typing.chatId, typing.isTyping);
      if (typing.isTyping) watchForStall(typing.chatId);
    },
    stateChanged(change) {
      applyStateChanged(queryClient, change);
      if (change.state === "needs_human") needsHuman(change);
    },
    chatStarted() {
      applyChatStarted(queryClient);
    },
    reconnected() {
      stalls.forEach((timer) => clearTimeout(timer));
      stalls.clear();
      refetchAfterReconnect(queryClient);
    },
    connection(state) {
      store.connection(state);
    },
    accessEnded(code) {
      endSession(code === "token_expired" ? "expired" : "invalid");
    },
  };
}
