import { useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { WebhookEndpoint, WebhookEventType } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText } from "../../../i18n/message";
import { useDeleteWebhookEndpoint, useSendTestEvent, useUpdateWebhookEndpoint, useWebhookSecret } from "../api/webhooks";
import { DeliveriesLog } from "./DeliveriesLog";
import { EventPicker } from "./EventPicker";
import { EVENT_LABELS } from "./eventLabels";

interface Props {
  endpoint: WebhookEndpoint;
  /** Shows a secret (revealed or rotated) in the page's secret panel. */
  onSecret: (secret: string, url: string) => void;
}

function EditEvents({ endpoint, onDone }: { endpoint: WebhookEndpoint; onDone: () => void }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const update = useUpdateWebhookEndpoint(endpoint.id);
  const [events, setEvents] = useState<WebhookEventType[]>(endpoint.event_types);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ event_types: events }, { onSuccess: onDone });
      }}
    >
      <EventPicker id={`webhook-${endpoint.id}-events`} value={events} onChange={setEvents} />
      {update.isError && <Alert tone="error">{text(describeError(update.error))}</Alert>}
      <div className="form__actions">
        <button type="submit" className="button button--primary button--small" disabled={update.isPending || events.length === 0}>
          {update.isPending ? t("webhooks.saving") : t("webhooks.save")}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onDone}>
          {t("webhooks.cancel")}
        </button>
      </div>
    </form>
  );
}

/** One endpoint: its address and events, its switches and actions, and its delivery log. */
export function EndpointCard({ endpoint, onSecret }: Props) {
  const { t } = useTranslation();
  const text = useMessageText();
  const toast = useToast();
  const update = useUpdateWebhookEndpoint(endpoint.id);
  const remove = useDeleteWebhookEndpoint(endpoint.id);
  const test = useSendTestEvent(endpoint.id);
  const secret = useWebhookSecret(endpoint.id);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<"delete" | "rotate" | null>(null);
  const [showLog, setShowLog] = useState(false);
  const logId = `webhook-${endpoint.id}-log`;
  const failed = (err: Error) => toast(message("webhooks.failed", { reason: text(describeError(err)) }));

  return (
    <section className="card" aria-label={endpoint.url}>
      <div className="card__header card__header--row">
        <div className="webhook-card__title">
          <h3 className="card__title break">{endpoint.url}</h3>
          {endpoint.description && <p className="card__subtitle">{endpoint.description}</p>}
        </div>
        <span className={`badge badge--${endpoint.enabled ? "active" : "paused"}`}>{endpoint.enabled ? t("webhooks.enabled") : t("webhooks.disabled")}</span>
      </div>
      <div className="card__body form">
        {editing ? (
          <EditEvents endpoint={endpoint} onDone={() => setEditing(false)} />
        ) : (
          <ul className="webhook-card__events" aria-label={t("webhooks.events.label")}>
            {endpoint.event_types.map((e) => (
              <li key={e} className="chip">
                {t(EVENT_LABELS[e])}
              </li>
            ))}
          </ul>
        )}
        <div className="form__actions webhook-card__actions">
          <button type="button" className="button button--secondary button--small" disabled={test.isPending} onClick={() => test.mutate(undefined, { onSuccess: () => { setShowLog(true); toast(message("webhooks.testSent")); }, onError: failed })}>
            {t("webhooks.sendTest")}
          </button>
          {!editing && (
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
              {t("webhooks.editEvents")}
            </button>
          )}
          <button type="button" className="button button--secondary button--small" disabled={update.isPending} onClick={() => update.mutate({ enabled: !endpoint.enabled }, { onError: failed })}>
            {endpoint.enabled ? t("webhooks.disable") : t("webhooks.enable")}
          </button>
          <button type="button" className="button button--secondary button--small" disabled={secret.isPending} onClick={() => secret.mutate(false, { onSuccess: (s) => onSecret(s.secret, endpoint.url), onError: failed })}>
            {t("webhooks.reveal")}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setConfirm("rotate")}>
            {t("webhooks.rotate.button")}
          </button>
          <button type="button" className="button button--ghost button--small" aria-expanded={showLog} aria-controls={logId} onClick={() => setShowLog((s) => !s)}>
            {showLog ? t("webhooks.deliveries.hide") : t("webhooks.deliveries.show")}
          </button>
          <button type="button" className="button button--danger-outline button--small" aria-label={t("webhooks.delete.label", { url: endpoint.url })} onClick={() => setConfirm("delete")}>
            {t("webhooks.delete.button")}
          </button>
        </div>
        {showLog && (
          <div id={logId}>
            <h4 className="section-title">{t("webhooks.deliveries.title")}</h4>
            <DeliveriesLog endpointId={endpoint.id} />
          </div>
        )}
      </div>
      {confirm === "delete" && (
        <ConfirmDialog
          title={t("webhooks.delete.confirmTitle")}
          confirmLabel={t("webhooks.delete.button")}
          pendingLabel={t("webhooks.delete.pending")}
          pending={remove.isPending}
          error={remove.isError ? text(describeError(remove.error)) : null}
          onCancel={() => {
            setConfirm(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => toast(message("webhooks.delete.done")) })}
        >
          <p className="break">{t("webhooks.delete.confirmBody", { url: endpoint.url })}</p>
        </ConfirmDialog>
      )}
      {confirm === "rotate" && (
        <ConfirmDialog
          tone="primary"
          title={t("webhooks.rotate.confirmTitle")}
          confirmLabel={t("webhooks.rotate.button")}
          pendingLabel={t("webhooks.rotate.pending")}
          pending={secret.isPending}
          error={secret.isError ? text(describeError(secret.error)) : null}
          onCancel={() => {
            setConfirm(null);
            secret.reset();
          }}
          onConfirm={() =>
            secret.mutate(true, {
              onSuccess: (s) => {
                setConfirm(null);
                onSecret(s.secret, endpoint.url);
              },
            })
          }
        >
          <p>{t("webhooks.rotate.confirmBody")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
