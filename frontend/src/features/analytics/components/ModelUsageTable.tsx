import type { ModelUsage } from "../../../api/types";
import { formatCount, formatUsd } from "../lib/format";

/** Tokens and cost per model, costliest first (the API's order). */
export function ModelUsageTable({ rows }: { rows: ModelUsage[] }) {
  return (
    <section className="card usage-card" aria-labelledby="analytics-per-model">
      <header className="card__header card__header--row">
        <h2 className="card__title" id="analytics-per-model">
          By model
        </h2>
      </header>
      {rows.length === 0 ? (
        <p className="card__body table__muted">No replies in this range.</p>
      ) : (
        <div className="usage-card__scroll">
          <table className="table table--compact" aria-labelledby="analytics-per-model">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="table__num">
                  Replies
                </th>
                <th scope="col" className="table__num">
                  Prompt tokens
                </th>
                <th scope="col" className="table__num">
                  Completion tokens
                </th>
                <th scope="col" className="table__num">
                  Est. cost
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.model}>
                  <td>
                    <code className="mono-chip">{row.model}</code>
                  </td>
                  <td className="table__num">{formatCount(row.replies)}</td>
                  <td className="table__num">{formatCount(row.prompt_tokens)}</td>
                  <td className="table__num">{formatCount(row.completion_tokens)}</td>
                  <td className="table__num">
                    {typeof row.estimated_cost_usd !== "number" ? (
                      // Absent (or null): the server's price table (MODEL_PRICES) has nothing for this model.
                      <span className="table__muted" title="No price is configured for this model on the server">
                        No price
                      </span>
                    ) : (
                      formatUsd(row.estimated_cost_usd)
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
