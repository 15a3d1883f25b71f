import { useTranslation } from "react-i18next";
import type { Assistant, KnowledgeSource } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";
import { PageHeader } from "../../../components/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useCanManage } from "../../auth/hooks/useSession";
import { useAssistants } from "../../assistants/api/assistants";
import { useSources } from "../api/sources";
import { isSettled } from "../lib/states";
import { AddSourceForm } from "./AddSourceForm";
import { SourcesTable } from "./SourcesTable";
import { TryIt } from "./TryIt";

function SourcesCard({ sources, assistants, canManage }: { sources: KnowledgeSource[]; assistants: Assistant[]; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const busy = sources.filter((s) => !isSettled(s.state)).length;
  return (
    <section className="card" aria-labelledby="sources-title">
      <div className="card__header card__header--row">
        <h2 className="card__title" id="sources-title">
          {t("knowledge.sources.title")}
        </h2>
        {/* Announced as the worker moves sources along (the list polls meanwhile). */}
        <span className="card__subtitle" role="status">
          {busy > 0 ? t("knowledge.sources.working", { count: busy, n: format.count(busy) }) : t("knowledge.sources.count", { count: sources.length, n: format.count(sources.length) })}
        </span>
      </div>
      {sources.length === 0 ? (
        <EmptyState title={t("knowledge.sources.emptyTitle")}>
          <p>{canManage ? t("knowledge.sources.emptyBody") : t("knowledge.sources.emptyAgent")}</p>
        </EmptyState>
      ) : (
        <SourcesTable sources={sources} assistants={assistants} canManage={canManage} />
      )}
    </section>
  );
}

/** The first assistant that answers from any source: what "try it" starts with. */
function firstWithSources(assistants: Assistant[], sources: KnowledgeSource[]): string | undefined {
  return assistants.find((a) => sources.some((s) => s.assistant_ids.includes(a.id)))?.id;
}

/** Knowledge: the sources assistants answer from, adding them, and trying retrieval. */
export function KnowledgePage() {
  const { t } = useTranslation();
  const canManage = useCanManage();
  const sources = useSources();
  const assistants = useAssistants();

  const header = <PageHeader title={t("knowledge.title")} description={t("knowledge.description")} />;
  if (sources.isPending || assistants.isPending) {
    return (
      <>
        {header}
        <Loading label={t("knowledge.loading")} />
      </>
    );
  }
  if (sources.isError || assistants.isError) {
    return (
      <>
        {header}
        <ErrorState
          error={sources.error ?? assistants.error}
          onRetry={() => {
            void sources.refetch();
            void assistants.refetch();
          }}
        />
      </>
    );
  }
  return (
    <>
      {header}
      <div className="stack">
        <SourcesCard sources={sources.data} assistants={assistants.data} canManage={canManage} />
        <div className="split split--even">
          {canManage && <AddSourceForm assistants={assistants.data} />}
          {assistants.data.length > 0 && <TryIt assistants={assistants.data} preferred={firstWithSources(assistants.data, sources.data)} />}
        </div>
      </div>
    </>
  );
}
