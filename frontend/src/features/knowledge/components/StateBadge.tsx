import { useTranslation } from "react-i18next";
import type { KnowledgeSource } from "../../../api/types";

const TONE = { queued: "neutral", processing: "neutral", ready: "active", failed: "danger" } as const;

/**
 * Where a source's ingestion is. A failed one says why: the worker's sentence is
 * English only (it stores words, not a code), so it is marked as English.
 */
export function StateBadge({ source }: { source: KnowledgeSource }) {
  const { t } = useTranslation();
  const busy = source.state === "queued" || source.state === "processing";
  return (
    <div className="source-state">
      <span className={`badge badge--${TONE[source.state]}`}>
        {busy && <span className="spinner spinner--inline" aria-hidden="true" />}
        {t(`knowledge.state.${source.state}`)}
      </span>
      {source.state === "failed" && source.failure && (
        <p className="source-state__reason">
          {t("knowledge.state.reason")}{" "}
          <span lang="en">{source.failure}</span>
        </p>
      )}
      {source.state === "failed" && source.chunk_count > 0 && <p className="source-state__note">{t("knowledge.state.keptChunks")}</p>}
    </div>
  );
}
