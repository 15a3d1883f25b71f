import { useTranslation } from "react-i18next";
import type { KnowledgeSource } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";
import { failureSentence } from "../lib/failures";

const TONE = { queued: "neutral", processing: "neutral", ready: "active", failed: "danger" } as const;

/** Where a source's ingestion is. A failed one says why, worded from its code. */
export function StateBadge({ source }: { source: KnowledgeSource }) {
  const { t } = useTranslation();
  const format = useFormat();
  const busy = source.state === "queued" || source.state === "processing";
  return (
    <div className="source-state">
      <span className={`badge badge--${TONE[source.state]}`}>
        {busy && <span className="spinner spinner--inline" aria-hidden="true" />}
        {t(`knowledge.state.${source.state}`)}
      </span>
      {source.state === "failed" && source.failure && (
        <p className="source-state__reason">
          {t("knowledge.state.reason")} {failureSentence(source.failure, t, format.locale)}
        </p>
      )}
      {source.state === "failed" && source.chunk_count > 0 && <p className="source-state__note">{t("knowledge.state.keptChunks")}</p>}
    </div>
  );
}
