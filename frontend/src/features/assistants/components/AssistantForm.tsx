import type { ReactNode, SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/Alert";
import { FieldShell, TextAreaField, TextField } from "../../../components/Field";
import { useMessageText } from "../../../i18n/message";
import { useFormat } from "../../../i18n/useFormat";
import type { HandoffPolicy } from "../../../api/types";
import type { AssistantDraftState } from "../hooks/useAssistantDraft";
import { OriginsField } from "./OriginsField";
import { ThemeFields } from "./ThemeFields";

const MODELS = ["mistral-small-latest", "mistral-medium-latest", "mistral-large-latest", "ministral-8b-latest", "open-mistral-nemo"];

interface Props {
  state: AssistantDraftState;
  readOnly?: boolean;
  /** The action bar (submit and friends); left out when read-only. */
  actions?: ReactNode;
  notice?: ReactNode;
  onSubmit: () => void;
  label: string;
}

/** Every field of an assistant, grouped as the widget owner thinks of them. */
export function AssistantForm({ state, readOnly = false, actions, notice, onSubmit, label }: Props) {
  const { t } = useTranslation();
  const text = useMessageText();
  const format = useFormat();
  const { draft, formError, set } = state;
  const errors = Object.fromEntries(Object.entries(state.errors).map(([field, m]) => [field, text(m)]));

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!readOnly) onSubmit();
  }

  return (
    <form className="assistant-form" onSubmit={submit} noValidate aria-label={label}>
      {formError && <Alert tone="error">{text(formError)}</Alert>}
      {notice}
      <fieldset className="plain-fieldset" disabled={readOnly}>
        <section className="card" aria-labelledby="section-basics">
          <div className="card__header">
            <h2 className="card__title" id="section-basics">
              {t("assistants.form.basics")}
            </h2>
            <p className="card__subtitle">{t("assistants.form.basicsHint")}</p>
          </div>
          <div className="card__body stack">
            <TextField
              id="assistant-name"
              label={t("assistants.form.name")}
              value={draft.name}
              onChange={(e) => set("name", e.target.value)}
              error={errors.name}
              maxLength={100}
              placeholder={t("assistants.form.namePlaceholder")}
            />
            <TextAreaField
              id="assistant-description"
              label={t("assistants.form.description")}
              optional
              rows={2}
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
              error={errors.description}
              maxLength={500}
              hint={t("assistants.form.descriptionHint")}
            />
            <div className={`switch-field${errors.status ? " field--invalid" : ""}`}>
              <label className="switch" htmlFor="assistant-status">
                <input
                  id="assistant-status"
                  type="checkbox"
                  role="switch"
                  checked={draft.status === "active"}
                  onChange={(e) => set("status", e.target.checked ? "active" : "paused")}
                  aria-describedby="assistant-status-hint"
                />
                <span className="switch__track" aria-hidden="true">
                  <span className="switch__thumb" />
                </span>
                <span className="switch__label">{t("assistants.form.active")}</span>
              </label>
              <p className="field__hint" id="assistant-status-hint">
                {draft.status === "active" ? t("assistants.form.activeHint") : t("assistants.form.pausedHint")}
              </p>
              {errors.status && <p className="field__error">{errors.status}</p>}
            </div>
          </div>
        </section>

        <section className="card" aria-labelledby="section-behaviour">
          <div className="card__header">
            <h2 className="card__title" id="section-behaviour">
              {t("assistants.form.behaviour")}
            </h2>
            <p className="card__subtitle">{t("assistants.form.behaviourHint")}</p>
          </div>
          <div className="card__body stack">
            <TextField
              id="assistant-model"
              label={t("assistants.form.model")}
              list="assistant-models"
              value={draft.model}
              onChange={(e) => set("model", e.target.value)}
              error={errors.model}
              maxLength={100}
              className="field--mono"
              spellCheck={false}
              hint={t("assistants.form.modelHint")}
            />
            <datalist id="assistant-models">
              {MODELS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            <TextAreaField
              id="assistant-instructions"
              label={t("assistants.form.instructions")}
              optional
              rows={8}
              value={draft.instructions}
              onChange={(e) => set("instructions", e.target.value)}
              error={errors.instructions}
              maxLength={20000}
              placeholder={t("assistants.form.instructionsPlaceholder")}
              hint={t("assistants.form.instructionsHint")}
            />
            <FieldShell
              id="assistant-temperature"
              label={t("assistants.form.temperature")}
              error={errors.temperature}
              hint={t("assistants.form.temperatureHint")}
            >
              {(aria) => (
                <div className="range">
                  <input
                    id="assistant-temperature"
                    type="range"
                    min={0}
                    max={1.5}
                    step={0.05}
                    value={draft.temperature}
                    onChange={(e) => set("temperature", Number(e.target.value))}
                    aria-valuetext={format.decimal2(draft.temperature)}
                    {...aria}
                  />
                  <output className="range__value" htmlFor="assistant-temperature">
                    {format.decimal2(draft.temperature)}
                  </output>
                </div>
              )}
            </FieldShell>
            <TextAreaField
              id="assistant-greeting"
              label={t("assistants.form.greeting")}
              optional
              rows={2}
              value={draft.greeting}
              onChange={(e) => set("greeting", e.target.value)}
              error={errors.greeting}
              maxLength={500}
              placeholder={t("assistants.form.greetingPlaceholder")}
              hint={t("assistants.form.greetingHint")}
            />
            <FieldShell id="assistant-handoff" label={t("assistants.form.handoff")} hint={t("assistants.form.handoffHint")} error={errors.handoffPolicy}>
              {(aria) => (
                <select
                  id="assistant-handoff"
                  className="input"
                  value={draft.handoffPolicy}
                  onChange={(e) => set("handoffPolicy", e.target.value as HandoffPolicy)}
                  {...aria}
                >
                  <option value="never">{t("assistants.form.handoffNever")}</option>
                  <option value="on_request">{t("assistants.form.handoffOnRequest")}</option>
                  <option value="model">{t("assistants.form.handoffModel")}</option>
                </select>
              )}
            </FieldShell>
            {draft.handoffPolicy !== "never" && (
              <TextAreaField
                id="assistant-offline-message"
                label={t("assistants.form.offlineMessage")}
                optional
                rows={2}
                value={draft.offlineMessage}
                onChange={(e) => set("offlineMessage", e.target.value)}
                error={errors.offlineMessage}
                maxLength={500}
                hint={t("assistants.form.offlineMessageHint")}
              />
            )}
          </div>
        </section>

        <section className="card" aria-labelledby="section-widget">
          <div className="card__header">
            <h2 className="card__title" id="section-widget">
              {t("assistants.form.widget")}
            </h2>
            <p className="card__subtitle">{t("assistants.form.widgetHint")}</p>
          </div>
          <div className="card__body stack">
            <ThemeFields state={state} errors={errors} />
            <OriginsField state={state} errors={errors} />
          </div>
        </section>
      </fieldset>
      {!readOnly && actions && <div className="action-bar">{actions}</div>}
    </form>
  );
}
