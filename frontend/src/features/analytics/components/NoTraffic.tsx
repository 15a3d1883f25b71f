import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../../components/States";

/** Nothing happened in the range: point at the one thing that makes traffic, the widget. */
export function NoTraffic({ hasAssistants }: { hasAssistants: boolean }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t("analytics.noTraffic.title")}
      action={
        <Link className="button button--secondary" to="/assistants">
          {hasAssistants ? t("analytics.noTraffic.getSnippet") : t("analytics.noTraffic.goAssistants")}
        </Link>
      }
    >
      <p>{hasAssistants ? t("analytics.noTraffic.withAssistants") : t("analytics.noTraffic.withoutAssistants")}</p>
    </EmptyState>
  );
}
