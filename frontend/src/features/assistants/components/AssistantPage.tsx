import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../../../api/errors";
import type { Assistant } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { ErrorState, Loading, NotFound } from "../../../components/States";
import { useLeaveGuard } from "../../../components/useLeaveGuard";
import { useFormat } from "../../../i18n/useFormat";
import { useCanManage } from "../../auth/hooks/useSession";
import { GroundingSetting } from "../../knowledge/components/GroundingSetting";
import { useAssistant, useUpdateAssistant } from "../api/assistants";
import { draftFrom, useAssistantDraft } from "../hooks/useAssistantDraft";
import { useDraftKey } from "../hooks/useDraftKey";
import { AssistantForm } from "./AssistantForm";
import { DeleteAssistant } from "./DeleteAssistant";
import { EmbedSnippet } from "./EmbedSnippet";
import { IdentitySecret } from "./IdentitySecret";
import { LivePreview } from "./LivePreview";
import { StatusBadge } from "./StatusBadge";
import { WidgetPreview } from "./WidgetPreview";

const LIST = "/assistants";

function EditAssistant({ assistant }: { assistant: Assistant }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canManage = useCanManage();
  const state = useAssistantDraft(() => draftFrom(assistant), useDraftKey(assistant.id));
  const update = useUpdateAssistant(assistant.id);
  const [saved, setSaved] = useState(false);
  const guard = useLeaveGuard(canManage && state.dirty, state.forget);

  function save() {
    const body = state.prepare();
    if (!body) return;
    setSaved(false);
    update.mutate(body, {
      onSuccess: (next) => {
        state.reset(draftFrom(next));
        setSaved(true);
      },
      onError: state.showServerError,
    });
  }

  const notice = !canManage ? (
    <Alert tone="info">{t("assistants.page.agentNotice")}</Alert>
  ) : state.restored ? (
    <Alert tone="info">
      {t("drafts.restored")}{" "}
      <button type="button" className="link-button" onClick={() => state.reset(draftFrom(assistant))}>
        {t("drafts.discard")}
      </button>
    </Alert>
  ) : saved && !state.dirty ? (
    <Alert tone="success">{t("assistants.page.saved")}</Alert>
  ) : null;

  return (
    <>
      {guard.dialog}
      <PageHeader
        back={
          <Link to="/assistants" className="back-link">
            <span aria-hidden="true">←</span>
            {t("assistants.back")}
          </Link>
        }
        title={
          <span className="title-with-badge">
            {assistant.name}
            <StatusBadge status={assistant.status} />
          </span>
        }
        description={
          <>
            <Trans i18nKey="assistants.page.updated" components={{ time: <RelativeTime value={assistant.updated_at} /> }} /> ·{" "}
            <Link to={`/chats?assistant=${assistant.id}`}>{t("assistants.page.viewChats")}</Link>
          </>
        }
      />
      <div className="split">
        <div className="split__main">
          <AssistantForm
            label={t("assistants.page.settingsLabel")}
            state={state}
            readOnly={!canManage}
            onSubmit={save}
            notice={notice}
            actions={
              <>
                <span className={state.dirty ? "action-bar__hint action-bar__hint--dirty" : "action-bar__hint"}>
                  {state.dirty ? t("assistants.page.unsaved") : t("assistants.page.noChanges")}
                </span>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={!state.dirty || update.isPending}
                  onClick={() => state.reset(draftFrom(assistant))}
                >
                  {t("assistants.page.discard")}
                </button>
                <button type="submit" className="button button--primary" disabled={!state.dirty || update.isPending} aria-busy={update.isPending}>
                  {update.isPending ? t("assistants.page.saving") : t("assistants.page.save")}
                </button>
              </>
            }
          />
        </div>
        <aside className="split__side" aria-label={t("assistants.page.sideLabel")}>
          <EmbedSnippet assistant={assistant} />
          <section className="card" aria-labelledby="preview-title">
            <div className="card__header">
              <h2 className="card__title" id="preview-title">
                {t("assistants.page.preview")}
              </h2>
            </div>
            <div className="card__body">
              <WidgetPreview color={state.draft.primaryColor} position={state.draft.position} greeting={state.draft.greeting} />
            </div>
          </section>
          <LivePreview assistant={assistant} />
          <GroundingSetting assistantId={assistant.id} />
          {canManage && <IdentitySecret assistant={assistant} />}
          <section className="card" aria-labelledby="details-title">
            <div className="card__header">
              <h2 className="card__title" id="details-title">
                {t("assistants.page.details")}
              </h2>
            </div>
            <dl className="card__body details">
              <dt>{t("assistants.page.id")}</dt>
              <dd>
                <code className="break">{assistant.id}</code>
              </dd>
              <dt>{t("assistants.page.createdAt")}</dt>
              <dd>{format.dateTime(assistant.created_at)}</dd>
              <dt>{t("assistants.page.updatedAt")}</dt>
              <dd>{format.dateTime(assistant.updated_at)}</dd>
            </dl>
          </section>
          {canManage && <DeleteAssistant assistant={assistant} onDeleted={guard.allow} />}
        </aside>
      </div>
    </>
  );
}

export function AssistantPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const assistant = useAssistant(id);

  if (assistant.isPending) return <Loading label={t("assistants.page.loading")} />;
  if (assistant.isError) {
    if (assistant.error instanceof ApiError && (assistant.error.isNotFound || assistant.error.code === "invalid_parameter")) {
      return (
        <NotFound title={t("assistants.page.notFound")} back={{ to: LIST, label: t("assistants.page.backToList") }}>
          <p>{t("assistants.page.notFoundText")}</p>
        </NotFound>
      );
    }
    return <ErrorState error={assistant.error} onRetry={() => void assistant.refetch()} />;
  }
  // Placeholder data from the list is enough to show the page; the form keys on
  // the id so switching assistants starts a fresh draft.
  return <EditAssistant key={assistant.data.id} assistant={assistant.data} />;
}
