// Which languages the dashboard speaks, and which one a visitor gets.

export const LANGUAGES = ["en", "tr"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the switch (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", tr: "Türkçe" };

const STORAGE_KEY = "kremna.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

const primary = (tag: string) => tag.toLowerCase().split("-")[0] ?? "";

/** The browser's preferred locales, most wanted first. */
function browserLocales(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

/** What the person chose before (the switch), else the browser's first language we speak, else English. */
export function detectLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage unavailable: fall back to the browser.
  }
  for (const tag of browserLocales()) {
    const lang = primary(tag);
    if (isLanguage(lang)) return lang;
  }
  return "en";
}

export function rememberLanguage(language: Language) {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}

/**
 * The locale every `Intl` formatter uses: the browser's own regional variant of
 * the chosen language when it has one (en-GB keeps its day-month order), else the
 * language itself. Never another language's locale, so text and numbers agree.
 */
export function formattingLocale(language: Language): string {
  return browserLocales().find((tag) => primary(tag) === language) ?? language;
}
