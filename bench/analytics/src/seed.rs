//! The benchmark's data: tenants and assistants made through the API (real accounts),
//! chats and messages bulk-inserted by the admin (the only way to write 5 million rows
//! in minutes), then rollups built by the same code the worker runs.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use kremna_shared::{
    analytics::rollup::{PassSummary, roll_up_all},
    db::TrustedDb,
    ids::{AssistantId, TenantId},
    repo::usage::mark_all_dirty,
};
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::Settings;

const PASSWORD: &str = "benchmark passphrase";
const ASSISTANTS_PER_TENANT: usize = 5;
const MESSAGES_PER_CHAT: usize = 4;
/// Marks the rows the incremental measurement adds, so they can be removed again.
const NEW_MESSAGE_TEXT: &str = "bench: incremental";

pub struct World {
    pub tenants: Vec<TenantId>,
    /// How long seeding took, when this run did it.
    pub seeded_in: Option<Duration>,
    /// The rollup pass that folded in everything pending at the start (the full build
    /// after seeding), when there was anything.
    pub full_build: Option<(Duration, PassSummary)>,
}

/// Folds in whatever is pending (everything, right after seeding) and times it.
async fn catch_up(
    db: &TrustedDb,
    admin: &PgPool,
) -> anyhow::Result<Option<(Duration, PassSummary)>> {
    let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM usage_changes")
        .fetch_one(admin)
        .await?;
    if pending == 0 {
        return Ok(None);
    }
    eprintln!("rolling up {pending} pending changes");
    let started = Instant::now();
    let pass = roll_up_all(db).await?;
    let elapsed = started.elapsed();
    sqlx::query("ANALYZE").execute(admin).await?;
    Ok(Some((elapsed, pass)))
}

fn email(i: usize) -> String {
    format!("bench-analytics-{i}@kremna.bench")
}

pub async fn login(
    settings: &Settings,
    http: &reqwest::Client,
    i: usize,
) -> anyhow::Result<String> {
    let reply: Value = http
        .post(format!("{}/auth/login", settings.api))
        .json(&json!({ "email": email(i), "password": PASSWORD }))
        .send()
        .await?
        .error_for_status()
        .context("login")?
        .json()
        .await?;
    Ok(reply["access_token"]
        .as_str()
        .context("no access_token")?
        .to_owned())
}

async fn tenants(admin: &PgPool) -> anyhow::Result<Vec<TenantId>> {
    Ok(sqlx::query_scalar(
        "SELECT m.tenant_id FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE u.email LIKE 'bench-analytics-%@kremna.bench'
         ORDER BY substring(u.email from 'bench-analytics-([0-9]+)@')::int",
    )
    .fetch_all(admin)
    .await?)
}

/// The seeded world, seeding it first if the database does not hold it yet.
pub async fn ensure(
    settings: &Settings,
    http: &reqwest::Client,
    admin: &PgPool,
    db: &TrustedDb,
) -> anyhow::Result<World> {
    let existing = tenants(admin).await?;
    let messages: i64 = sqlx::query_scalar("SELECT count(*) FROM messages")
        .fetch_one(admin)
        .await?;
    if existing.len() == settings.tenants && messages >= settings.messages as i64 {
        return Ok(World {
            tenants: existing,
            seeded_in: None,
            full_build: catch_up(db, admin).await?,
        });
    }
    if !existing.is_empty() {
        bail!(
            "the benchmark database is partly seeded ({} tenants, {messages} messages): \
             rerun with BENCH_RESEED=1",
            existing.len()
        );
    }
    let started = Instant::now();
    let chats_per_tenant = settings.messages / settings.tenants / MESSAGES_PER_CHAT;
    for i in 0..settings.tenants {
        let reply: Value = http
            .post(format!("{}/auth/register", settings.api))
            .json(&json!({
                "email": email(i), "password": PASSWORD,
                "full_name": format!("Bench owner {i}"), "workspace_name": format!("Bench {i}"),
            }))
            .send()
            .await?
            .error_for_status()
            .context("register")?
            .json()
            .await?;
        let token = reply["access_token"].as_str().context("token")?.to_owned();
        let tenant: TenantId = reply["tenant"]["id"].as_str().context("tenant")?.parse()?;
        let mut assistants: Vec<AssistantId> = Vec::new();
        for a in 0..ASSISTANTS_PER_TENANT {
            let created: Value = http
                .post(format!("{}/assistants", settings.api))
                .bearer_auth(&token)
                .json(&json!({ "name": format!("Assistant {a}") }))
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            assistants.push(created["id"].as_str().context("id")?.parse()?);
        }
        bulk_insert(admin, tenant, &assistants, chats_per_tenant).await?;
        eprintln!(
            "seeded tenant {}/{} ({} s)",
            i + 1,
            settings.tenants,
            started.elapsed().as_secs()
        );
    }
    sqlx::query("ANALYZE").execute(admin).await?;
    let seeded_in = started.elapsed();
    // Rollups from scratch, as after a change of latency bins: every hour dirty, one pass.
    for tenant in tenants(admin).await? {
        let mut tx = db.tenant(tenant).await?;
        mark_all_dirty(&mut tx).await?;
        tx.commit().await?;
    }
    Ok(World {
        tenants: tenants(admin).await?,
        seeded_in: Some(seeded_in),
        full_build: catch_up(db, admin).await?,
    })
}

/// Chats over the last 90 days with a visitor message and a reply, twice each; about
/// 3 % of replies failed; three Mistral models.
async fn bulk_insert(
    admin: &PgPool,
    tenant: TenantId,
    assistants: &[AssistantId],
    chats: usize,
) -> anyhow::Result<()> {
    let mut tx = admin.begin().await?;
    // Bulk load: skip the per-row triggers (the rollups are built from scratch after).
    sqlx::query("SET LOCAL session_replication_role = replica")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO chats (tenant_id, id, assistant_id, visitor_id, created_at, last_message_at)
         SELECT $1, gen_random_uuid(), ($2::uuid[])[1 + g % array_length($2::uuid[], 1)],
                'visitor-' || g, at, at + interval '2 minutes'
         FROM (SELECT g, now() - random() * interval '90 days' AS at
               FROM generate_series(1, $3::int) g) s",
    )
    .bind(tenant)
    .bind(assistants)
    .bind(i32::try_from(chats)?)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO messages (tenant_id, id, chat_id, role, content, status, model,
                               prompt_tokens, completion_tokens, latency_ms, created_at, seq)
         SELECT c.tenant_id, gen_random_uuid(), c.id,
                CASE WHEN k % 2 = 0 THEN 'user' ELSE 'assistant' END::message_role,
                'benchmark message',
                CASE WHEN k % 2 = 1 AND random() < 0.03 THEN 'failed' ELSE 'complete' END::message_status,
                CASE WHEN k % 2 = 1 THEN (ARRAY['mistral-small-latest', 'mistral-large-latest',
                     'mistral-medium-latest'])[1 + abs(hashtext(c.id::text)) % 3] END,
                CASE WHEN k % 2 = 1 THEN 200 + (random() * 3000)::int END,
                CASE WHEN k % 2 = 1 THEN 20 + (random() * 400)::int END,
                CASE WHEN k % 2 = 1 THEN 300 + (random() * random() * 8000)::int END,
                c.created_at + k * interval '30 seconds', k + 1
         FROM chats c CROSS JOIN generate_series(0, $2::int - 1) k
         WHERE c.tenant_id = $1",
    )
    .bind(tenant)
    .bind(i32::try_from(MESSAGES_PER_CHAT)?)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE chats SET message_seq = $2 WHERE tenant_id = $1")
        .bind(tenant)
        .bind(i64::try_from(MESSAGES_PER_CHAT)?)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `count` visitor messages and replies spread over the tenants' recent chats, written
/// as the services write them (app role, triggers on).
pub async fn add_recent_messages(pool: &PgPool, world: &World, count: usize) -> anyhow::Result<()> {
    let per_tenant = count.div_ceil(world.tenants.len());
    for tenant in &world.tenants {
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
            .bind(tenant.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO messages (tenant_id, id, chat_id, role, content, status, model,
                                   prompt_tokens, completion_tokens, latency_ms, created_at)
             SELECT $1, gen_random_uuid(), c.id,
                    CASE WHEN g % 2 = 0 THEN 'user' ELSE 'assistant' END::message_role, $3,
                    'complete',
                    CASE WHEN g % 2 = 1 THEN 'mistral-small-latest' END,
                    CASE WHEN g % 2 = 1 THEN 500 END, CASE WHEN g % 2 = 1 THEN 80 END,
                    CASE WHEN g % 2 = 1 THEN 900 + g % 700 END,
                    now() - (g % 120) * interval '1 minute'
             FROM generate_series(1, $2::int) g
             CROSS JOIN LATERAL (SELECT id FROM chats WHERE tenant_id = $1
                                 ORDER BY created_at DESC OFFSET g % 50 LIMIT 1) c",
        )
        .bind(tenant)
        .bind(i32::try_from(per_tenant)?)
        .bind(NEW_MESSAGE_TEXT)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Removes what [`add_recent_messages`] added, so every run measures the same data.
pub async fn remove_recent_messages(pool: &PgPool, world: &World) -> anyhow::Result<()> {
    for tenant in &world.tenants {
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
            .bind(tenant.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM messages WHERE tenant_id = $1 AND content = $2")
            .bind(tenant)
            .bind(NEW_MESSAGE_TEXT)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}
