import { Trans, useTranslation } from "react-i18next";
import type { AnalyticsReport } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";
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
  const { t } = useTranslation();
  const format = useFormat();
  const hasTraffic = report.summary.messages > 0 || report.summary.chats > 0;
  return (
    <div className={updating ? "report report--updating" : "report"} aria-busy={updating}>
      <div className="report__meta">
        <h2 className="report__range">{format.dayRange(report.from, report.to)}</h2>
        <p className="note">
          {report.timezone.replace(/_/g, " ")} ·{" "}
          {updating ? (
            t("analytics.report.updating")
          ) : (
            <Trans
              i18nKey="analytics.report.freshness"
              components={{ time: <time dateTime={report.generated_at}>{format.clock(report.generated_at)}</time> }}
            />
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
