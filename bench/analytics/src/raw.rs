//! The report computed straight from messages and chats — what the original product
//! did — as the services' role under row-level security, for the ratio.

use chrono::NaiveDate;
use kremna_shared::ids::TenantId;
use sqlx::PgPool;

/// Runs the queries a raw report needs and returns how many messages they covered.
pub async fn report(
    pool: &PgPool,
    tenant: TenantId,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<i64> {
    // Tenant-scoped like every service transaction (the app role, RLS applies).
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(tenant.to_string())
        .execute(&mut *tx)
        .await?;
    let range = "m.tenant_id = $1 AND m.created_at >= $2::date::timestamptz
                 AND m.created_at < ($3::date + 1)::timestamptz";
    // Per day.
    let days: Vec<(NaiveDate, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT (m.created_at AT TIME ZONE 'UTC')::date, count(*),
                count(*) FILTER (WHERE m.role = 'assistant' AND m.status = 'complete'),
                coalesce(sum(m.prompt_tokens), 0)::bigint
         FROM messages m WHERE {range} GROUP BY 1 ORDER BY 1"
    )))
    .bind(tenant)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *tx)
    .await?;
    // Per assistant and model, with latency.
    let _per_assistant = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT c.assistant_id, m.model, count(*),
                    count(*) FILTER (WHERE m.status = 'failed'),
                    coalesce(sum(m.completion_tokens), 0)::bigint,
                    avg(m.latency_ms)::float8,
                    percentile_cont(0.95) WITHIN GROUP (ORDER BY m.latency_ms)
             FROM messages m JOIN chats c ON c.tenant_id = m.tenant_id AND c.id = m.chat_id
             WHERE {range} GROUP BY 1, 2"
    )))
    .bind(tenant)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *tx)
    .await?;
    // Overall latency percentile and chats per day.
    let _overall: (Option<f64>,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY m.latency_ms)
         FROM messages m WHERE {range} AND m.role = 'assistant' AND m.status = 'complete'"
    )))
    .bind(tenant)
    .bind(from)
    .bind(to)
    .fetch_one(&mut *tx)
    .await?;
    let _chats: Vec<(NaiveDate, i64)> = sqlx::query_as(
        "SELECT (created_at AT TIME ZONE 'UTC')::date, count(*) FROM chats
         WHERE tenant_id = $1 AND created_at >= $2::date::timestamptz
           AND created_at < ($3::date + 1)::timestamptz GROUP BY 1",
    )
    .bind(tenant)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(days.iter().map(|d| d.1).sum())
}
