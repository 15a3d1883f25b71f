import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CopyButton } from "../../../components/CopyButton";
import { PageHeader } from "../../../components/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useWebhookEndpoints } from "../api/webhooks";
import { EndpointCard } from "./EndpointCard";
import { NewEndpointForm } from "./NewEndpointForm";

/**
 * Settings → Webhooks: endpoints (the signing secret shown on creation, reveal and
 * rotation only), their events, a test event, and each one's delivery log with replay.
 */
export function WebhooksPage() {
  const { t } = useTranslation();
  const endpoints = useWebhookEndpoints();
  const [shown, setShown] = useState<{ secret: string; url: string } | null>(null);

  return (
    <>
      <PageHeader title={t("webhooks.title")} description={t("webhooks.description")} />
      {shown && (
        <section className="card" aria-labelledby="webhook-secret-title" role="status">
          <div className="card__header">
            <h2 className="card__title" id="webhook-secret-title">
              {t("webhooks.secretTitle")}
            </h2>
            <p className="card__subtitle break">{t("webhooks.secretBody", { url: shown.url })}</p>
          </div>
          <div className="card__body">
            <code className="mono-chip break" data-testid="webhook-secret">
              {shown.secret}
            </code>{" "}
            <CopyButton text={shown.secret} label={t("webhooks.copy")} />{" "}
            <button type="button" className="button button--ghost button--small" onClick={() => setShown(null)}>
              {t("webhooks.hideSecret")}
            </button>
          </div>
        </section>
      )}
      <NewEndpointForm onCreated={(created) => setShown({ secret: created.secret, url: created.endpoint.url })} />
      {endpoints.isPending ? (
        <Loading label={t("webhooks.loading")} />
      ) : endpoints.isError ? (
        <ErrorState error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      ) : endpoints.data.length === 0 ? (
        <EmptyState title={t("webhooks.empty.title")}>
          <p>{t("webhooks.empty.body")}</p>
        </EmptyState>
      ) : (
        <div className="webhook-list">
          {endpoints.data.map((e) => (
            <EndpointCard key={e.id} endpoint={e} onSecret={(secret, url) => setShown({ secret, url })} />
          ))}
        </div>
      )}
    </>
  );
}
