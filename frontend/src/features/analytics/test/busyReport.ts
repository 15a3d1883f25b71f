import type { AnalyticsReport } from "../../../api/types";
import { analyticsReport, assistantUsage, dailyUsage, modelUsage, usageSummary } from "../../../test/fixtures";
import { SALES_BOT_ID } from "./analyticsServer";

/** A week with traffic on two days, two assistants (plus one deleted since) and two models, one unpriced. */
export function busyReport(): AnalyticsReport {
  const base = analyticsReport();
  return {
    ...base,
    total_assistants: 3,
    active_assistants: 2,
    total_chats: 420,
    total_messages: 9876,
    summary: usageSummary({
      chats: 12,
      messages: 340,
      visitor_messages: 170,
      agent_messages: 2,
      replies: 165,
      failed_replies: 3,
      failure_rate: 3 / 168,
      prompt_tokens: 120_000,
      completion_tokens: 34_567,
      estimated_cost_usd: 1.2345,
      latency: { samples: 165, average_ms: 842.4, p95_ms: 2310 },
    }),
    traffic_data: base.traffic_data.map((day) =>
      day.date === "2026-03-08"
        ? dailyUsage(day.date, { messages: 200, chats: 7 })
        : day.date === "2026-03-09"
          ? dailyUsage(day.date, { messages: 140, chats: 5 })
          : day,
    ),
    assistants: [
      assistantUsage({
        usage: usageSummary({
          messages: 300,
          replies: 150,
          failure_rate: 0.02,
          prompt_tokens: 100_000,
          completion_tokens: 30_000,
          estimated_cost_usd: 1.2,
          latency: { samples: 150, average_ms: 800, p95_ms: 2100 },
        }),
      }),
      assistantUsage({ assistant_id: SALES_BOT_ID, name: "Sales bot", usage: usageSummary({ messages: 40, replies: 15 }) }),
      assistantUsage({ assistant_id: "0193a1b2-0000-7000-8000-00000000a003", name: "(deleted assistant)", status: undefined }),
    ],
    models: [
      modelUsage({ replies: 150, prompt_tokens: 100_000, completion_tokens: 30_000, estimated_cost_usd: 1.2345 }),
      modelUsage({ model: "my-local-llama", replies: 15, prompt_tokens: 20_000, completion_tokens: 4_567 }),
    ],
  };
}
