/** chat.js entry: hands `mount` to the loader that injected this script. */
import { io } from "socket.io-client";
import { createChat } from "./panel";
import { defaultStore } from "./storage";
import { READY_EVENT } from "./types";
import type { MountChat, ReadyDetail } from "./types";

const mount: MountChat = (host) =>
  createChat(host, {
    store: defaultStore(),
    connect: (url) =>
      io(url, {
        path: "/socket.io/",
        transports: ["websocket", "polling"],
        // without this, a failed websocket is retried forever instead of falling back to polling
        tryAllTransports: true,
        withCredentials: false,
      }),
  });

document.dispatchEvent(
  new CustomEvent<ReadyDetail>(READY_EVENT, { detail: { mount } }),
);
