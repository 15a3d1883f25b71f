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
          <Alert tone="error" title="Couldn't refresh the figures">
            These are from the last successful update. We'll keep trying.
          </Alert>
        )}
        <ReportView report={report.data} updating={report.isPlaceholderData} />
      </>
    );
  } else if (!failed) {
    content = <Loading label="Loading analytics…" />;
  } else if (unknownAssistant) {
    content = (
      <EmptyState
        title="Assistant not found"
        action={
          <button type="button" className="button button--secondary" onClick={() => actions.setAssistant(null)}>
            Show all assistants
          </button>
        }
      >
        <p>It may have been deleted, or the link is from another workspace.</p>
      </EmptyState>
    );
  } else if (Object.keys(errors.fields).length > 0) {
    content = (
      <Alert tone="error" title="These settings can't be shown">
        Fix the setting marked above to see the figures.
      </Alert>
    );
  } else {
    content = <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  }

  return (
    <>
      <PageHeader
        title="Analytics"
        description="How visitors use your assistants: traffic, replies, tokens, cost and reply times."
        actions={canExport ? <ExportMenu query={query} /> : null}
      />
      <AnalyticsControls view={view} fieldErrors={errors.fields} {...actions} />
      {content}
    </>
  );
}
