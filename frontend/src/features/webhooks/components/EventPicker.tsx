import { useTranslation } from "react-i18next";
import type { WebhookEventType } from "../../../api/types";
import { EVENT_TYPES } from "../api/webhooks";
import { EVENT_LABELS } from "./eventLabels";

interface Props {
  id: string;
  value: readonly WebhookEventType[];
  onChange: (next: WebhookEventType[]) => void;
}

/** The events an endpoint receives: one checkbox each, with the wire name beside its label. */
export function EventPicker({ id, value, onChange }: Props) {
  const { t } = useTranslation();
  function toggle(event: WebhookEventType, on: boolean) {
    // Keep the API's order whatever order they were ticked in.
    onChange(EVENT_TYPES.filter((e) => (e === event ? on : value.includes(e))));
  }
  return (
    <fieldset className="fieldset webhook-events" aria-describedby={`${id}-hint`}>
      <legend className="field__label">{t("webhooks.events.label")}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {t("webhooks.events.hint")}
      </p>
      {EVENT_TYPES.map((event) => (
        <label key={event} className="webhook-events__option" htmlFor={`${id}-${event}`}>
          <input id={`${id}-${event}`} type="checkbox" checked={value.includes(event)} onChange={(e) => toggle(event, e.target.checked)} />
          <span>
            {t(EVENT_LABELS[event])} <code className="mono-chip">{event}</code>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
