/** Plain text -> text and link segments. The DOM layer renders each with textContent / a checked href. */

export type Segment = { type: "text"; text: string } | { type: "link"; text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
// punctuation that usually ends a sentence rather than a URL
const TRAILING = /[.,;:!?)\]}'"»]+$/;

/** Only absolute http(s) URLs become links. */
export function safeHref(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev?.type === "text") prev.text += t;
    else out.push({ type: "text", text: t });
  };
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index;
    let url = m[0];
    // keep a closing paren that belongs to the URL, e.g. https://en.wikipedia.org/wiki/Foo_(bar)
    const trail = TRAILING.exec(url)?.[0] ?? "";
    if (trail) {
      url = url.slice(0, -trail.length);
      if (trail.startsWith(")") && url.includes("(")) {
        url += ")";
      }
    }
    const href = safeHref(url);
    push(text.slice(last, start));
    if (href) out.push({ type: "link", text: url, href });
    else push(url);
    last = start + url.length;
  }
  push(text.slice(last));
  return out;
}
