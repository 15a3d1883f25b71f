import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { WebhookDelivery } from "../../../api/types";
import { RelativeTime } from "../../../components/RelativeTime";
import { ErrorState, Loading } from "../../../components/States";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText } from "../../../i18n/message";
import { useReplayDelivery, useWebhookDeliveries } from "../api/webhooks";

const BADGE = { pending: "neutral", succeeded: "active", failed: "danger" } as const;

function ReplayButton({ endpointId, delivery }: { endpointId: string; delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const toast = useToast();
  const replay = useReplayDelivery(endpointId);
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      aria-label={t("webhooks.deliveries.replayLabel", { event: delivery.event_type })}
      disabled={replay.isPending}
      onClick={() =>
        replay.mutate(delivery.id, {
          onSuccess: () => toast(message("webhooks.deliveries.replayed")),
          onError: (err) => toast(message("webhooks.deliveries.replayFailed", { reason: text(describeError(err)) })),
        })
      }
    >
      {t("webhooks.deliveries.replay")}
    </button>
  );
}

/** One endpoint's delivery log: status, response code, latency and attempts, newest first. */
export function DeliveriesLog({ endpointId }: { endpointId: string }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const deliveries = useWebhookDeliveries(endpointId);
  if (deliveries.isPending) return <Loading label={t("webhooks.deliveries.loading")} />;
  // An error with pages already shown is a failed "load more": keep the pages.
  if (deliveries.isError && deliveries.data === undefined) return <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  const rows = deliveries.data.pages.flatMap((p) => p.data);
  if (rows.length === 0) return <p className="table__muted">{t("webhooks.deliveries.empty")}</p>;
  return (
    <>
      <div className="table-wrap table-wrap--cards">
        <table className="table table--cards" aria-label={t("webhooks.deliveries.label")}>
          <thead>
            <tr>
              <th scope="col">{t("webhooks.deliveries.event")}</th>
              <th scope="col">{t("webhooks.deliveries.status")}</th>
              <th scope="col">{t("webhooks.deliveries.code")}</th>
              <th scope="col">{t("webhooks.deliveries.latency")}</th>
              <th scope="col">{t("webhooks.deliveries.attempts")}</th>
              <th scope="col">{t("webhooks.deliveries.created")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("webhooks.deliveries.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td className="table__cell--primary">
                  <code className="mono-chip">{d.event_type}</code>
                </td>
                <td data-label={t("webhooks.deliveries.status")}>
                  <span className={`badge badge--${BADGE[d.status]}`}>{t(`webhooks.status.${d.status}`)}</span>
                  {d.last_error && <span className="table__secondary">{d.last_error}</span>}
                </td>
                <td data-label={t("webhooks.deliveries.code")}>{d.last_status_code ?? "—"}</td>
                <td data-label={t("webhooks.deliveries.latency")}>{d.last_latency_ms == null ? "—" : t("webhooks.deliveries.ms", { ms: d.last_latency_ms })}</td>
                <td data-label={t("webhooks.deliveries.attempts")}>{d.attempt_count}</td>
                <td className="table__muted" data-label={t("webhooks.deliveries.created")}>
                  <RelativeTime value={d.created_at} />
                </td>
                <td className="table__actions">
                  <ReplayButton endpointId={endpointId} delivery={d} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="load-more">
        {deliveries.isFetchNextPageError && (
          <p className="field__error" role="alert">
            {text(describeError(deliveries.error))}
          </p>
        )}
        {deliveries.hasNextPage && (
          <button type="button" className="button button--secondary" onClick={() => void deliveries.fetchNextPage()} disabled={deliveries.isFetchingNextPage} aria-busy={deliveries.isFetchingNextPage}>
            {deliveries.isFetchingNextPage ? t("common.loading") : t("webhooks.deliveries.more")}
          </button>
        )}
      </div>
    </>
  );
}
