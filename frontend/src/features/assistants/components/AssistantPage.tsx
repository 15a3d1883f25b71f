import { useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import type { Assistant } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { ErrorState, Loading, NotFound } from "../../../components/States";
import { ApiError } from "../../../api/errors";
import { formatDateTime } from "../../../lib/time";
import { useCanManage } from "../../auth/hooks/useSession";
import { useAssistant, useUpdateAssistant } from "../api/assistants";
import { draftFrom, useAssistantDraft } from "../hooks/useAssistantDraft";
import { AssistantForm } from "./AssistantForm";
import { DeleteAssistant } from "./DeleteAssistant";
import { EmbedSnippet } from "./EmbedSnippet";
import { StatusBadge } from "./StatusBadge";
import { WidgetPreview } from "./WidgetPreview";

function EditAssistant({ assistant }: { assistant: Assistant }) {
  const canManage = useCanManage();
  const state = useAssistantDraft(() => draftFrom(assistant));
  const update = useUpdateAssistant(assistant.id);
  const [saved, setSaved] = useState(false);
  const created = (useLocation().state as { notice?: string } | null)?.notice;

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

  const notice =
    saved && !state.dirty ? (
      <Alert tone="success">Changes saved.</Alert>
    ) : created && !state.dirty && !saved ? (
      <Alert tone="success">{created}</Alert>
    ) : null;

  return (
    <>
      <PageHeader
        back={
          <Link to="/assistants" className="back-link">
            ← Assistants
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
            Updated <RelativeTime value={assistant.updated_at} /> ·{" "}
            <Link to={`/chats?assistant=${assistant.id}`}>View chats</Link>
          </>
        }
      />
      <div className="split">
        <div className="split__main">
          <AssistantForm
            label="Assistant settings"
            state={state}
            readOnly={!canManage}
            onSubmit={save}
            notice={
              canManage ? (
                notice
              ) : (
                <Alert tone="info">You have the agent role in this workspace: you can read assistants but not change them.</Alert>
              )
            }
            actions={
              <>
                {state.dirty && <span className="action-bar__hint">Unsaved changes</span>}
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={!state.dirty || update.isPending}
                  onClick={() => state.reset(draftFrom(assistant))}
                >
                  Discard
                </button>
                <button type="submit" className="button button--primary" disabled={update.isPending} aria-busy={update.isPending}>
                  {update.isPending ? "Saving…" : "Save changes"}
                </button>
              </>
            }
          />
        </div>
        <aside className="split__side" aria-label="Embed and details">
          <EmbedSnippet assistant={assistant} />
          <section className="card">
            <div className="card__header">
              <h2 className="card__title">Preview</h2>
            </div>
            <div className="card__body">
              <WidgetPreview color={state.draft.primaryColor} position={state.draft.position} greeting={state.draft.greeting} />
            </div>
          </section>
          <section className="card" aria-labelledby="details-title">
            <div className="card__header">
              <h2 className="card__title" id="details-title">
                Details
              </h2>
            </div>
            <dl className="card__body details">
              <dt>Assistant id</dt>
              <dd>
                <code className="break">{assistant.id}</code>
              </dd>
              <dt>Created</dt>
              <dd>{formatDateTime(assistant.created_at)}</dd>
              <dt>Last updated</dt>
              <dd>{formatDateTime(assistant.updated_at)}</dd>
            </dl>
          </section>
          {canManage && <DeleteAssistant assistant={assistant} />}
        </aside>
      </div>
    </>
  );
}

export function AssistantPage() {
  const { id = "" } = useParams();
  const assistant = useAssistant(id);

  if (assistant.isPending) return <Loading label="Loading assistant…" />;
  if (assistant.isError) {
    if (assistant.error instanceof ApiError && (assistant.error.isNotFound || assistant.error.code === "invalid_parameter")) {
      return (
        <NotFound title="Assistant not found">
          <p>It may have been deleted, or it belongs to another workspace.</p>
        </NotFound>
      );
    }
    return <ErrorState error={assistant.error} onRetry={() => void assistant.refetch()} />;
  }
  // Placeholder data from the list is enough to show the page; the form keys on
  // the id so switching assistants starts a fresh draft.
  return <EditAssistant key={assistant.data.id} assistant={assistant.data} />;
}
