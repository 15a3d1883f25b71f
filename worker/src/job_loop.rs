//! The reply job loop, kept alive: apalis gives up for good on the first database error
//! (`fetch_next failed -> Dead`, heartbeats stop), so when a run of the loop ends without
//! being asked to, this waits until Postgres answers again and starts a new run.
//!
//! Each run registers under a new lock owner of this process's [`Life`], after taking
//! back what dead earlier lives of the same worker name held. Readiness follows the
//! loop's own heartbeat ([`Heartbeat`]): a loop that stopped taking jobs is not ready,
//! whatever its dependencies answer.

use std::{sync::Arc, time::Duration};

use apalis::prelude::*;
use apalis_core::backend::ext::poll_strategy::{PollWith, StreamStrategy};
use apalis_postgres::PostgresStorage;
use kremna_shared::{
    db::Db,
    health::Heartbeat,
    jobs::{REPLY_QUEUE, ReplyJob},
};
use tokio::sync::watch;

use crate::{lives::Life, reply, reply::WorkerState, wakeups};

/// The longest wait between checks that the database is back.
const MAX_PAUSE: Duration = Duration::from_secs(5);

pub struct JobLoop {
    pub db: Db,
    pub life: Life,
    pub state: Arc<WorkerState>,
    pub beat: Heartbeat,
    pub concurrency: usize,
    pub heartbeat: Duration,
    pub missed_heartbeats: usize,
}

impl JobLoop {
    /// Runs until `stop` turns true; then lets the replies in flight finish.
    pub async fn run(self, mut stop: watch::Receiver<bool>) -> anyhow::Result<()> {
        let mut run = 0;
        loop {
            let pool = self.db.infrastructure_pool();
            match self.life.reclaim(pool, REPLY_QUEUE).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    jobs = n,
                    "took back the jobs an earlier life of this worker held"
                ),
                Err(err) => tracing::warn!(%err, "could not check for jobs an earlier life held"),
            }
            let owner = self.life.owner(run);
            run += 1;
            let result = self.run_once(&owner, stop.clone()).await;
            self.beat.stopped();
            if *stop.borrow() {
                return result.map_err(|err| {
                    anyhow::anyhow!("the reply worker stopped with an error: {err}")
                });
            }
            match result {
                Ok(()) => tracing::error!("the reply job loop ended by itself; starting it again"),
                Err(err) => tracing::error!(
                    error = %err,
                    "the reply job loop stopped (database gone?); starting it again once Postgres answers"
                ),
            }
            if !self.database_back(&mut stop).await {
                return Ok(());
            }
        }
    }

    /// One run of the loop: registers as `owner` and takes jobs until stopped or until
    /// apalis gives up.
    async fn run_once(
        &self,
        owner: &str,
        stop: watch::Receiver<bool>,
    ) -> Result<(), apalis_core::error::WorkerError> {
        let pool = self.db.infrastructure_pool();
        let config = apalis_postgres::Config::default()
            .queue(REPLY_QUEUE)
            .batch_size(self.concurrency)
            .heartbeat_interval(self.heartbeat)
            .missed_heartbeats(self.missed_heartbeats);
        let notifications = wakeups::job_notifications(pool.clone(), REPLY_QUEUE.to_owned());
        let storage = PollWith::new(
            PostgresStorage::<ReplyJob>::new(pool).with_config(config),
            StreamStrategy::new(wakeups::Echoing::new(notifications)),
        );
        let beat = self.beat.clone();
        WorkerBuilder::new(owner)
            .backend(storage)
            .data(self.state.clone())
            .on_event(move |_, event| {
                // Registered, or a heartbeat written: the loop works.
                if matches!(event, Event::HeartBeat) {
                    beat.beat();
                }
            })
            .concurrency(self.concurrency)
            .build(reply::handle)
            .run_until(stopped(stop))
            .await
    }

    /// Waits until the database answers (true) or the worker is told to stop (false).
    async fn database_back(&self, stop: &mut watch::Receiver<bool>) -> bool {
        let mut pause = Duration::from_millis(200);
        loop {
            tokio::select! {
                _ = stop.wait_for(|s| *s) => return false,
                () = tokio::time::sleep(pause) => {}
            }
            if self.db.ping().await.is_ok() {
                return true;
            }
            pause = (pause * 2).min(MAX_PAUSE);
        }
    }
}

/// A future that ends when `stop` turns true (or its sender is gone).
async fn stopped(mut stop: watch::Receiver<bool>) -> Result<(), std::io::Error> {
    let _ = stop.wait_for(|s| *s).await;
    Ok(())
}
