/** Shapes shared by the loader (embed.js) and the chat bundle (chat.js). Types only. */
import type { Lang } from "./i18n/lang";

export type Position = "left" | "right";

/** Public assistant config from `GET {BASE}/api/v1/widget/assistants/{id}`, normalised. */
export interface WidgetConfig {
  id: string;
  name: string;
  greeting: string;
  primaryColor: string;
  position: Position;
  realtimeUrl: string;
  /**
   * Whether the page's origin may use the assistant. `false` only when the server says so
   * (`allowed: false`); a server that does not answer it leaves the check to `start_chat`.
   */
  allowed: boolean;
  /** The assistant's language setting, if it has one the widget speaks. */
  lang: Lang | null;
}

/** What the loader hands to the chat bundle when it mounts. */
export interface ChatHost {
  /** The widget's shadow root (the panel is appended here, next to the launcher). */
  root: ShadowRoot;
  /** Element inside the shadow root that holds the launcher; carries the position class. */
  container: HTMLElement;
  config: WidgetConfig;
  /** The language of the widget's own text. */
  lang: Lang;
  /** What the page last passed to `Kremna.identify` (unchecked), read at each new chat. */
  who?(): unknown;
  /** Drawn inside a page element (`data-container`): always open, no launcher, no close. */
  inline: boolean;
  /** Called by the panel when it opens or closes itself (close button, Escape). */
  onOpenChange(open: boolean): void;
  /** Replies that arrived while the panel was closed (0 clears the launcher's badge). */
  setUnread(count: number): void;
}

export interface ChatController {
  /** `focus: false` opens without moving focus (the panel restored on a new page). */
  open(focus?: boolean): void;
  close(): void;
  isOpen(): boolean;
  /** Closes the connection and stops every timer; the DOM is the loader's to remove. */
  destroy(): void;
}

export type MountChat = (host: ChatHost) => ChatController;

/** Name of the DOM event chat.js dispatches on its own <script> element to hand over `mount`. */
export const READY_EVENT = "kremna:chat-ready";

export interface ReadyDetail {
  mount: MountChat;
}
