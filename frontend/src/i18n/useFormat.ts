import { useTranslation } from "react-i18next";
import { formatFor, type Format } from "../lib/format";
import { formattingLocale, isLanguage } from "./languages";

/**
 * The formatters of the language on screen. Using the hook (not a module-level
 * formatter) re-renders the component when the language switches.
 */
export function useFormat(): Format {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return formatFor(formattingLocale(isLanguage(language) ? language : "en"));
}
