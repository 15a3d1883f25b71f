/**
 * The loader behind embed.js: finds the assistant, fetches its public config,
 * draws the launcher in a shadow root and lazy-loads chat.js on first use.
 */
import { chatScriptUrl, configUrl, deriveBase, findAssistantId, parseConfig, textColorFor } from "./config";
import { CHAT_ICON, LAUNCHER_CSS } from "./launcher-css";
import { defaultStore, loadChat } from "./storage";
import type { ChatController, ChatHost, ReadyDetail } from "./types";
import { READY_EVENT } from "./types";

export interface KremnaApi {
  open(): void;
  close(): void;
  toggle(): void;
}

export type KremnaWindow = Window & { KREMNA_ASSISTANT_ID?: unknown; Kremna?: KremnaApi };

const warn = (msg: string): void => console.warn(`[Kremna] ${msg}`);

/** The embed script: `document.currentScript`, else the last script whose src ends with embed.js. */
function ownScript(doc: Document, current: HTMLOrSVGScriptElement | null): HTMLScriptElement | null {
  if (current instanceof HTMLScriptElement && current.src) return current;
  const all = doc.querySelectorAll<HTMLScriptElement>('script[src*="embed.js"]');
  return all.length ? all[all.length - 1] : null;
}

function whenBody(doc: Document): Promise<HTMLElement> {
  if (doc.body) return Promise.resolve(doc.body);
  return new Promise((resolve) =>
    doc.addEventListener("DOMContentLoaded", () => resolve(doc.body), { once: true }),
  );
}

export function boot(win: KremnaWindow, doc: Document, current: HTMLOrSVGScriptElement | null): Promise<void> {
  if (win.Kremna) return Promise.resolve(); // embedded twice: the first one wins

  let controller: ChatController | null = null;
  let loading: Promise<ChatController> | null = null;
  let wantOpen = false;
  let launcher: HTMLButtonElement | null = null;
  let mountChat: (() => Promise<ChatController>) | null = null;

  const open = (): void => {
    wantOpen = true;
    if (!mountChat) return; // config not loaded yet: opens once it is
    loading ??= mountChat().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    loading.then(
      (c) => {
        if (wantOpen) c.open();
      },
      () => warn("could not load the chat."),
    );
  };
  const close = (): void => {
    wantOpen = false;
    controller?.close();
  };
  win.Kremna = {
    open,
    close,
    toggle: () => (controller?.isOpen() || (wantOpen && !controller) ? close() : open()),
  };

  const script = ownScript(doc, current);
  const assistantId = findAssistantId(script, win.KREMNA_ASSISTANT_ID);
  if (!assistantId) {
    warn("no assistant id: set data-assistant-id on the script tag or window.KREMNA_ASSISTANT_ID.");
    return Promise.resolve();
  }
  let base: string;
  try {
    base = deriveBase(script?.src || "", doc.baseURI);
  } catch {
    warn("cannot tell where embed.js was loaded from.");
    return Promise.resolve();
  }

  return fetch(configUrl(base, assistantId), { credentials: "omit", headers: { Accept: "application/json" } })
    .then(async (res) => (res.ok ? parseConfig(await res.json(), base) : null))
    .catch(() => null)
    .then(async (cfg) => {
      if (!cfg) {
        warn(`assistant ${assistantId} is unknown, paused or unreachable; the chat is not shown.`);
        return;
      }
      const body = await whenBody(doc);

      const hostEl = doc.createElement("kremna-widget");
      // The host element lives in the page's DOM, where page CSS (`* {...}`) reaches it and
      // inherited properties (font, letter-spacing…) flow into the shadow tree: reset it inline.
      hostEl.style.setProperty("all", "initial", "important");
      hostEl.style.setProperty("--k-primary", cfg.primaryColor);
      hostEl.style.setProperty("--k-on-primary", textColorFor(cfg.primaryColor));
      const root = hostEl.attachShadow({ mode: "open" });
      const style = doc.createElement("style");
      style.textContent = LAUNCHER_CSS;
      const container = doc.createElement("div");
      container.className = `kw ${cfg.position}`;
      const btn = doc.createElement("button");
      btn.type = "button";
      btn.className = "launcher";
      btn.setAttribute("aria-label", "Open chat");
      btn.setAttribute("aria-haspopup", "dialog");
      btn.setAttribute("aria-expanded", "false");
      // eslint-disable-next-line no-restricted-properties
      btn.innerHTML = CHAT_ICON; // constant markup, no user or server content
      const dot = doc.createElement("span");
      dot.className = "dot";
      dot.setAttribute("aria-hidden", "true");
      const stored = loadChat(defaultStore(), cfg.id);
      dot.hidden = !(stored?.lastMessageId && stored.lastMessageId !== stored.seenMessageId);
      btn.append(dot);
      btn.addEventListener("click", open);
      container.append(btn);
      root.append(style, container);
      body.append(hostEl);
      launcher = btn;

      const host: ChatHost = {
        root,
        container,
        config: cfg,
        onOpenChange(isOpen) {
          if (!launcher) return;
          launcher.hidden = isOpen;
          launcher.setAttribute("aria-expanded", String(isOpen));
          if (isOpen) {
            dot.hidden = true;
          } else {
            wantOpen = false;
            launcher.focus();
          }
        },
        setUnread(unread) {
          dot.hidden = !unread;
        },
      };

      mountChat = () =>
        new Promise<ChatController>((resolve, reject) => {
          btn.setAttribute("aria-busy", "true");
          const s = doc.createElement("script");
          s.src = chatScriptUrl(base);
          s.async = true;
          const onReady = (e: Event): void => {
            const detail = (e as CustomEvent<ReadyDetail>).detail;
            if (typeof detail?.mount !== "function") return;
            s.removeEventListener(READY_EVENT, onReady);
            doc.removeEventListener(READY_EVENT, onReady);
            btn.removeAttribute("aria-busy");
            controller = detail.mount(host);
            resolve(controller);
          };
          s.addEventListener(READY_EVENT, onReady);
          doc.addEventListener(READY_EVENT, onReady);
          s.addEventListener("error", () => {
            btn.removeAttribute("aria-busy");
            s.remove();
            reject(new Error("chat.js failed to load"));
          });
          doc.head.append(s);
        });

      if (wantOpen) open();
    });
}
