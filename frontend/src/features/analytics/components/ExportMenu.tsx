import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { AnalyticsQuery, ExportFormat, ExportKind } from "../../../api/types";
import { useMessageText } from "../../../i18n/message";
import { useExportAnalytics } from "../api/export";

const FORMAT_LABEL: Record<ExportFormat, string> = { csv: "CSV", ndjson: "NDJSON" };
const KINDS: ExportKind[] = ["messages", "usage"];

/** Downloads of the shown range (owners and admins only; the page decides). */
export function ExportMenu({ query }: { query: AnalyticsQuery }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const [format, setFormat] = useState<ExportFormat>("csv");
  const exporting = useExportAnalytics();
  const formatId = useId();
  const pendingKind = exporting.isPending ? exporting.variables.kind : null;

  return (
    <div className="export" role="group" aria-label={t("analytics.export.label")}>
      <label className="visually-hidden" htmlFor={formatId}>
        {t("analytics.export.format")}
      </label>
      <select
        id={formatId}
        className="input select select--small"
        value={format}
        onChange={(e) => setFormat(e.target.value === "ndjson" ? "ndjson" : "csv")}
      >
        <option value="csv">{FORMAT_LABEL.csv}</option>
        <option value="ndjson">{FORMAT_LABEL.ndjson}</option>
      </select>
      {KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className="button button--secondary button--small"
          disabled={exporting.isPending}
          aria-busy={pendingKind === kind}
          onClick={() => exporting.mutate({ ...query, kind, format })}
        >
          {pendingKind === kind ? t("analytics.export.preparing") : t(`analytics.export.${kind}`, { format: FORMAT_LABEL[format] })}
        </button>
      ))}
      {exporting.isError && (
        <p className="field__error export__error" role="alert">
          {text(describeError(exporting.error))}
        </p>
      )}
    </div>
  );
}
