// The socket→cache wiring: what the dashboard does with each `/agents` event. Kept
// apart from the socket so the unit tests feed events straight in.
import type { QueryClient } from "@tanstack/react-query";
import type { ChatStateChangedPayload } from "../../../api/generated/protocol";
import type { EndReason } from "../../../lib/session";
import type { AgentsHandlers } from "./agentsSocket";
import { applyChatStarted, applyDelta, applyNewMessage, applyStateChanged, refetchAfterReconnect, type StreamPositions } from "./liveCache";
import type { LiveStore } from "./liveStore";

export interface HandlerDeps {
  queryClient: QueryClient;
  store: LiveStore;
  /** A chat now needs a person (the opt-in alert decides whether to ring). */
  needsHuman: (change: ChatStateChangedPayload) => void;
  endSession: (reason: EndReason) => void;
}

export function inboxHandlers({ queryClient, store, needsHuman, endSession }: HandlerDeps): AgentsHandlers {
  const positions: StreamPositions = new Map();
  return {
    newMessage(message) {
      applyNewMessage(queryClient, message);
      if (message.role === "user") store.visitorWrote(message.chatId);
      if (message.role === "assistant" && message.status !== "streaming" && message.status !== "pending") {
        positions.delete(message.id);
        store.typing(message.chatId, false);
      }
    },
    delta(delta) {
      applyDelta(queryClient, positions, delta);
    },
    typing(typing) {
      store.typing(typing.chatId, typing.isTyping);
    },
    stateChanged(change) {
      applyStateChanged(queryClient, change);
      if (change.state === "needs_human") needsHuman(change);
    },
    chatStarted() {
      applyChatStarted(queryClient);
    },
    reconnected() {
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
