import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { CreatedWebhookEndpoint, WebhookEventType } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { TextField } from "../../../components/Field";
import { useMessageText } from "../../../i18n/message";
import { EVENT_TYPES, useCreateWebhookEndpoint } from "../api/webhooks";
import { EventPicker } from "./EventPicker";

/** The form for a new endpoint; on success the page shows its secret once. */
export function NewEndpointForm({ onCreated }: { onCreated: (created: CreatedWebhookEndpoint) => void }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const create = useCreateWebhookEndpoint();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([...EVENT_TYPES]);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    create.mutate(
      { url: url.trim(), event_types: events, ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (created) => {
          setUrl("");
          setDescription("");
          setEvents([...EVENT_TYPES]);
          onCreated(created);
        },
      },
    );
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-webhook-title">
      <div className="card__header">
        <h2 className="card__title" id="new-webhook-title">
          {t("webhooks.new")}
        </h2>
      </div>
      <div className="card__body form">
        <TextField id="webhook-url" type="url" label={t("webhooks.url")} hint={t("webhooks.urlHint")} value={url} required maxLength={2000} inputMode="url" onChange={(e) => setUrl(e.target.value)} />
        <TextField id="webhook-description" label={t("webhooks.descriptionLabel")} optional value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} />
        <EventPicker id="webhook-new-events" value={events} onChange={setEvents} />
        {create.isError && <Alert tone="error">{text(describeError(create.error))}</Alert>}
        <div>
          <button type="submit" className="button button--primary" disabled={create.isPending || url.trim() === "" || events.length === 0}>
            {create.isPending ? t("webhooks.creating") : t("webhooks.create")}
          </button>
        </div>
      </div>
    </form>
  );
}
