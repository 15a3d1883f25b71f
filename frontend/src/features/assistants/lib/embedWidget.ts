// Draws the real chat widget inside a dashboard element, the way a customer's page gets
// it: the same /widget/embed.js this platform serves, with `data-container` so the panel
// is drawn inline (always open, no launcher). The dashboard's origin is the platform's
// own, which the realtime node always allows, so no allowed origin is needed.

/** What embed.js puts on `window` (widget/src/loader.ts). */
interface KremnaApi {
  destroy(): void;
}
type WidgetWindow = Window & { Kremna?: KremnaApi };

export interface EmbedOptions {
  assistantId: string;
  /** The widget's language: the dashboard's, not the browser's. */
  lang: string;
  /** Where embed.js is served; the dashboard's own origin. */
  origin?: string;
}

let mounts = 0;

/**
 * Embeds the widget in `container` and returns what removes it again (the widget, its
 * connection and the script tag). Only one widget can live on a page (embed.js keeps
 * one `window.Kremna`), so the caller shows one preview at a time.
 */
export function embedWidget(container: HTMLElement, { assistantId, lang, origin = window.location.origin }: EmbedOptions): () => void {
  const win = window as WidgetWindow;
  // embed.js finds its container by selector: give this one a name of its own.
  container.id ||= `kremna-preview-${String(++mounts)}`;
  const script = document.createElement("script");
  script.src = new URL("/widget/embed.js", origin).href;
  script.async = true;
  script.dataset.assistantId = assistantId;
  script.dataset.container = `#${CSS.escape(container.id)}`;
  script.dataset.lang = lang;
  let removed = false;
  // A script already fetching runs even after its tag is removed: when it runs after
  // the preview was closed, take down what it started (the `load` event follows its
  // run at once, and embed.js sets window.Kremna before its first await).
  script.addEventListener("load", () => {
    if (removed) win.Kremna?.destroy();
  });
  document.body.append(script);
  return () => {
    removed = true;
    win.Kremna?.destroy();
    script.remove();
  };
}
