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

/// Recounts the hours `[starts[i], ends[i])` from the raw rows. Each hour is an index
/// range scan of its own: `OFFSET 0` keeps Postgres from flattening the LATERAL
/// subqueries into one join, which it would plan for ~10 hours and run as a scan of
/// every message of the tenant per hour. The ends come precomputed because under
/// row-level security a bound like `b.start + interval` (a non-leakproof function of a
/// column) cannot become an index condition: each bucket would read to the end of the
/// tenant's rows (36 s instead of 1 s for a 90-day rebuild).
const RECOUNT: &str = "
INSERT INTO usage_rollups (
    tenant_id, granularity, bucket_start, assistant_id, model, chats_started,
    visitor_messages, agent_messages, replies, failed_replies, prompt_tokens,
    completion_tokens, latency_count, latency_sum_ms, latency_histogram)
SELECT $1, 'hour', bucket, assistant_id, model, sum(chats), sum(visitor),
       sum(agent), sum(replies), sum(failed), sum(prompt), sum(completion), sum(timed),
       sum(timed_ms),
       coalesce(jsonb_object_agg(bin, timed) FILTER (WHERE bin IS NOT NULL), '{}'::jsonb)
FROM (
    SELECT b.start AS bucket, m.assistant_id,
           CASE WHEN m.role = 'assistant' THEN coalesce(m.model, '') ELSE '' END AS model,
           CASE WHEN m.role = 'assistant' AND m.status = 'complete' AND m.latency_ms IS NOT NULL
                THEN width_bucket(m.latency_ms, $4::int[]) END AS bin,
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
    FROM unnest($2::timestamptz[], $3::timestamptz[]) AS b(start, finish)
    CROSS JOIN LATERAL (
        SELECT c.assistant_id, m.role, m.status, m.model, m.prompt_tokens,
               m.completion_tokens, m.latency_ms
        FROM messages m
        JOIN chats c ON c.tenant_id = $1 AND c.id = m.chat_id
        WHERE m.tenant_id = $1
          AND m.created_at >= b.start AND m.created_at < b.finish
          AND usage_counts(m.role, m.status)
        OFFSET 0
    ) m
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT b.start, c.assistant_id, '', NULL, count(*), 0, 0, 0, 0, 0, 0, 0, 0
    FROM unnest($2::timestamptz[], $3::timestamptz[]) AS b(start, finish)
    CROSS JOIN LATERAL (
        SELECT c.assistant_id FROM chats c
        WHERE c.tenant_id = $1
          AND c.created_at >= b.start AND c.created_at < b.finish
        OFFSET 0
    ) c
    GROUP BY 1, 2
) counted
GROUP BY bucket, assistant_id, model";

/// Sums the days `[starts[i], ends[i])` from their (already current) hour rollups: a
/// day is at most 24 × assistants × models rows, where recounting it from messages
/// would read every message of the day again. Histograms add bin by bin.
const SUM_DAYS: &str = "
WITH hours AS (
    SELECT d.start AS day, h.*
    FROM unnest($2::timestamptz[], $3::timestamptz[]) AS d(start, finish)
    CROSS JOIN LATERAL (
        SELECT assistant_id, model, chats_started, visitor_messages, agent_messages,
               replies, failed_replies, prompt_tokens, completion_tokens, latency_count,
               latency_sum_ms, latency_histogram
        FROM usage_rollups
        WHERE tenant_id = $1 AND granularity = 'hour'
          AND bucket_start >= d.start AND bucket_start < d.finish
        OFFSET 0
    ) h
), bins AS (
    SELECT day, assistant_id, model, jsonb_object_agg(bin, n) AS histogram
    FROM (
        SELECT day, assistant_id, model, e.key AS bin, sum(e.value::bigint) AS n
        FROM hours CROSS JOIN LATERAL jsonb_each_text(hours.latency_histogram) AS e
        GROUP BY 1, 2, 3, 4
    ) per_bin
    GROUP BY 1, 2, 3
)
INSERT INTO usage_rollups (
    tenant_id, granularity, bucket_start, assistant_id, model, chats_started,
    visitor_messages, agent_messages, replies, failed_replies, prompt_tokens,
    completion_tokens, latency_count, latency_sum_ms, latency_histogram)
SELECT $1, 'day', h.day, h.assistant_id, h.model, sum(h.chats_started),
       sum(h.visitor_messages), sum(h.agent_messages), sum(h.replies), sum(h.failed_replies),
       sum(h.prompt_tokens), sum(h.completion_tokens), sum(h.latency_count),
       sum(h.latency_sum_ms), coalesce(b.histogram, '{}'::jsonb)
FROM hours h
LEFT JOIN bins b ON b.day = h.day AND b.assistant_id = h.assistant_id AND b.model = h.model
GROUP BY h.day, h.assistant_id, h.model, b.histogram";

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
    // Short index-driven queries: JIT compilation would cost more than it saves.
    sqlx::query("SET LOCAL jit = off")
        .execute(tx.conn())
        .await?;
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
    // Hours first: the days are summed from them.
    let hour_ends: Vec<DateTime<Utc>> = hours.iter().map(|h| *h + Duration::hours(1)).collect();
    sqlx::query(RECOUNT)
        .bind(tenant)
        .bind(&hours)
        .bind(&hour_ends)
        .bind(LATENCY_BOUNDS_MS.as_slice())
        .execute(tx.conn())
        .await?;
    let day_ends: Vec<DateTime<Utc>> = days.iter().map(|d| *d + Duration::days(1)).collect();
    sqlx::query(SUM_DAYS)
        .bind(tenant)
        .bind(&days)
        .bind(&day_ends)
        .execute(tx.conn())
        .await?;
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
             WHERE tenant_id = $1 AND granularity = $2
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
         WHERE tenant_id = $1 AND granularity = $2
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
         WHERE tenant_id = $1 AND granularity = $2
           AND bucket_start >= $3 AND bucket_start < $4
           AND ($5::uuid IS NULL OR assistant_id = $5)
           AND ($6::timestamptz IS NULL
                OR (bucket_start >= $6 AND (bucket_start, assistant_id, model) > ($6, $7, $8)))
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
