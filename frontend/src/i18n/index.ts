// The one i18next instance. Each language's catalogue is its own chunk, loaded
// before the first render (and when the switch picks another language), so the
// initial download carries only the words the visitor reads.
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { detectLanguage, formattingLocale, isLanguage, rememberLanguage, type Language } from "./languages";

type Catalogue = Record<string, unknown>;

const loaders: Record<Language, () => Promise<{ default: Catalogue }>> = {
  en: () => import("./locales/en.json"),
  tr: () => import("./locales/tr.json"),
};

export const i18n: I18n = i18next.createInstance();

async function ensureLoaded(language: Language) {
  if (i18n.hasResourceBundle(language, "translation")) return;
  const catalogue = (await loaders[language]()).default;
  i18n.addResourceBundle(language, "translation", catalogue, true, true);
}

/** Marks the page with the language: screen readers, hyphenation and `text-transform` (Turkish İ) follow it. */
function markDocument(language: Language) {
  document.documentElement.lang = language;
}

/** Loads the visitor's language and starts i18next; resolves when the app can render. */
export async function initI18n(language: Language = detectLanguage()): Promise<I18n> {
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      lng: language,
      fallbackLng: false,
      supportedLngs: [...(["en", "tr"] satisfies Language[])],
      resources: {},
      interpolation: { escapeValue: false }, // React escapes already.
      returnNull: false,
      react: { useSuspense: false },
    });
  }
  await ensureLoaded(language);
  await i18n.changeLanguage(language);
  markDocument(language);
  return i18n;
}

/** The switch: loads the catalogue, changes every text on screen, and remembers the choice. */
export async function setLanguage(language: Language) {
  await ensureLoaded(language);
  await i18n.changeLanguage(language);
  markDocument(language);
  rememberLanguage(language);
}

export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : "en";
}

export function currentLocale(): string {
  return formattingLocale(currentLanguage());
}
