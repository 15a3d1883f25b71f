//! Usage rollups: folding a tenant's pending changes into hour and day buckets, and
//! reading the buckets back. See `migrations/*_usage_rollups.sql` for why a recount of
//! the dirty buckets is exact under retries, late messages and concurrent passes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, DurationRound, Utc};
use sqlx::types::Json;

use crate::{
    analytics::LATENCY_BOUNDS_MS,
    db::{RepoError, TenantTx},
    ids::AssistantId,
};

/// What one pass did for one tenant.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RollupOutcome {
    /// Another pass holds this tenant right now; its changes wait for the next one.
    pub skipped: bool,
    pub changes: u64,
    pub hours: usize,
    pub days: usize,
}

/// Recounts every bucket of `starts` (hour or day starts) from the raw rows.
const RECOUNT: &str = "
INSERT INTO usage_rollups (
    tenant_id, granularity, bucket_start, assistant_id, model, chats_started,
    visitor_messages, agent_messages, replies, failed_replies, prompt_tokens,
    completion_tokens, latency_count, latency_sum_ms, latency_histogram)
SELECT $1, $2::usage_granularity, bucket, assistant_id, model, sum(chats), sum(visitor),
       sum(agent), sum(replies), sum(failed), sum(prompt), sum(completion), sum(timed),
       sum(timed_ms),
       coalesce(jsonb_object_agg(bin, timed) FILTER (WHERE bin IS NOT NULL), '{}'::jsonb)
FROM (
    SELECT b.start AS bucket, c.assistant_id,
           CASE WHEN m.role = 'assistant' THEN coalesce(m.model, '') ELSE '' END AS model,
           CASE WHEN m.role = 'assistant' AND m.status = 'complete' AND m.latency_ms IS NOT NULL
                THEN width_bucket(m.latency_ms, $5::int[]) END AS bin,
           0::bigint AS chats,
           count(*) FILTER (WHERE m.role = 'user') AS visitor,
           count(*) FILTER (WHERE m.role = 'agent') AS agent,
           count(*) FILTER (WHERE m.role = 'assistant' AND m.status = 'complete') AS replies,
           count(*) FILTER (WHERE m.role = 'assistant' AND m.status = 'failed') AS failed,
           coalesce(sum(m.prompt_tokens) FILTER (WHERE m.role = 'assistant'), 0) AS prompt,
           coalesce(sum(m.completion_tokens) FILTER (WHERE m.role = 'assistant'), 0) AS completion,
           count(*) FILTER (WHERE m.role = 'assistant' AND m.status = 'complete'
                            AND m.latency_ms IS NOT NULL) AS timed,
           coalesce(sum(m.latency_ms) FILTER (WHERE m.role = 'assistant'
                            AND m.status = 'complete'), 0) AS timed_ms
    FROM unnest($3::timestamptz[]) AS b(start)
    JOIN messages m ON m.tenant_id = $1
                   AND m.created_at >= b.start AND m.created_at < b.start + $4::interval
    JOIN chats c ON c.tenant_id = $1 AND c.id = m.chat_id
    WHERE usage_counts(m.role, m.status)
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT b.start, c.assistant_id, '', NULL, count(*), 0, 0, 0, 0, 0, 0, 0, 0
    FROM unnest($3::timestamptz[]) AS b(start)
    JOIN chats c ON c.tenant_id = $1
                AND c.created_at >= b.start AND c.created_at < b.start + $4::interval
    GROUP BY 1, 2
) counted
GROUP BY bucket, assistant_id, model";

/// Folds the tenant's pending changes into its rollups. Exact whatever runs alongside:
/// see the migration for the argument.
pub async fn roll_up(tx: &mut TenantTx) -> Result<RollupOutcome, RepoError> {
    let tenant = tx.tenant_id();
    // One pass per tenant at a time: two passes recounting the same hour could commit in
    // the wrong order and leave the older count. A busy tenant is simply skipped.
    let locked: bool =
        sqlx::query_scalar("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(format!("kremna.usage_rollup:{tenant}"))
            .fetch_one(tx.conn())
            .await?;
    if !locked {
        return Ok(RollupOutcome {
            skipped: true,
            ..RollupOutcome::default()
        });
    }
    let changed: Vec<DateTime<Utc>> =
        sqlx::query_scalar("DELETE FROM usage_changes WHERE tenant_id = $1 RETURNING hour")
            .bind(tenant)
            .fetch_all(tx.conn())
            .await?;
    if changed.is_empty() {
        return Ok(RollupOutcome::default());
    }
    let hours: BTreeSet<DateTime<Utc>> = changed.iter().copied().collect();
    let days: BTreeSet<DateTime<Utc>> = hours.iter().map(|h| start_of_day(*h)).collect();
    let hours: Vec<_> = hours.into_iter().collect();
    let days: Vec<_> = days.into_iter().collect();

    sqlx::query(
        "DELETE FROM usage_rollups WHERE tenant_id = $1
           AND ((granularity = 'hour' AND bucket_start = ANY($2))
             OR (granularity = 'day' AND bucket_start = ANY($3)))",
    )
    .bind(tenant)
    .bind(&hours)
    .bind(&days)
    .execute(tx.conn())
    .await?;
    for (granularity, starts, width) in [("hour", &hours, "1 hour"), ("day", &days, "1 day")] {
        sqlx::query(RECOUNT)
            .bind(tenant)
            .bind(granularity)
            .bind(starts)
            .bind(width)
            .bind(LATENCY_BOUNDS_MS.as_slice())
            .execute(tx.conn())
            .await?;
    }
    Ok(RollupOutcome {
        skipped: false,
        changes: changed.len() as u64,
        hours: hours.len(),
        days: days.len(),
    })
}

/// Marks every hour that has chats or messages dirty, so the next pass recounts the
/// tenant from scratch (after the latency bins change, or to repair by hand).
pub async fn mark_all_dirty(tx: &mut TenantTx) -> Result<u64, RepoError> {
    let tenant = tx.tenant_id();
    let result = sqlx::query(
        "INSERT INTO usage_changes (tenant_id, hour)
         SELECT $1, hour FROM (
             SELECT DISTINCT date_trunc('hour', created_at, 'UTC') AS hour
             FROM messages WHERE tenant_id = $1
             UNION
             SELECT DISTINCT date_trunc('hour', created_at, 'UTC') FROM chats WHERE tenant_id = $1
         ) h",
    )
    .bind(tenant)
    .execute(tx.conn())
    .await?;
    Ok(result.rows_affected())
}

pub fn start_of_day(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::days(1)).unwrap_or(t)
}

pub fn start_of_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::hours(1)).unwrap_or(t)
}

/// The figures every rollup row carries.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct UsageFigures {
    pub chats_started: i64,
    pub visitor_messages: i64,
    pub agent_messages: i64,
    pub replies: i64,
    pub failed_replies: i64,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
    pub latency_count: i64,
    pub latency_sum_ms: i64,
}

impl UsageFigures {
    pub fn add(&mut self, other: &Self) {
        self.chats_started += other.chats_started;
        self.visitor_messages += other.visitor_messages;
        self.agent_messages += other.agent_messages;
        self.replies += other.replies;
        self.failed_replies += other.failed_replies;
        self.prompt_tokens += other.prompt_tokens;
        self.completion_tokens += other.completion_tokens;
        self.latency_count += other.latency_count;
        self.latency_sum_ms += other.latency_sum_ms;
    }

    /// Messages as the dashboard counts them: visitor, agent and final replies.
    pub fn messages(&self) -> i64 {
        self.visitor_messages + self.agent_messages + self.replies + self.failed_replies
    }
}

/// One rollup row, with the assistant and model it belongs to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UsageRow {
    pub bucket_start: DateTime<Utc>,
    pub assistant_id: AssistantId,
    pub model: String,
    #[sqlx(flatten)]
    pub figures: UsageFigures,
    pub latency_histogram: Json<BTreeMap<String, i64>>,
}

const ROW_COLUMNS: &str = "bucket_start, assistant_id, model, chats_started, visitor_messages, \
    agent_messages, replies, failed_replies, prompt_tokens, completion_tokens, latency_count, \
    latency_sum_ms, latency_histogram";

/// A half-open range of bucket starts at one granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub day: bool,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// Every rollup row in `spans` (which must not overlap), optionally for one assistant.
pub async fn rows(
    tx: &mut TenantTx,
    spans: &[Span],
    assistant: Option<AssistantId>,
) -> Result<Vec<UsageRow>, RepoError> {
    let tenant = tx.tenant_id();
    let mut out = Vec::new();
    for span in spans.iter().filter(|s| s.from < s.to) {
        let mut rows: Vec<UsageRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS} FROM usage_rollups
             WHERE tenant_id = $1 AND granularity = $2::usage_granularity
               AND bucket_start >= $3 AND bucket_start < $4
               AND ($5::uuid IS NULL OR assistant_id = $5)"
        )))
        .bind(tenant)
        .bind(if span.day { "day" } else { "hour" })
        .bind(span.from)
        .bind(span.to)
        .bind(assistant)
        .fetch_all(tx.conn())
        .await?;
        out.append(&mut rows);
    }
    Ok(out)
}

/// Figures per bucket start (all assistants and models added up) in `span`.
pub async fn series(
    tx: &mut TenantTx,
    span: Span,
    assistant: Option<AssistantId>,
) -> Result<Vec<(DateTime<Utc>, UsageFigures)>, RepoError> {
    #[derive(sqlx::FromRow)]
    struct Point {
        bucket_start: DateTime<Utc>,
        #[sqlx(flatten)]
        figures: UsageFigures,
    }
    let tenant = tx.tenant_id();
    let points: Vec<Point> = sqlx::query_as(
        "SELECT bucket_start,
                sum(chats_started)::bigint AS chats_started,
                sum(visitor_messages)::bigint AS visitor_messages,
                sum(agent_messages)::bigint AS agent_messages,
                sum(replies)::bigint AS replies,
                sum(failed_replies)::bigint AS failed_replies,
                sum(prompt_tokens)::bigint AS prompt_tokens,
                sum(completion_tokens)::bigint AS completion_tokens,
                sum(latency_count)::bigint AS latency_count,
                sum(latency_sum_ms)::bigint AS latency_sum_ms
         FROM usage_rollups
         WHERE tenant_id = $1 AND granularity = $2::usage_granularity
           AND bucket_start >= $3 AND bucket_start < $4
           AND ($5::uuid IS NULL OR assistant_id = $5)
         GROUP BY bucket_start ORDER BY bucket_start",
    )
    .bind(tenant)
    .bind(if span.day { "day" } else { "hour" })
    .bind(span.from)
    .bind(span.to)
    .bind(assistant)
    .fetch_all(tx.conn())
    .await?;
    Ok(points
        .into_iter()
        .map(|p| (p.bucket_start, p.figures))
        .collect())
}

/// All-time chats and messages (the original dashboard's totals), from day buckets.
pub async fn all_time(
    tx: &mut TenantTx,
    assistant: Option<AssistantId>,
) -> Result<UsageFigures, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT coalesce(sum(chats_started), 0)::bigint AS chats_started,
                coalesce(sum(visitor_messages), 0)::bigint AS visitor_messages,
                coalesce(sum(agent_messages), 0)::bigint AS agent_messages,
                coalesce(sum(replies), 0)::bigint AS replies,
                coalesce(sum(failed_replies), 0)::bigint AS failed_replies,
                coalesce(sum(prompt_tokens), 0)::bigint AS prompt_tokens,
                coalesce(sum(completion_tokens), 0)::bigint AS completion_tokens,
                coalesce(sum(latency_count), 0)::bigint AS latency_count,
                coalesce(sum(latency_sum_ms), 0)::bigint AS latency_sum_ms
         FROM usage_rollups
         WHERE tenant_id = $1 AND granularity = 'day'
           AND ($2::uuid IS NULL OR assistant_id = $2)",
    )
    .bind(tenant)
    .bind(assistant)
    .fetch_one(tx.conn())
    .await?)
}

/// One hour of usage for the export, keyed for keyset paging by (hour, assistant, model).
pub async fn export_page(
    tx: &mut TenantTx,
    span: Span,
    assistant: Option<AssistantId>,
    after: Option<&(DateTime<Utc>, AssistantId, String)>,
    limit: i64,
) -> Result<Vec<UsageRow>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ROW_COLUMNS} FROM usage_rollups
         WHERE tenant_id = $1 AND granularity = $2::usage_granularity
           AND bucket_start >= $3 AND bucket_start < $4
           AND ($5::uuid IS NULL OR assistant_id = $5)
           AND ($6::timestamptz IS NULL OR (bucket_start, assistant_id, model) > ($6, $7, $8))
         ORDER BY bucket_start, assistant_id, model
         LIMIT $9"
    )))
    .bind(tenant)
    .bind(if span.day { "day" } else { "hour" })
    .bind(span.from)
    .bind(span.to)
    .bind(assistant)
    .bind(after.map(|a| a.0))
    .bind(after.map(|a| a.1))
    .bind(after.map(|a| a.2.as_str()))
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}
