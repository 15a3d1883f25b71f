import type { ReactNode, SubmitEvent } from "react";
import { Alert } from "../../../components/Alert";
import { FieldShell, TextAreaField, TextField } from "../../../components/Field";
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
  const { draft, errors, formError, set } = state;

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!readOnly) onSubmit();
  }

  return (
    <form className="assistant-form" onSubmit={submit} noValidate aria-label={label}>
      {formError && <Alert tone="error">{formError}</Alert>}
      {notice}
      <fieldset className="plain-fieldset" disabled={readOnly}>
        <section className="card" aria-labelledby="section-basics">
          <div className="card__header">
            <h2 className="card__title" id="section-basics">
              Basics
            </h2>
            <p className="card__subtitle">How your team recognises this assistant.</p>
          </div>
          <div className="card__body stack">
            <TextField
              id="assistant-name"
              label="Name"
              value={draft.name}
              onChange={(e) => set("name", e.target.value)}
              error={errors.name}
              maxLength={100}
              placeholder="Support assistant"
            />
            <TextAreaField
              id="assistant-description"
              label="Description"
              optional
              rows={2}
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
              error={errors.description}
              maxLength={500}
              hint="Only shown here, in the dashboard."
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
                <span className="switch__label">Active</span>
              </label>
              <p className="field__hint" id="assistant-status-hint">
                {draft.status === "active"
                  ? "Answering visitors. Pause it to make the widget refuse new chats."
                  : "Paused: the widget refuses new chats until you turn it back on."}
              </p>
              {errors.status && <p className="field__error">{errors.status}</p>}
            </div>
          </div>
        </section>

        <section className="card" aria-labelledby="section-behaviour">
          <div className="card__header">
            <h2 className="card__title" id="section-behaviour">
              Behaviour
            </h2>
            <p className="card__subtitle">The model, its instructions, and how it greets visitors.</p>
          </div>
          <div className="card__body stack">
            <TextField
              id="assistant-model"
              label="Model"
              list="assistant-models"
              value={draft.model}
              onChange={(e) => set("model", e.target.value)}
              error={errors.model}
              maxLength={100}
              className="field--mono"
              spellCheck={false}
              hint="The provider's model id."
            />
            <datalist id="assistant-models">
              {MODELS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            <TextAreaField
              id="assistant-instructions"
              label="Instructions"
              optional
              rows={8}
              value={draft.instructions}
              onChange={(e) => set("instructions", e.target.value)}
              error={errors.instructions}
              maxLength={20000}
              placeholder="You are the friendly support assistant of Acme. Answer briefly and link to the help centre when useful."
              hint="Who the assistant is and how it answers. Visitors never see this."
            />
            <FieldShell
              id="assistant-temperature"
              label="Temperature"
              error={errors.temperature}
              hint="Lower is focused and predictable; higher is more varied and creative."
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
                    aria-valuetext={draft.temperature.toFixed(2)}
                    {...aria}
                  />
                  <output className="range__value" htmlFor="assistant-temperature">
                    {draft.temperature.toFixed(2)}
                  </output>
                </div>
              )}
            </FieldShell>
            <TextAreaField
              id="assistant-greeting"
              label="Greeting"
              optional
              rows={2}
              value={draft.greeting}
              onChange={(e) => set("greeting", e.target.value)}
              error={errors.greeting}
              maxLength={500}
              placeholder="Hi! How can I help you today?"
              hint="The first message the widget shows."
            />
          </div>
        </section>

        <section className="card" aria-labelledby="section-widget">
          <div className="card__header">
            <h2 className="card__title" id="section-widget">
              Widget
            </h2>
            <p className="card__subtitle">How the chat launcher looks and where it may appear.</p>
          </div>
          <div className="card__body stack">
            <ThemeFields state={state} />
            <OriginsField state={state} />
          </div>
        </section>
      </fieldset>
      {!readOnly && actions && <div className="action-bar">{actions}</div>}
    </form>
  );
}
