import { Link, Navigate, useNavigate } from "react-router";
import { PageHeader } from "../../../components/PageHeader";
import { useCanManage } from "../../auth/hooks/useSession";
import { useCreateAssistant } from "../api/assistants";
import { emptyDraft, useAssistantDraft } from "../hooks/useAssistantDraft";
import { AssistantForm } from "./AssistantForm";
import { WidgetPreview } from "./WidgetPreview";

export function NewAssistantPage() {
  const canManage = useCanManage();
  const state = useAssistantDraft(emptyDraft);
  const create = useCreateAssistant();
  const navigate = useNavigate();

  if (!canManage) return <Navigate to="/assistants" replace />;

  function save() {
    const body = state.prepare();
    if (!body) return;
    create.mutate(body, {
      onSuccess: (assistant) => {
        void navigate(`/assistants/${assistant.id}`, { state: { notice: "Assistant created. Copy its snippet to put it on your site." } });
      },
      onError: state.showServerError,
    });
  }

  return (
    <>
      <PageHeader
        back={
          <Link to="/assistants" className="back-link">
            ← Assistants
          </Link>
        }
        title="New assistant"
        description="You can change everything later. The embed snippet appears once it's created."
      />
      <div className="split">
        <div className="split__main">
          <AssistantForm
            label="New assistant"
            state={state}
            onSubmit={save}
            actions={
              <>
                <Link className="button button--secondary" to="/assistants">
                  Cancel
                </Link>
                <button type="submit" className="button button--primary" disabled={create.isPending} aria-busy={create.isPending}>
                  {create.isPending ? "Creating…" : "Create assistant"}
                </button>
              </>
            }
          />
        </div>
        <aside className="split__side" aria-label="Preview">
          <section className="card">
            <div className="card__header">
              <h2 className="card__title">Preview</h2>
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
