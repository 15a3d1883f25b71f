/** Shapes shared by the loader (embed.js) and the chat bundle (chat.js). Types only. */

export type Position = "left" | "right";

/** Public assistant config from `GET {BASE}/api/v1/widget/assistants/{id}`, normalised. */
export interface WidgetConfig {
  id: string;
  name: string;
  greeting: string;
  primaryColor: string;
  position: Position;
  realtimeUrl: string;
}

/** What the loader hands to the chat bundle when it mounts. */
export interface ChatHost {
  /** The widget's shadow root (the panel is appended here, next to the launcher). */
  root: ShadowRoot;
  /** Element inside the shadow root that holds the launcher; carries the position class. */
  container: HTMLElement;
  config: WidgetConfig;
  /** Called by the panel when it opens or closes itself (close button, Escape). */
  onOpenChange(open: boolean): void;
  /** Show/hide the unread dot on the launcher (a reply arrived while closed). */
  setUnread(unread: boolean): void;
}

export interface ChatController {
  open(): void;
  close(): void;
  isOpen(): boolean;
}

export type MountChat = (host: ChatHost) => ChatController;

/** Name of the DOM event chat.js dispatches on its own <script> element to hand over `mount`. */
export const READY_EVENT = "kremna:chat-ready";

export interface ReadyDetail {
  mount: MountChat;
}
