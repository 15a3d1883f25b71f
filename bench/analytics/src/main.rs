//! Analytics benchmark (run it with `bench/analytics/run`, which starts the API).
//!
//! 1. Seeds, once, 50 tenants × 5 assistants × 25,000 chats × 4 messages = 5 million
//!    messages over the last 90 days (kept between runs), and builds their rollups.
//! 2. Times `GET /analytics` for one tenant's last 30 days over HTTP (UTC, and a
//!    timezone that needs hour rollups at the edges).
//! 3. Times the same figures computed straight from the messages table, as the original
//!    product did.
//! 4. Inserts 10,000 new messages across the tenants and times one incremental rollup pass.

// A benchmark's output is its report.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod raw;
mod seed;
mod stats;

use std::time::Instant;

use anyhow::{Context, bail};
use kremna_shared::{
    analytics::rollup::roll_up_all,
    db::{Db, TrustedDb},
};
use sqlx::postgres::PgPoolOptions;

use crate::stats::Sample;

struct Settings {
    api: String,
    app_url: String,
    admin_url: String,
    tenants: usize,
    messages: usize,
    requests: usize,
    raw_requests: usize,
    new_messages: usize,
}

fn env_or<T: std::str::FromStr>(key: &str, default: T) -> T {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn required(key: &str) -> anyhow::Result<String> {
    std::env::var(key).with_context(|| format!("{key} is required (bench/analytics/run sets it)"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let settings = Settings {
        api: required("BENCH_API")?,
        app_url: required("DATABASE_URL")?,
        admin_url: required("BENCH_ADMIN_DB_URL")?,
        tenants: env_or("BENCH_TENANTS", 50),
        messages: env_or("BENCH_TOTAL_MESSAGES", 5_000_000),
        requests: env_or("BENCH_REQUESTS", 1_000),
        raw_requests: env_or("BENCH_RAW_REQUESTS", 20),
        new_messages: env_or("BENCH_NEW_MESSAGES", 10_000),
    };
    let admin = PgPoolOptions::new()
        .max_connections(4)
        .connect(&settings.admin_url)
        .await
        .context("connecting as the admin (seeding only)")?;
    let app_pool = PgPoolOptions::new()
        .max_connections(8)
        .connect(&settings.app_url)
        .await
        .context("connecting as the services' role")?;
    let db = TrustedDb::new(Db::from_pool(app_pool.clone()));
    let http = reqwest::Client::new();

    let world = seed::ensure(&settings, &http, &admin, &db).await?;
    let tenant = world.tenants[0];
    let token = seed::login(&settings, &http, 0).await?;

    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM messages")
        .fetch_one(&admin)
        .await?;
    let rollup_rows: i64 = sqlx::query_scalar("SELECT count(*) FROM usage_rollups")
        .fetch_one(&admin)
        .await?;
    let tenant_rows: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM messages WHERE tenant_id = $1 AND created_at > now() - interval '30 days'",
    )
    .bind(tenant)
    .fetch_one(&admin)
    .await?;

    // /analytics over HTTP: the rollups.
    let today = chrono::Utc::now().date_naive();
    let from = today - chrono::Days::new(29);
    let mut api_samples = Vec::new();
    for tz in ["UTC", "Europe/Paris"] {
        let url = format!(
            "{}/analytics?from={from}&to={today}&timezone={tz}",
            settings.api
        );
        let mut sample = Sample::default();
        for i in 0..(settings.requests + 50) {
            let started = Instant::now();
            let reply = http.get(&url).bearer_auth(&token).send().await?;
            let status = reply.status();
            let body = reply.bytes().await?;
            if !status.is_success() {
                bail!(
                    "/analytics answered {status}: {}",
                    String::from_utf8_lossy(&body)
                );
            }
            // The first 50 warm connections and caches.
            if i >= 50 {
                sample.push(started.elapsed());
            }
        }
        api_samples.push((tz, sample));
    }

    // The same figures from the raw messages table, as the original computed them.
    let mut raw_sample = Sample::default();
    let mut raw_messages = 0;
    for i in 0..(settings.raw_requests + 2) {
        let started = Instant::now();
        raw_messages = raw::report(&app_pool, tenant, from, today).await?;
        if i >= 2 {
            raw_sample.push(started.elapsed());
        }
    }

    // One incremental pass after 10,000 new messages.
    let mut passes = Vec::new();
    for _ in 0..3 {
        seed::add_recent_messages(&app_pool, &world, settings.new_messages).await?;
        let started = Instant::now();
        let pass = roll_up_all(&db).await?;
        passes.push((started.elapsed(), pass));
    }
    seed::remove_recent_messages(&app_pool, &world).await?;
    let cleanup = roll_up_all(&db).await?;
    let idle_started = Instant::now();
    roll_up_all(&db).await?;
    let idle_pass = idle_started.elapsed();

    println!();
    println!(
        "Kremna analytics benchmark ({} cores, release build, PostgreSQL {})",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        sqlx::query_scalar::<_, String>("SHOW server_version")
            .fetch_one(&admin)
            .await?
    );
    println!(
        "  data: {total} messages across {} tenants; {rollup_rows} rollup rows; the measured tenant has {tenant_rows} messages in the last 30 days",
        world.tenants.len()
    );
    if let Some(seeded) = world.seeded_in {
        println!("  seeding took {}", stats::human(seeded));
    }
    if let Some((elapsed, pass)) = world.full_build {
        println!(
            "  rollup of everything pending at start: {} ({} tenants, {} hours recounted)",
            stats::human(elapsed),
            pass.tenants,
            pass.hours
        );
    }
    for (tz, sample) in &api_samples {
        println!(
            "  GET /analytics, last 30 days, timezone {tz} (rollups, over HTTP), n={}:\n    {}   (target p99 ≤ 30 ms)",
            sample.len(),
            sample.summary()
        );
    }
    println!(
        "  same figures from the messages table (as the original), n={}, {raw_messages} messages scanned:\n    {}",
        raw_sample.len(),
        raw_sample.summary()
    );
    if let (Some(raw_p50), Some(api_p50)) =
        (raw_sample.quantile(0.5), api_samples[0].1.quantile(0.5))
    {
        println!(
            "    ratio at p50: {:.0}× slower than the rollups",
            raw_p50.as_secs_f64() / api_p50.as_secs_f64()
        );
    }
    for (i, (elapsed, pass)) in passes.iter().enumerate() {
        println!(
            "  incremental rollup pass #{} after {} new messages: {} ({} tenants, {} changes, {} hours recounted)   (target ≤ 1 s)",
            i + 1,
            settings.new_messages,
            stats::human(*elapsed),
            pass.tenants,
            pass.changes,
            pass.hours
        );
    }
    println!(
        "  pass with nothing new: {}; cleanup pass: {} changes",
        stats::human(idle_pass),
        cleanup.changes
    );
    Ok(())
}
