import { useId } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage, setLanguage } from "../i18n";
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from "../i18n/languages";
import { THEME_PREFERENCES, type ThemePreference } from "../theme/theme";
import { useThemePreference } from "../theme/useThemePreference";

/** The language and theme switches (both remembered in this browser). */
export function Preferences({ className }: { className?: string }) {
  const { t } = useTranslation();
  const [theme, setTheme] = useThemePreference();
  const languageId = useId();
  const themeId = useId();
  const language = currentLanguage();

  return (
    <div className={["preferences", className ?? ""].join(" ").trim()} role="group" aria-label={t("preferences.label")}>
      <div className="preferences__item">
        <label className="preferences__label" htmlFor={languageId}>
          {t("preferences.language")}
        </label>
        <select
          id={languageId}
          className="input select select--small preferences__select"
          value={language}
          onChange={(e) => {
            if (isLanguage(e.target.value)) void setLanguage(e.target.value);
          }}
        >
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {LANGUAGE_NAMES[lang]}
            </option>
          ))}
        </select>
      </div>
      <div className="preferences__item">
        <label className="preferences__label" htmlFor={themeId}>
          {t("preferences.theme")}
        </label>
        <select
          id={themeId}
          className="input select select--small preferences__select"
          value={theme}
          onChange={(e) => setTheme(e.target.value as ThemePreference)}
        >
          {THEME_PREFERENCES.map((pref) => (
            <option key={pref} value={pref}>
              {t(`preferences.themes.${pref}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
