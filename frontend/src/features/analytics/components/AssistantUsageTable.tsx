import { Link } from "react-router";
import type { AssistantUsage } from "../../../api/types";
import { formatCount, formatMs, formatRate, formatUsd } from "../lib/format";

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
  return (
    <section className="card usage-card" aria-labelledby="analytics-per-assistant">
      <header className="card__header card__header--row">
        <h2 className="card__title" id="analytics-per-assistant">
          By assistant
        </h2>
      </header>
      <div className="usage-card__scroll">
        <table className="table table--compact" aria-labelledby="analytics-per-assistant">
          <thead>
            <tr>
              <th scope="col">Assistant</th>
              <th scope="col" className="table__num">
                Messages
              </th>
              <th scope="col" className="table__num">
                Replies
              </th>
              <th scope="col" className="table__num">
                Failure rate
              </th>
              <th scope="col" className="table__num">
                Tokens
              </th>
              <th scope="col" className="table__num">
                Est. cost
              </th>
              <th scope="col" className="table__num">
                p95 reply time
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.assistant_id}>
                <td>
                  <Name row={row} />
                </td>
                <td className="table__num">{formatCount(row.usage.messages)}</td>
                <td className="table__num">{formatCount(row.usage.replies)}</td>
                <td className="table__num">{formatRate(row.usage.failure_rate)}</td>
                <td className="table__num">{formatCount(row.usage.prompt_tokens + row.usage.completion_tokens)}</td>
                <td className="table__num">{formatUsd(row.usage.estimated_cost_usd)}</td>
                <td className="table__num">{formatMs(row.usage.latency.p95_ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
