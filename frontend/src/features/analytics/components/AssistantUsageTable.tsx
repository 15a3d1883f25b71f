import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AssistantUsage } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";

function Name({ row }: { row: AssistantUsage }) {
  // No status: deleted since; its figures stay until the next rollup, but there's no page to open.
  if (!row.status) return <span className="table__muted">{row.name}</span>;
  return (
    <Link className="table__primary-link" to={`/assistants/${row.assistant_id}`}>
      <span className="table__title">{row.name}</span>
    </Link>
  );
}

/** Usage per assistant in the range, busiest first (the API's order). */
export function AssistantUsageTable({ rows }: { rows: AssistantUsage[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card usage-card" aria-labelledby="analytics-per-assistant">
      <header className="card__header card__header--row">
        <h2 className="card__title" id="analytics-per-assistant">
          {t("analytics.tables.byAssistant")}
        </h2>
      </header>
      {/* Wider than a phone: the scroll area takes keyboard focus so it can be scrolled without a mouse. */}
      <div className="usage-card__scroll" role="region" aria-labelledby="analytics-per-assistant" tabIndex={0}>
        <table className="table table--compact" aria-labelledby="analytics-per-assistant">
          <thead>
            <tr>
              <th scope="col">{t("analytics.tables.assistant")}</th>
              <th scope="col" className="table__num">
                {t("analytics.tables.messages")}
              </th>
              <th scope="col" className="table__num">
                {t("analytics.tables.replies")}
              </th>
              <th scope="col" className="table__num">
                {t("analytics.tables.failureRate")}
              </th>
              <th scope="col" className="table__num">
                {t("analytics.tables.tokens")}
              </th>
              <th scope="col" className="table__num">
                {t("analytics.tables.cost")}
              </th>
              <th scope="col" className="table__num">
                {t("analytics.tables.p95")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.assistant_id}>
                <td>
                  <Name row={row} />
                </td>
                <td className="table__num">{format.count(row.usage.messages)}</td>
                <td className="table__num">{format.count(row.usage.replies)}</td>
                <td className="table__num">{format.rate(row.usage.failure_rate)}</td>
                <td className="table__num">{format.count(row.usage.prompt_tokens + row.usage.completion_tokens)}</td>
                <td className="table__num">{format.usd(row.usage.estimated_cost_usd)}</td>
                <td className="table__num">{format.ms(row.usage.latency.p95_ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
