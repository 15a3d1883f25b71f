import { Trans, useTranslation } from "react-i18next";
import { MAX_ORIGINS, type AssistantDraftState } from "../hooks/useAssistantDraft";

interface Props {
  state: AssistantDraftState;
  /** Inline messages, already in words, keyed by the API's field names. */
  errors: Record<string, string>;
}

/** The allowed origins as an editable list: one labelled input per row, with add and remove. */
export function OriginsField({ state, errors }: Props) {
  const { t } = useTranslation();
  const { draft, setOrigin, addOrigin, removeOrigin } = state;
  const listError = errors.allowed_origins;
  const rows = draft.origins;
  return (
    <fieldset className="fieldset" aria-describedby="assistant-origins-hint">
      <legend className="field__label">{t("assistants.form.origins")}</legend>
      <p className="field__hint" id="assistant-origins-hint">
        <Trans i18nKey="assistants.form.originsHint" components={{ code: <code /> }} />
      </p>
      <ul className="origins" aria-label={t("assistants.form.origins")}>
        {rows.map((origin, index) => {
          const id = `assistant-origin-${index}`;
          const error = errors[`allowed_origins[${index}]`];
          return (
            <li key={origin.key} className={`origins__row${error ? " field--invalid" : ""}`}>
              <div className="origins__control">
                <label className="visually-hidden" htmlFor={id}>
                  {t("assistants.form.origin", { n: index + 1 })}
                </label>
                <input
                  id={id}
                  className="input input--mono"
                  type="text"
                  inputMode="url"
                  placeholder="https://www.example.com"
                  value={origin.value}
                  onChange={(e) => setOrigin(index, e.target.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  autoComplete="off"
                  spellCheck={false}
                />
                <button
                  type="button"
                  className="button button--ghost button--icon"
                  onClick={() => removeOrigin(index)}
                  aria-label={t("assistants.form.removeOrigin", { n: index + 1 })}
                  title={t("assistants.form.removeOrigin", { n: index + 1 })}
                  disabled={rows.length === 1 && !origin.value}
                >
                  <svg viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
                    <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
                  </svg>
                </button>
              </div>
              {error && (
                <p className="field__error" id={`${id}-error`}>
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {listError && <p className="field__error">{listError}</p>}
      <button
        id="assistant-origin-add"
        type="button"
        className="button button--secondary button--small"
        onClick={addOrigin}
        disabled={rows.length >= MAX_ORIGINS}
      >
        <span aria-hidden="true">+</span> {t("assistants.form.addOrigin")}
      </button>
    </fieldset>
  );
}
