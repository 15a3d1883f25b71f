//! Kremna's worker: apalis jobs on Postgres (LISTEN/NOTIFY pickup). Replies stream
//! from the provider into chat rooms through the Socket.IO Redis adapter — the worker
//! holds a `SocketIo` with the adapter and no HTTP listener for it.

pub mod health;
pub mod job_loop;
pub mod knowledge;
pub mod lives;
pub mod metrics;
pub mod provider;
pub mod reply;
pub mod rollup;
pub mod wakeups;
pub mod webhooks;

use std::{str::FromStr, sync::Arc, time::Duration};

use anyhow::Context;
use apalis::prelude::*;
use kremna_shared::{
    config::{Config, ProviderSettings},
    db::{Db, TrustedDb},
    health::{Heartbeat, Readiness},
    realtime, redis_client,
};
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};

use crate::{job_loop::JobLoop, lives::Life, provider::Provider, reply::WorkerState};

pub struct Worker {
    pub health_addr: std::net::SocketAddr,
    stop: watch::Sender<bool>,
    task: JoinHandle<anyhow::Result<()>>,
    health: JoinHandle<()>,
}

impl Worker {
    /// Stops taking jobs and waits for the ones in flight to finish.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        let result = self.task.await.context("worker task panicked")?;
        self.health.abort();
        result
    }
}

fn provider(config: &Config) -> anyhow::Result<Provider> {
    let settings = config.reply_provider()?;
    if matches!(settings, ProviderSettings::Demo) {
        tracing::warn!(
            "replies come from the DEMO responder (no AI provider configured); \
             set MISTRAL_API_KEY for real answers"
        );
    }
    Provider::from_settings(settings, config.worker.reply_timeout)
}

pub async fn start(config: Config, health_listener: TcpListener) -> anyhow::Result<Worker> {
    let provider = provider(&config)?;
    let db = Db::connect(&config.database)
        .await
        .context("connecting to Postgres (DATABASE_URL)")?;
    // The emitter: the same SocketIo as the realtime nodes, without a listener.
    let (broadcaster, link) = realtime::emitter(&config).await?;

    let health_addr = health_listener.local_addr()?;
    let metrics = Arc::new(metrics::Metrics::default());
    // The job loop is ready while it beats; a few missed beats mean it stopped.
    let beat = Heartbeat::new(
        "jobs",
        (config.worker.heartbeat * 3).max(Duration::from_secs(2)),
    );
    let readiness = Readiness::new(db.clone(), redis_client::manager(&config)?)
        .with(link.clone())
        .with(beat.clone());
    let health = tokio::spawn(health::serve(health_listener, readiness, metrics.clone()));

    let name = config.worker.name.clone();
    let life = Life::begin(&name, &db.infrastructure_pool().connect_options())
        .await
        .context("taking this worker's life lock in Postgres")?;
    let concurrency = config.worker.concurrency;
    let state = Arc::new(WorkerState {
        config: Arc::new(config),
        db: TrustedDb::new(db),
        broadcaster,
        provider,
        metrics,
    });
    let rollup_state = Arc::new(rollup::RollupState {
        db: state.db.clone(),
        metrics: state.metrics.clone(),
    });
    let schedule = cron::Schedule::from_str(&state.config.analytics.rollup_schedule)
        .context("ANALYTICS_ROLLUP_SCHEDULE")?;
    // Knowledge-base ingestion (issue 13): its own queue and loop, and the scheduler
    // that re-queues web sources due a refetch.
    let knowledge_state = state.clone();
    let refetch_schedule =
        cron::Schedule::from_str(&state.config.worker.knowledge.refetch_schedule)
            .context("KNOWLEDGE_REFETCH_SCHEDULE")?;
    let refetches = WorkerBuilder::new(format!("{name}-knowledge-refetch"))
        .backend(apalis_cron::CronScheduler::new(refetch_schedule))
        .data(state.clone())
        .build(knowledge::schedule::tick);
    // Webhook delivery (issue 11): its own queue and loop.
    let webhook_state = state.clone();
    let replies = JobLoop {
        db: state.db.db().clone(),
        life,
        beat,
        concurrency,
        heartbeat: state.config.worker.heartbeat,
        missed_heartbeats: usize::try_from(state.config.worker.missed_heartbeats).unwrap_or(3),
        state,
    };
    let rollups = WorkerBuilder::new(format!("{name}-rollups"))
        .backend(apalis_cron::CronScheduler::new(schedule))
        .data(rollup_state)
        .build(rollup::tick);

    let (stop_tx, stop_rx) = watch::channel(false);
    let mut rollups_stop = stop_rx.clone();
    let mut refetches_stop = stop_rx.clone();
    let knowledge = knowledge::spawn(knowledge_state, name.clone(), stop_rx.clone());
    let deliveries = webhooks::spawn(webhook_state, name.clone(), stop_rx.clone());
    let task = tokio::spawn(async move {
        let rollups = tokio::spawn(rollups.run_until(async move {
            let _ = rollups_stop.wait_for(|s| *s).await;
            tracing::info!("draining: finishing the replies in flight");
            Ok::<(), std::io::Error>(())
        }));
        let refetches = tokio::spawn(refetches.run_until(async move {
            let _ = refetches_stop.wait_for(|s| *s).await;
            Ok::<(), std::io::Error>(())
        }));
        let replies = replies.run(stop_rx).await;
        knowledge.await.context("the knowledge worker panicked")?;
        deliveries.await.context("the webhook worker panicked")?;
        refetches
            .await
            .context("the refetch scheduler panicked")?
            .context("the refetch scheduler stopped with an error")?;
        rollups
            .await
            .context("the rollup worker panicked")?
            .context("the rollup worker stopped with an error")?;
        replies
    });
    tracing::info!(worker = name, concurrency, %health_addr, "kremna-worker started");
    Ok(Worker {
        health_addr,
        stop: stop_tx,
        task,
        health,
    })
}
