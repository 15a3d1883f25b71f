import type { Position, WidgetConfig } from "./types";

const DEFAULT_COLOR = "#2563eb";

/**
 * The assistant id: `data-assistant-id` on the widget's own <script>, else the
 * `window.KREMNA_ASSISTANT_ID` global. Empty strings count as missing.
 */
export function findAssistantId(
  script: Pick<HTMLScriptElement, "getAttribute"> | null | undefined,
  globalId: unknown,
): string | null {
  const fromAttr = script?.getAttribute("data-assistant-id")?.trim();
  if (fromAttr) return fromAttr;
  if (typeof globalId === "string" && globalId.trim()) return globalId.trim();
  return null;
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
  let h = bg.slice(1);
  if (h.length === 3) h = h.replace(/./g, "$&$&");
  const lin = (i: number) => {
    const v = parseInt(h.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(0) + 0.7152 * lin(2) + 0.0722 * lin(4);
  // contrast with white (1.05 / (l + .05)) vs with black ((l + .05) / .05)
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#fff" : "#111";
}

const str = (v: unknown, d = ""): string => (typeof v === "string" ? v : d);

/**
 * Validate and normalise the JSON of the public config endpoint.
 * Returns null when it is not a usable config. `fallbackRealtime` is used when
 * `realtime_url` is absent (same host as the API).
 */
export function parseConfig(json: unknown, fallbackRealtime: string): WidgetConfig | null {
  if (!json || typeof json !== "object") return null;
  const o = json as Record<string, unknown>;
  if (typeof o.id !== "string" || !o.id) return null;
  const theme = (o.theme && typeof o.theme === "object" ? o.theme : {}) as Record<string, unknown>;
  const position: Position = theme.position === "left" ? "left" : "right";
  return {
    id: o.id,
    name: str(o.name, "Chat").trim() || "Chat",
    greeting: str(o.greeting),
    primaryColor: sanitizeColor(theme.primary_color),
    position,
    realtimeUrl: str(o.realtime_url) || fallbackRealtime,
  };
}
