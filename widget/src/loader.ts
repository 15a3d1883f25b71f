/**
 * The loader behind embed.js: finds the assistant, fetches its public config, draws the
 * launcher in a shadow root and lazy-loads chat.js on first use — or, with
 * `data-container`, draws the panel inside a page element at once (the dashboard's preview).
 */
import { chatScriptUrl, configUrl, deriveBase, findAssistantId, parseConfig, textColorFor } from "./config";
import { launcher as enText } from "./i18n/en";
import { pickLang } from "./i18n/lang";
import { launcher as trText } from "./i18n/tr";
import { CHAT_ICON, LAUNCHER_CSS } from "./launcher-css";
import { get, openKey, put, storedUnread } from "./storage";
import type { ChatController, ChatHost, ReadyDetail, WidgetConfig } from "./types";
import { READY_EVENT } from "./types";

export interface KremnaApi {
  open(): void;
  close(): void;
  toggle(): void;
  /** Removes the widget and closes its connection; the script can then be embedded again. */
  destroy(): void;
  /**
   * Who the page's signed-in user is, for the next chat: `{ userId, name, email, userHash }`
   * (`userHash`: hex HMAC-SHA256 of `userId` with the assistant's identity secret, made on
   * the host's server). Kept as given; chat.js checks it and sends it with `start_chat`.
   */
  identify(user: unknown): void;
}

/** What a page may set before embed.js runs: `Kremna.identify(..)` calls, queued. */
export interface KremnaStub {
  q: unknown[];
}

export type KremnaWindow = Window & {
  KREMNA_ASSISTANT_ID?: unknown;
  /** A CSS selector (or an element) to draw the panel in, instead of the launcher. */
  KREMNA_CONTAINER?: unknown;
  /** (or, before embed.js ran, a {@link KremnaStub} the page made) */
  Kremna?: KremnaApi;
};

const warn = (msg: string): void => console.warn(`[Kremna] ${msg}`);

/** Resolves once `<body>` exists (an async script in `<head>` can run before it does). */
function whenBody(doc: Document): Promise<unknown> | void {
  if (!doc.body) return new Promise((resolve) => doc.addEventListener("DOMContentLoaded", resolve));
}

/** The element `data-container` / `KREMNA_CONTAINER` names, undefined when none is asked for. */
function findContainer(doc: Document, spec: unknown): Element | null | undefined {
  if (spec instanceof Element) return spec;
  if (typeof spec !== "string" || !spec.trim()) return undefined;
  try {
    return doc.querySelector(spec);
  } catch {
    return null; // not a valid selector
  }
}

export async function boot(win: KremnaWindow, doc: Document, current: HTMLOrSVGScriptElement | null): Promise<void> {
  // A stub (`{ q: [..] }`) holds identify calls made before this ran: the last one wins.
  const queued = (win.Kremna as Partial<KremnaStub> | undefined)?.q;
  if (win.Kremna && !queued) return; // embedded twice: the first one wins
  let who = queued?.pop();

  let controller: ChatController | null = null;
  let loading: Promise<ChatController> | null = null;
  let wantOpen = false;
  let focus = true;
  let mountChat: (() => Promise<ChatController>) | null = null;
  let hostEl: HTMLElement | undefined;
  let dead = false;

  const open = (): void => {
    wantOpen = true;
    if (!mountChat) return; // config not loaded yet: opens once it is
    loading ??= mountChat().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    loading.then(
      (c) => {
        if (wantOpen && !dead) c.open(focus);
        focus = true;
      },
      () => warn("could not load chat.js."),
    );
  };
  const close = (): void => {
    wantOpen = false;
    controller?.close();
  };
  const api: KremnaApi = {
    open,
    close,
    toggle: () => (controller?.isOpen() || (wantOpen && !controller) ? close() : open()),
    destroy() {
      dead = true;
      controller?.destroy();
      hostEl?.remove();
      if (win.Kremna === api) delete win.Kremna;
    },
    identify: (u) => void (who = u),
  };
  win.Kremna = api;

  // embed.js runs at once when loaded, so `document.currentScript` is its own tag
  const script = current instanceof HTMLScriptElement ? current : null;
  const assistantId = findAssistantId(script, win.KREMNA_ASSISTANT_ID);
  // One line for the site's developer when the chat can't show; visitors see nothing at all.
  if (!assistantId) return warn("no assistant id (data-assistant-id or window.KREMNA_ASSISTANT_ID).");
  let base = "";
  let cfg: WidgetConfig | number | null = null;
  try {
    base = deriveBase(script?.src || "", doc.baseURI);
    // (no credentials: cross-origin fetches send no cookies by default, and none are needed)
    const res = await fetch(configUrl(base, assistantId));
    // The body is read whatever the status: an unread `no-store` answer stays open in
    // Chromium, and the page never goes network-idle.
    const body: unknown = await res.json();
    cfg = res.ok ? parseConfig(body, base) : res.status;
  } catch {
    // unreachable, or not JSON: said below
  }
  if (!cfg || typeof cfg === "number") {
    return warn(cfg === 404 ? `assistant ${assistantId} is unknown or paused.` : `could not load assistant ${assistantId}.`);
  }
  if (!cfg.allowed) {
    return warn(`add ${win.location.origin} to the assistant's allowed origins in the dashboard.`);
  }
  await whenBody(doc);
  const spec = script?.getAttribute("data-container") ?? win.KREMNA_CONTAINER;
  const box = findContainer(doc, spec);
  if (box === null) return warn(`no element matches data-container "${String(spec)}".`);
  if (dead) return;
  const config = cfg; // (narrowed, for the closures below)
  const inline = !!box;
  const lang = pickLang(script?.getAttribute("data-lang"), config.lang, win.navigator.languages);
  const text = lang === "tr" ? trText : enText;

  const el = (hostEl = doc.createElement("kremna-widget"));
  // The host element lives in the page's DOM, where page CSS (`* {...}`) reaches it and
  // inherited properties (font, letter-spacing…) flow into the shadow tree: reset it inline.
  // (both colours are sanitised hex values)
  el.style.cssText = `all:initial!important;${inline ? "display:block!important;height:100%!important;" : ""}--k-primary:${config.primaryColor};--k-on-primary:${textColorFor(config.primaryColor)}`;
  el.lang = lang;
  const root = el.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = LAUNCHER_CSS;
  const container = doc.createElement("div");
  container.className = `kw ${inline ? "inline" : config.position}`;
  root.append(style, container);

  const btn = doc.createElement("button");
  const dot = doc.createElement("span");
  const setUnread = (n: number): void => {
    dot.hidden = !n;
    btn.setAttribute("aria-label", n ? text.unread(n) : text.open);
  };
  if (!inline) {
    btn.type = "button";
    btn.className = "launcher";
    btn.setAttribute("aria-haspopup", "dialog");
    btn.setAttribute("aria-expanded", "false");
    // eslint-disable-next-line no-restricted-properties
    btn.innerHTML = CHAT_ICON; // constant markup, no user or server content
    dot.className = "dot";
    dot.setAttribute("aria-hidden", "true");
    setUnread(storedUnread(config.id));
    btn.append(dot);
    btn.addEventListener("click", open);
    container.append(btn);
  }
  (box ?? doc.body).append(el);

  const host: ChatHost = {
    root,
    container,
    config,
    lang,
    inline,
    who: () => who,
    onOpenChange(isOpen) {
      if (inline) return;
      put(openKey(config.id), isOpen ? "1" : null);
      btn.hidden = isOpen;
      btn.setAttribute("aria-expanded", String(isOpen));
      if (!isOpen) {
        wantOpen = false;
        btn.focus();
      }
    },
    setUnread,
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
        doc.removeEventListener(READY_EVENT, onReady);
        btn.removeAttribute("aria-busy");
        if (dead) return; // removed meanwhile: never mounts
        controller = detail.mount(host);
        resolve(controller);
      };
      doc.addEventListener(READY_EVENT, onReady);
      s.addEventListener("error", () => {
        btn.removeAttribute("aria-busy");
        s.remove();
        // (no Error: open() says "could not load chat.js.", and every byte counts here)
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject();
      });
      doc.head.append(s);
    });

  // Inline: always open. Otherwise open again if the visitor left it open on the last
  // page, without taking the focus from the page.
  if (inline || (!wantOpen && get(openKey(config.id)))) {
    focus = false;
    open();
  } else if (wantOpen) open();
}
