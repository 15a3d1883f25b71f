import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { Alert } from "../../../components/Alert";
import { PageHeader } from "../../../components/PageHeader";
import { useToast } from "../../../components/toastContext";
import { useLeaveGuard } from "../../../components/useLeaveGuard";
import { message } from "../../../i18n/message";
import { useCanManage } from "../../auth/hooks/useSession";
import { useCreateAssistant } from "../api/assistants";
import { emptyDraft, useAssistantDraft } from "../hooks/useAssistantDraft";
import { useDraftKey } from "../hooks/useDraftKey";
import { AssistantForm } from "./AssistantForm";
import { WidgetPreview } from "./WidgetPreview";

export function NewAssistantPage() {
  const canManage = useCanManage();
  if (!canManage) return <Navigate to="/assistants" replace />;
  return <NewAssistantForm />;
}

function NewAssistantForm() {
  const { t } = useTranslation();
  const state = useAssistantDraft(emptyDraft, useDraftKey("new"));
  const create = useCreateAssistant();
  const navigate = useNavigate();
  const toast = useToast();
  const guard = useLeaveGuard(state.dirty, state.forget);

  function save() {
    const body = state.prepare();
    if (!body) return;
    create.mutate(body, {
      onSuccess: (assistant) => {
        state.forget();
        guard.allow();
        toast(message("assistants.page.created"));
        void navigate(`/assistants/${assistant.id}`);
      },
      onError: state.showServerError,
    });
  }

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
        title={t("assistants.create.title")}
        description={t("assistants.create.description")}
      />
      <div className="split">
        <div className="split__main">
          <AssistantForm
            label={t("assistants.create.title")}
            state={state}
            onSubmit={save}
            notice={
              state.restored ? (
                <Alert tone="info">
                  {t("drafts.restored")}{" "}
                  <button type="button" className="link-button" onClick={() => state.reset(emptyDraft())}>
                    {t("drafts.discard")}
                  </button>
                </Alert>
              ) : null
            }
            actions={
              <>
                <Link className="button button--secondary" to="/assistants">
                  {t("common.cancel")}
                </Link>
                <button type="submit" className="button button--primary" disabled={create.isPending} aria-busy={create.isPending}>
                  {create.isPending ? t("assistants.create.pending") : t("assistants.create.submit")}
                </button>
              </>
            }
          />
        </div>
        <aside className="split__side" aria-label={t("assistants.page.preview")}>
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
        </aside>
      </div>
    </>
  );
}
