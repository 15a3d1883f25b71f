import type { AnalyticsReport } from "../../../api/types";
import { formatClock, formatDayRange } from "../lib/format";
import { AssistantUsageTable } from "./AssistantUsageTable";
import { ModelUsageTable } from "./ModelUsageTable";
import { NoTraffic } from "./NoTraffic";
import { SummaryCards } from "./SummaryCards";
import { TrafficChart } from "./TrafficChart";

interface Props {
  report: AnalyticsReport;
  /** The figures are the previous settings' while the new ones load. */
  updating: boolean;
}

/** One report: the range, its figures, the per-day chart and the breakdowns. */
export function ReportView({ report, updating }: Props) {
  const hasTraffic = report.summary.messages > 0 || report.summary.chats > 0;
  return (
    <div className={updating ? "report report--updating" : "report"} aria-busy={updating}>
      <div className="report__meta">
        <h2 className="report__range">{formatDayRange(report.from, report.to)}</h2>
        <p className="note">
          {report.timezone.replace(/_/g, " ")} ·{" "}
          {updating ? (
            "Updating…"
          ) : (
            <>
              Figures are updated every few seconds; these are from{" "}
              <time dateTime={report.generated_at}>{formatClock(report.generated_at)}</time>.
            </>
          )}
        </p>
      </div>
      <SummaryCards report={report} />
      <TrafficChart days={report.traffic_data} />
      {hasTraffic ? (
        <div className="usage-grid">
          <AssistantUsageTable rows={report.assistants} />
          <ModelUsageTable rows={report.models} />
        </div>
      ) : (
        <NoTraffic hasAssistants={report.total_assistants > 0} />
      )}
    </div>
  );
}
