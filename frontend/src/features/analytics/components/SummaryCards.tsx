import { useTranslation } from "react-i18next";
import type { AnalyticsReport } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";
import { Stat } from "./Stat";

/** The range's figures, then the all-time totals the original dashboard showed. */
export function SummaryCards({ report }: { report: AnalyticsReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const s = report.summary;
  const attempted = s.replies + s.failed_replies;
  const counted = (count: number) => ({ count, n: format.count(count) });
  return (
    <>
      <section className="stats-section" aria-labelledby="analytics-range-stats">
        <h2 className="visually-hidden" id="analytics-range-stats">
          {t("analytics.summary.inRange")}
        </h2>
        <dl className="stats">
          <Stat label={t("analytics.summary.chats")} value={format.count(s.chats)} hint={t("analytics.summary.chatsHint")} />
          <Stat
            label={t("analytics.summary.messages")}
            value={format.count(s.messages)}
            hint={t("analytics.summary.messagesHint", { visitors: format.count(s.visitor_messages), agents: format.count(s.agent_messages) })}
          />
          <Stat label={t("analytics.summary.replies")} value={format.count(s.replies)} hint={t("analytics.summary.repliesHint", counted(s.failed_replies))} />
          <Stat label={t("analytics.summary.failureRate")} value={format.rate(s.failure_rate)} hint={t("analytics.summary.failureRateHint", counted(attempted))} />
          <Stat
            label={t("analytics.summary.tokens")}
            value={format.count(s.prompt_tokens + s.completion_tokens)}
            hint={t("analytics.summary.tokensHint", { prompt: format.count(s.prompt_tokens), completion: format.count(s.completion_tokens) })}
          />
          <Stat label={t("analytics.summary.cost")} value={format.usd(s.estimated_cost_usd)} hint={t("analytics.summary.costHint")} />
          <Stat
            label={t("analytics.summary.averageReply")}
            value={format.ms(s.latency.average_ms)}
            hint={t("analytics.summary.averageReplyHint", counted(s.latency.samples))}
          />
          <Stat label={t("analytics.summary.p95")} value={format.ms(s.latency.p95_ms)} hint={t("analytics.summary.p95Hint", { share: format.rate(0.95) })} />
        </dl>
      </section>
      <section className="stats-section" aria-labelledby="analytics-all-time">
        <h2 className="section-title" id="analytics-all-time">
          {t("analytics.summary.allTime")}
        </h2>
        <dl className="stats stats--compact">
          <Stat label={t("analytics.summary.totalChats")} value={format.count(report.total_chats)} />
          <Stat label={t("analytics.summary.totalMessages")} value={format.count(report.total_messages)} />
          <Stat
            label={t("analytics.summary.assistants")}
            value={format.count(report.total_assistants)}
            hint={t("analytics.summary.activeHint", { n: format.count(report.active_assistants) })}
          />
        </dl>
      </section>
    </>
  );
}
