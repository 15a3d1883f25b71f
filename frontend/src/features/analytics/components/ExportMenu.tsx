import { useId, useState } from "react";
import { describeError } from "../../../api/errors";
import type { AnalyticsQuery, ExportFormat, ExportKind } from "../../../api/types";
import { useExportAnalytics } from "../api/export";

const FORMAT_LABEL: Record<ExportFormat, string> = { csv: "CSV", ndjson: "NDJSON" };
const KINDS: { kind: ExportKind; label: string }[] = [
  { kind: "messages", label: "Export messages" },
  { kind: "usage", label: "Export usage" },
];

/** Downloads of the shown range (owners and admins only; the page decides). */
export function ExportMenu({ query }: { query: AnalyticsQuery }) {
  const [format, setFormat] = useState<ExportFormat>("csv");
  const exporting = useExportAnalytics();
  const formatId = useId();
  const pendingKind = exporting.isPending ? exporting.variables.kind : null;

  return (
    <div className="export" role="group" aria-label="Export">
      <label className="visually-hidden" htmlFor={formatId}>
        Export format
      </label>
      <select
        id={formatId}
        className="input select select--small"
        value={format}
        onChange={(e) => setFormat(e.target.value === "ndjson" ? "ndjson" : "csv")}
      >
        <option value="csv">CSV</option>
        <option value="ndjson">NDJSON</option>
      </select>
      {KINDS.map(({ kind, label }) => (
        <button
          key={kind}
          type="button"
          className="button button--secondary button--small"
          disabled={exporting.isPending}
          aria-busy={pendingKind === kind}
          onClick={() => exporting.mutate({ ...query, kind, format })}
        >
          {pendingKind === kind ? "Preparing…" : `${label} (${FORMAT_LABEL[format]})`}
        </button>
      ))}
      {exporting.isError && (
        <p className="field__error export__error" role="alert">
          {describeError(exporting.error)}
        </p>
      )}
    </div>
  );
}
