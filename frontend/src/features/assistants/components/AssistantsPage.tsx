import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Assistant } from "../../../api/types";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useCanManage } from "../../auth/hooks/useSession";
import { useAssistants } from "../api/assistants";
import { StatusBadge } from "./StatusBadge";

const initialOf = (name: string) => name.trim().charAt(0).toLocaleUpperCase() || "?";

function NewAssistantLink() {
  const { t } = useTranslation();
  return (
    <Link className="button button--primary" to="/assistants/new">
      <span aria-hidden="true">+</span> {t("assistants.new")}
    </Link>
  );
}

/**
 * One row per assistant. On phones the rows become stacked cards (CSS), each
 * cell labelled by its column through `data-label`, so nothing scrolls sideways.
 */
function AssistantsTable({ assistants }: { assistants: Assistant[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap table-wrap--cards">
      <table className="table table--cards" aria-label={t("assistants.table.label")}>
        <thead>
          <tr>
            <th scope="col">{t("assistants.table.name")}</th>
            <th scope="col">{t("assistants.table.model")}</th>
            <th scope="col">{t("assistants.table.status")}</th>
            <th scope="col">{t("assistants.table.updated")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("assistants.table.chats")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {assistants.map((a) => (
            <tr key={a.id}>
              <td className="table__cell--primary">
                <Link className="table__primary-link" to={`/assistants/${a.id}`}>
                  <span className="avatar" style={{ background: a.theme.primary_color }} aria-hidden="true">
                    {initialOf(a.name)}
                  </span>
                  <span className="table__primary-text">
                    <span className="table__title">{a.name}</span>
                    {a.description && <span className="table__secondary">{a.description}</span>}
                  </span>
                </Link>
              </td>
              <td data-label={t("assistants.table.model")}>
                <code className="mono-chip">{a.model}</code>
              </td>
              <td data-label={t("assistants.table.status")}>
                <StatusBadge status={a.status} />
              </td>
              <td className="table__muted" data-label={t("assistants.table.updated")}>
                <RelativeTime value={a.updated_at} />
              </td>
              <td className="table__actions">
                <Link className="button button--ghost button--small" to={`/chats?assistant=${a.id}`} aria-label={t("assistants.table.chatsOf", { name: a.name })}>
                  {t("assistants.table.chats")}
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
  const { t } = useTranslation();
  const assistants = useAssistants();
  const canManage = useCanManage();

  return (
    <>
      <PageHeader
        title={t("assistants.title")}
        description={t("assistants.description")}
        actions={canManage && assistants.data && assistants.data.length > 0 ? <NewAssistantLink /> : null}
      />
      {assistants.isPending ? (
        <Loading label={t("assistants.loading")} />
      ) : assistants.isError ? (
        <ErrorState error={assistants.error} onRetry={() => void assistants.refetch()} />
      ) : assistants.data.length === 0 ? (
        <EmptyState title={t("assistants.empty.title")} action={canManage ? <NewAssistantLink /> : null}>
          <p>{canManage ? t("assistants.empty.manage") : t("assistants.empty.readOnly")}</p>
        </EmptyState>
      ) : (
        <AssistantsTable assistants={assistants.data} />
      )}
    </>
  );
}
