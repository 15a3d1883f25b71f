import { useTranslation } from "react-i18next";
import type { ModelUsage } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";

/** Tokens and cost per model, costliest first (the API's order). */
export function ModelUsageTable({ rows }: { rows: ModelUsage[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card usage-card" aria-labelledby="analytics-per-model">
      <header className="card__header card__header--row">
        <h2 className="card__title" id="analytics-per-model">
          {t("analytics.tables.byModel")}
        </h2>
      </header>
      {rows.length === 0 ? (
        <p className="card__body table__muted">{t("analytics.tables.noReplies")}</p>
      ) : (
        <div className="usage-card__scroll" role="region" aria-labelledby="analytics-per-model" tabIndex={0}>
          <table className="table table--compact" aria-labelledby="analytics-per-model">
            <thead>
              <tr>
                <th scope="col">{t("analytics.tables.model")}</th>
                <th scope="col" className="table__num">
                  {t("analytics.tables.replies")}
                </th>
                <th scope="col" className="table__num">
                  {t("analytics.tables.promptTokens")}
                </th>
                <th scope="col" className="table__num">
                  {t("analytics.tables.completionTokens")}
                </th>
                <th scope="col" className="table__num">
                  {t("analytics.tables.cost")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.model}>
                  <td>
                    <code className="mono-chip">{row.model}</code>
                  </td>
                  <td className="table__num">{format.count(row.replies)}</td>
                  <td className="table__num">{format.count(row.prompt_tokens)}</td>
                  <td className="table__num">{format.count(row.completion_tokens)}</td>
                  <td className="table__num">
                    {typeof row.estimated_cost_usd !== "number" ? (
                      // Absent (or null): the server's price table (MODEL_PRICES) has nothing for this model.
                      <span className="table__muted" title={t("analytics.tables.noPriceTitle")}>
                        {t("analytics.tables.noPrice")}
                      </span>
                    ) : (
                      format.usd(row.estimated_cost_usd)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
