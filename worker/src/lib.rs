//! Kremna's worker: apalis jobs on Postgres (LISTEN/NOTIFY pickup). Replies stream
//! from the provider into chat rooms through the Socket.IO Redis adapter — the worker
//! holds a `SocketIo` with the adapter and no HTTP listener for it.

pub mod health;
pub mod metrics;
pub mod provider;
pub mod reply;
pub mod rollup;
pub mod wakeups;

use std::{str::FromStr, sync::Arc};

use anyhow::Context;
use apalis::prelude::*;
use apalis_core::backend::ext::poll_strategy::{PollWith, StreamStrategy};
use apalis_postgres::PostgresStorage;
use kremna_shared::{
    config::{Config, ProviderSettings},
    db::{Db, TrustedDb},
    events::{AGENTS_NS, WIDGET_NS},
    health::Readiness,
    jobs::{REPLY_QUEUE, ReplyJob},
    realtime::{self, Adapter, Broadcaster},
    redis_client,
};
use socketioxide::SocketIo;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::{provider::Provider, reply::WorkerState};

pub struct Worker {
    pub health_addr: std::net::SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
    health: JoinHandle<()>,
}

impl Worker {
    /// Stops taking jobs and waits for the ones in flight to finish.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
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
    let adapter = realtime::adapter(&config)
        .await
        .context("connecting the Socket.IO Redis adapter (REDIS_URL, Redis >= 7)")?;
    // The emitter: the same SocketIo as the realtime nodes, without a listener.
    let (_unused_service, io) = SocketIo::builder()
        .with_adapter::<Adapter>(adapter)
        .build_svc();
    io.ns(WIDGET_NS, async || {})
        .await
        .context("widget namespace")?;
    io.ns(AGENTS_NS, async || {})
        .await
        .context("agents namespace")?;

    let health_addr = health_listener.local_addr()?;
    let metrics = Arc::new(metrics::Metrics::default());
    let readiness = Readiness::new(db.clone(), redis_client::manager(&config)?);
    let health = tokio::spawn(health::serve(health_listener, readiness, metrics.clone()));

    let storage_config = apalis_postgres::Config::default()
        .queue(REPLY_QUEUE)
        .batch_size(config.worker.concurrency)
        .heartbeat_interval(config.worker.heartbeat)
        .missed_heartbeats(usize::try_from(config.worker.missed_heartbeats).unwrap_or(3));
    let notifications =
        apalis_postgres::Pubsub::new(db.infrastructure_pool().clone(), REPLY_QUEUE.to_owned());
    let storage = PollWith::new(
        PostgresStorage::<ReplyJob>::new(db.infrastructure_pool()).with_config(storage_config),
        StreamStrategy::new(wakeups::Echoing::new(notifications)),
    );
    let name = config.worker.name.clone();
    let concurrency = config.worker.concurrency;
    let state = Arc::new(WorkerState {
        config: Arc::new(config),
        db: TrustedDb::new(db),
        broadcaster: Broadcaster::new(io),
        provider,
        metrics,
    });
    let rollup_state = Arc::new(rollup::RollupState {
        db: state.db.clone(),
        metrics: state.metrics.clone(),
    });
    let schedule = cron::Schedule::from_str(&state.config.analytics.rollup_schedule)
        .context("ANALYTICS_ROLLUP_SCHEDULE")?;
    let worker = WorkerBuilder::new(name.as_str())
        .backend(storage)
        .data(state)
        .concurrency(concurrency)
        .build(reply::handle);
    let rollups = WorkerBuilder::new(format!("{name}-rollups"))
        .backend(apalis_cron::CronScheduler::new(schedule))
        .data(rollup_state)
        .build(rollup::tick);

    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let (rollups_stop_tx, rollups_stop_rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let rollups = tokio::spawn(rollups.run_until(async move {
            let _ = rollups_stop_rx.await;
            Ok::<(), std::io::Error>(())
        }));
        let replies = worker
            .run_until(async move {
                let _ = stop_rx.await;
                tracing::info!("draining: finishing the replies in flight");
                let _ = rollups_stop_tx.send(());
                Ok::<(), std::io::Error>(())
            })
            .await
            .context("the reply worker stopped with an error");
        rollups
            .await
            .context("the rollup worker panicked")?
            .context("the rollup worker stopped with an error")?;
        replies
    });
    tracing::info!(worker = name, concurrency, %health_addr, "kremna-worker started");
    Ok(Worker {
        health_addr,
        stop: Some(stop_tx),
        task,
        health,
    })
}
