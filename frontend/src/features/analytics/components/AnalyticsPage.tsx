import { useTranslation } from "react-i18next";
import { ApiError, toFormErrors } from "../../../api/errors";
import { Alert } from "../../../components/Alert";
import { PageHeader } from "../../../components/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useCanManage } from "../../auth/hooks/useSession";
import { useAnalyticsReport } from "../api/analytics";
import { toQuery, useAnalyticsView } from "../hooks/useAnalyticsView";
import { AnalyticsControls } from "./AnalyticsControls";
import { ExportMenu } from "./ExportMenu";
import { ReportView } from "./ReportView";

/** The query parameters the controls show, so a 422 about them lands next to them. */
const CONTROL_FIELDS = new Set(["from", "to", "timezone"]);

export function AnalyticsPage() {
  const { t } = useTranslation();
  const { view, ...actions } = useAnalyticsView();
  const query = toQuery(view);
  const report = useAnalyticsReport(query);
  // Exports need an admin (the API answers 403 to agents); reading the report doesn't.
  const canExport = useCanManage();

  const failed = report.isError && !report.data;
  const errors = failed ? toFormErrors(report.error, (field) => CONTROL_FIELDS.has(field)) : { fields: {}, form: null };
  const unknownAssistant = failed && report.error instanceof ApiError && report.error.isNotFound && view.assistantId !== null;

  let content;
  if (report.data) {
    content = (
      <>
        {report.isError && (
          <Alert tone="error" title={t("analytics.refreshFailed")}>
            {t("analytics.refreshFailedText")}
          </Alert>
        )}
        <ReportView report={report.data} updating={report.isPlaceholderData} />
      </>
    );
  } else if (!failed) {
    content = <Loading label={t("analytics.loading")} />;
  } else if (unknownAssistant) {
    content = (
      <EmptyState
        title={t("analytics.unknownAssistant")}
        action={
          <button type="button" className="button button--secondary" onClick={() => actions.setAssistant(null)}>
            {t("analytics.showAll")}
          </button>
        }
      >
        <p>{t("analytics.unknownAssistantText")}</p>
      </EmptyState>
    );
  } else if (Object.keys(errors.fields).length > 0) {
    content = (
      <Alert tone="error" title={t("analytics.badSettings")}>
        {t("analytics.badSettingsText")}
      </Alert>
    );
  } else {
    content = <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  }

  return (
    <>
      <PageHeader
        title={t("analytics.title")}
        description={t("analytics.description")}
        actions={canExport ? <ExportMenu query={query} /> : null}
      />
      <AnalyticsControls view={view} fieldErrors={errors.fields} {...actions} />
      {content}
    </>
  );
}
