import { useTranslation } from "react-i18next";
import { sixDigitColor, type AssistantDraftState } from "../hooks/useAssistantDraft";

const POSITIONS = ["left", "right"] as const;

export function ThemeFields({ state, errors }: { state: AssistantDraftState; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const { draft, set } = state;
  const colorError = errors["theme.primary_color"] ?? errors.theme;
  const positionError = errors["theme.position"];
  return (
    <div className="grid-2">
      <div className={`field${colorError ? " field--invalid" : ""}`}>
        <span className="field__label" id="assistant-color-label">
          {t("assistants.form.color")}
        </span>
        <div className="color-field">
          <input
            id="assistant-color"
            type="color"
            className="color-field__swatch"
            aria-label={t("assistants.form.colorPicker")}
            value={sixDigitColor(draft.primaryColor)}
            onChange={(e) => set("primaryColor", e.target.value)}
          />
          <label className="visually-hidden" htmlFor="assistant-color-hex">
            {t("assistants.form.colorHex")}
          </label>
          <input
            id="assistant-color-hex"
            className="input input--mono"
            value={draft.primaryColor}
            onChange={(e) => set("primaryColor", e.target.value)}
            maxLength={7}
            spellCheck={false}
            aria-invalid={colorError ? true : undefined}
            aria-describedby={colorError ? "assistant-color-error" : undefined}
          />
        </div>
        {colorError && (
          <p className="field__error" id="assistant-color-error">
            {colorError}
          </p>
        )}
      </div>
      <fieldset className={`fieldset${positionError ? " field--invalid" : ""}`}>
        <legend className="field__label">{t("assistants.form.position")}</legend>
        <div className="segmented">
          {POSITIONS.map((position) => (
            <label key={position} className="segmented__option">
              <input
                id={`assistant-position-${position}`}
                type="radio"
                name="assistant-position"
                value={position}
                checked={draft.position === position}
                onChange={() => set("position", position)}
              />
              <span>{t(`assistants.form.positions.${position}`)}</span>
            </label>
          ))}
        </div>
        {positionError && <p className="field__error">{positionError}</p>}
      </fieldset>
    </div>
  );
}
