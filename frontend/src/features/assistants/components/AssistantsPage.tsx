import { Link, useLocation } from "react-router";
import type { Assistant } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useCanManage } from "../../auth/hooks/useSession";
import { useAssistants } from "../api/assistants";
import { StatusBadge } from "./StatusBadge";

function NewAssistantLink() {
  return (
    <Link className="button button--primary" to="/assistants/new">
      <span aria-hidden="true">+</span> New assistant
    </Link>
  );
}

function AssistantsTable({ assistants }: { assistants: Assistant[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Assistants">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Model</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Chats</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {assistants.map((a) => (
            <tr key={a.id}>
              <td>
                <Link className="table__primary-link" to={`/assistants/${a.id}`}>
                  <span className="avatar" style={{ background: a.theme.primary_color }} aria-hidden="true">
                    {a.name.trim().charAt(0).toUpperCase() || "A"}
                  </span>
                  <span>
                    <span className="table__title">{a.name}</span>
                    {a.description && <span className="table__secondary">{a.description}</span>}
                  </span>
                </Link>
              </td>
              <td>
                <code className="mono-chip">{a.model}</code>
              </td>
              <td>
                <StatusBadge status={a.status} />
              </td>
              <td className="table__muted">
                <RelativeTime value={a.updated_at} />
              </td>
              <td className="table__actions">
                <Link className="button button--ghost button--small" to={`/chats?assistant=${a.id}`} aria-label={`Chats of ${a.name}`}>
                  Chats
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AssistantsPage() {
  const assistants = useAssistants();
  const canManage = useCanManage();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  return (
    <>
      <PageHeader
        title="Assistants"
        description="Each assistant has its own instructions, look, and embed snippet."
        actions={canManage && assistants.data && assistants.data.length > 0 ? <NewAssistantLink /> : null}
      />
      {notice && <Alert tone="success">{notice}</Alert>}
      {assistants.isPending ? (
        <Loading label="Loading assistants…" />
      ) : assistants.isError ? (
        <ErrorState error={assistants.error} onRetry={() => void assistants.refetch()} />
      ) : assistants.data.length === 0 ? (
        <EmptyState title="No assistants yet" action={canManage ? <NewAssistantLink /> : null}>
          {canManage ? (
            <p>Create your first assistant, then paste its snippet on your website to start chatting with visitors.</p>
          ) : (
            <p>An owner or admin of this workspace can create one.</p>
          )}
        </EmptyState>
      ) : (
        <AssistantsTable assistants={assistants.data} />
      )}
    </>
  );
}
