// The dashboard's connection to the realtime node's `/agents` namespace. socket.io-client
// is imported here on first use, so it is its own chunk and not in the initial bundle.
// Every event is handed to `handlers`; this module only knows the wire.
import type {
  ChatOpenedPayload,
  ChatStateChangedPayload,
  DeltaPayload,
  ErrorEvent,
  MessagePayload,
  TypingPayload,
} from "../../../api/generated/protocol";
import type { Connection } from "./liveStore";

export interface AgentsHandlers {
  newMessage: (message: MessagePayload) => void;
  delta: (delta: DeltaPayload) => void;
  typing: (typing: TypingPayload) => void;
  stateChanged: (change: ChatStateChangedPayload) => void;
  chatStarted: (chat: ChatOpenedPayload) => void;
  /** Connected again after a drop: fetch what may have been missed. */
  reconnected: () => void;
  connection: (state: Connection) => void;
  /** The node ended this token's access (expired, signed out, membership gone). */
  accessEnded: (code: "token_expired" | "invalid_token" | "missing_token") => void;
}

export interface AgentsConnection {
  watch: (chatId: string) => void;
  unwatch: (chatId: string) => void;
  close: () => void;
}

const ACCESS_CODES = new Set(["token_expired", "invalid_token", "missing_token"]);

function isAccessCode(code: unknown): code is "token_expired" | "invalid_token" | "missing_token" {
  return typeof code === "string" && ACCESS_CODES.has(code);
}

/**
 * Connects to `${url}/agents`. `token()` is read on every (re)connect, so a reconnect
 * uses the session's current token. Watched chats are watched again after a reconnect
 * (a new socket is in no room).
 */
export async function connectAgents(url: string, token: () => string | null, handlers: AgentsHandlers): Promise<AgentsConnection> {
  const { io } = await import("socket.io-client");
  const watched = new Set<string>();
  let connectedBefore = false;
  let closed = false;

  handlers.connection("connecting");
  const socket = io(`${url}/agents`, {
    path: "/socket.io/",
    transports: ["websocket", "polling"],
    auth: (cb) => cb({ token: token() ?? "" }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });

  socket.on("connect", () => {
    handlers.connection("live");
    for (const chatId of watched) socket.emit("watch_chat", { chatId });
    if (connectedBefore) handlers.reconnected();
    connectedBefore = true;
  });
  socket.on("disconnect", (reason) => {
    if (closed) return;
    // The node hung up on purpose (access ended or a deploy): socket.io-client does not
    // retry that by itself. Access errors arrive as an `error` event first and end the
    // session; anything else is tried again.
    if (reason === "io server disconnect") {
      window.setTimeout(() => {
        if (!closed && token()) socket.connect();
      }, 1_000);
    }
    handlers.connection("reconnecting");
  });
  socket.on("connect_error", (err) => {
    if (isAccessCode(err.message)) {
      handlers.accessEnded(err.message);
      return;
    }
    handlers.connection("reconnecting");
  });
  socket.on("error", (event: ErrorEvent) => {
    if (isAccessCode(event.code)) handlers.accessEnded(event.code);
  });
  socket.on("new_message", handlers.newMessage);
  socket.on("message_delta", handlers.delta);
  socket.on("assistant_typing", handlers.typing);
  socket.on("chat_state_changed", handlers.stateChanged);
  socket.on("chat_started", (event: { chat: ChatOpenedPayload }) => handlers.chatStarted(event.chat));

  return {
    watch(chatId) {
      watched.add(chatId);
      if (socket.connected) socket.emit("watch_chat", { chatId });
    },
    unwatch(chatId) {
      watched.delete(chatId);
      if (socket.connected) socket.emit("unwatch_chat", { chatId });
    },
    close() {
      closed = true;
      socket.close();
      handlers.connection("off");
    },
  };
}
