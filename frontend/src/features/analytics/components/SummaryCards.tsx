import type { AnalyticsReport } from "../../../api/types";
import { formatCount, formatMs, formatRate, formatUsd } from "../lib/format";
import { Stat } from "./Stat";

/** The range's figures, then the all-time totals the original dashboard showed. */
export function SummaryCards({ report }: { report: AnalyticsReport }) {
  const s = report.summary;
  const attempted = s.replies + s.failed_replies;
  return (
    <>
      <section className="stats-section" aria-labelledby="analytics-range-stats">
        <h2 className="visually-hidden" id="analytics-range-stats">
          In this range
        </h2>
        <dl className="stats">
          <Stat label="Chats" value={formatCount(s.chats)} hint="started in this range" />
          <Stat
            label="Messages"
            value={formatCount(s.messages)}
            hint={`${formatCount(s.visitor_messages)} from visitors · ${formatCount(s.agent_messages)} from agents`}
          />
          <Stat label="Replies" value={formatCount(s.replies)} hint={`${formatCount(s.failed_replies)} failed`} />
          <Stat
            label="Failure rate"
            value={formatRate(s.failure_rate)}
            hint={attempted === 1 ? "of 1 reply attempted" : `of ${formatCount(attempted)} replies attempted`}
          />
          <Stat
            label="Tokens"
            value={formatCount(s.prompt_tokens + s.completion_tokens)}
            hint={`${formatCount(s.prompt_tokens)} prompt · ${formatCount(s.completion_tokens)} completion`}
          />
          <Stat label="Estimated cost" value={formatUsd(s.estimated_cost_usd)} hint="from the configured model prices" />
          <Stat
            label="Average reply time"
            value={formatMs(s.latency.average_ms)}
            hint={s.latency.samples === 1 ? "1 reply measured" : `${formatCount(s.latency.samples)} replies measured`}
          />
          <Stat label="95th percentile reply time" value={formatMs(s.latency.p95_ms)} hint="95 % of replies were faster" />
        </dl>
      </section>
      <section className="stats-section" aria-labelledby="analytics-all-time">
        <h2 className="section-title" id="analytics-all-time">
          All time
        </h2>
        <dl className="stats stats--compact">
          <Stat label="Total chats" value={formatCount(report.total_chats)} />
          <Stat label="Total messages" value={formatCount(report.total_messages)} />
          <Stat
            label="Assistants"
            value={formatCount(report.total_assistants)}
            hint={`${formatCount(report.active_assistants)} active`}
          />
        </dl>
      </section>
    </>
  );
}
