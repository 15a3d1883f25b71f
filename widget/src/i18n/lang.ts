/** The languages the widget speaks, and how it picks one. */

export type Lang = "en" | "tr";

/** `"tr"`, `"TR"`, `"tr-TR"` → `"tr"`; anything else (other languages, non-strings) → null. */
export function asLang(v: unknown): Lang | null {
  const m = typeof v === "string" ? /^(en|tr)(?:-|$)/i.exec(v) : null;
  return m ? (m[1].toLowerCase() as Lang) : null;
}

/**
 * The widget's language: what the page asks for (`data-lang` on the script tag), else the
 * assistant's setting (`lang` in its config), else the first of the visitor's browser
 * languages (`navigator.languages`, in their order of preference) that we speak, else English.
 */
export function pickLang(page: unknown, assistant: unknown, browser: readonly string[] | undefined): Lang {
  return asLang(page) ?? asLang(assistant) ?? (browser ?? []).map(asLang).find((l) => l) ?? "en";
}
