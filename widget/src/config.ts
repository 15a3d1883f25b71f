import type { components } from "./generated/api";
import { asLang } from "./i18n/lang";
import type { Position, WidgetConfig } from "./types";

/**
 * The config endpoint's body as the spec describes it (generated from api/openapi.json),
 * with the fields newer servers add. Read defensively: every field is checked below.
 */
type WireConfig = components["schemas"]["WidgetConfig"] & { allowed?: boolean; lang?: string };

const DEFAULT_COLOR = "#2563eb";

/**
 * The assistant id: `data-assistant-id` on the widget's own <script>, else the
 * `window.KREMNA_ASSISTANT_ID` global. Empty strings count as missing.
 */
export function findAssistantId(
  script: Pick<HTMLScriptElement, "getAttribute"> | null | undefined,
  globalId: unknown,
): string | null {
  return script?.getAttribute("data-assistant-id")?.trim() || (typeof globalId === "string" && globalId.trim()) || null;
}

/**
 * BASE = origin + path prefix of the script src: everything before the last
 * `/widget/` segment (`https://h/widget/embed.js` -> `https://h`,
 * `https://h/kremna/widget/embed.js` -> `https://h/kremna`). A script not
 * under `/widget/` gives its own directory. Query and hash are dropped.
 */
export function deriveBase(src: string, pageUrl?: string): string {
  const u = new URL(src, pageUrl);
  const path = u.pathname;
  const i = path.lastIndexOf("/widget/");
  const prefix = i >= 0 ? path.slice(0, i) : path.slice(0, path.lastIndexOf("/"));
  return u.origin + prefix;
}

/** URL of the public config endpoint. */
export function configUrl(base: string, assistantId: string): string {
  return `${base}/api/v1/widget/assistants/${encodeURIComponent(assistantId)}`;
}

/** URL of the lazy chat bundle. */
export function chatScriptUrl(base: string): string {
  return `${base}/widget/chat.js`;
}

/** Only `#rgb` / `#rrggbb` is accepted as a theme colour (it ends up in CSS). */
export function sanitizeColor(c: unknown): string {
  return typeof c === "string" && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(c) ? c : DEFAULT_COLOR;
}

/** Black or white text, whichever reads better on `bg` (a sanitised hex colour). */
export function textColorFor(bg: string): string {
  const hex = bg.length === 4 ? bg.replace(/\w/g, "$&$&") : bg;
  // WCAG relative luminance
  const l = [0.2126, 0.7152, 0.0722].reduce((sum, weight, i) => {
    const v = parseInt(hex.substr(1 + 2 * i, 2), 16) / 255;
    return sum + weight * (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  }, 0);
  // white when its contrast, 1.05 / (l + .05), is at least black's, (l + .05) / .05
  return (l + 0.05) ** 2 <= 0.0525 ? "#fff" : "#111";
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * Validate and normalise the JSON of the public config endpoint.
 * Returns null when it is not a usable config. `fallbackRealtime` is used when
 * `realtime_url` is absent (same host as the API). `allowed` (for the request's Origin)
 * and `lang` are optional: a server that does not send them leaves the origin check to
 * `start_chat` and the language to the page and the browser.
 */
export function parseConfig(json: unknown, fallbackRealtime: string): WidgetConfig | null {
  if (!json || typeof json !== "object") return null;
  const o = json as { [K in keyof WireConfig]?: unknown };
  if (typeof o.id !== "string" || !o.id) return null;
  const theme = (o.theme && typeof o.theme === "object" ? o.theme : {}) as {
    [K in keyof WireConfig["theme"]]?: unknown;
  };
  const position: Position = theme.position === "left" ? "left" : "right";
  return {
    id: o.id,
    name: str(o.name).trim() || "Chat",
    greeting: str(o.greeting),
    primaryColor: sanitizeColor(theme.primary_color),
    position,
    realtimeUrl: str(o.realtime_url) || fallbackRealtime,
    allowed: o.allowed !== false,
    lang: asLang(o.lang),
  };
}
