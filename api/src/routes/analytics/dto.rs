use chrono::{DateTime, NaiveDate, Utc};
use kremna_shared::{domain::AssistantStatus, ids::AssistantId};
use poem_openapi::{Enum, Object};

/// Usage of a workspace (or one assistant) over a range of local days.
#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct AnalyticsReport {
    /// First local day of the range.
    pub from: NaiveDate,
    /// Last local day of the range (inclusive).
    pub to: NaiveDate,
    /// IANA timezone the days are counted in.
    pub timezone: String,
    /// The assistant the report is limited to, if any.
    pub assistant_id: Option<AssistantId>,
    /// Assistants in the workspace now (1 when filtered).
    pub total_assistants: i64,
    /// Of those, how many are active (not paused).
    pub active_assistants: i64,
    /// Chats ever started (all time, like the original dashboard).
    pub total_chats: i64,
    /// Messages ever exchanged (all time): visitor, agent and final replies.
    pub total_messages: i64,
    /// Figures for the range.
    pub summary: UsageSummary,
    /// One entry per local day of the range, oldest first, zeros included.
    pub traffic_data: Vec<DailyUsage>,
    /// Usage per assistant in the range, busiest first.
    pub assistants: Vec<AssistantUsage>,
    /// Tokens and estimated cost per model in the range, costliest first.
    pub models: Vec<ModelUsage>,
    /// Rollups fold new messages in every few seconds (`ANALYTICS_ROLLUP_SCHEDULE`);
    /// figures are exact up to that lag.
    pub generated_at: DateTime<Utc>,
}

#[derive(Object, Default)]
#[oai(skip_serializing_if_is_none)]
pub struct UsageSummary {
    pub chats: i64,
    /// Visitor, agent and final (complete or failed) assistant messages.
    pub messages: i64,
    pub visitor_messages: i64,
    /// Messages written by human agents.
    pub agent_messages: i64,
    /// Completed assistant replies.
    pub replies: i64,
    pub failed_replies: i64,
    /// failed_replies / (replies + failed_replies); 0 when there were none.
    pub failure_rate: f64,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
    /// USD, from the price table (`MODEL_PRICES`); unpriced models count 0 and are
    /// listed in `models` with no cost.
    pub estimated_cost_usd: f64,
    pub latency: LatencyStats,
}

/// Time from a visitor's message to the completed reply.
#[derive(Object, Default)]
#[oai(skip_serializing_if_is_none)]
pub struct LatencyStats {
    /// Completed replies measured.
    pub samples: i64,
    /// Absent when there were no samples.
    pub average_ms: Option<f64>,
    /// 95th percentile, from a histogram: within its bin of the exact value
    /// (bins grow by ~25 %). Absent when there were no samples.
    pub p95_ms: Option<f64>,
}

#[derive(Object)]
pub struct DailyUsage {
    /// Local day.
    pub date: NaiveDate,
    pub chats: i64,
    pub messages: i64,
    pub visitor_messages: i64,
    pub replies: i64,
    pub failed_replies: i64,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
}

#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct AssistantUsage {
    pub assistant_id: AssistantId,
    pub name: String,
    /// Absent for an assistant deleted since (its usage leaves at the next rollup).
    pub status: Option<AssistantStatus>,
    pub usage: UsageSummary,
}

#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct ModelUsage {
    pub model: String,
    pub replies: i64,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
    /// Absent when the price table has no price for this model.
    pub estimated_cost_usd: Option<f64>,
}

/// What to export.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "lowercase")]
pub enum ExportKind {
    /// Every message created in the range, with tokens, latency and content.
    Messages,
    /// Hourly usage rollups (UTC hours) per assistant and model.
    Usage,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Ndjson,
}
