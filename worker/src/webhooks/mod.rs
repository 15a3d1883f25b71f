//! Webhook delivery (issue 11): its own apalis queue (`kremna.webhooks`) and loop, woken
//! by the same NOTIFY echoes as replies. One job makes one attempt of one delivery:
//! it signs and sends the stored body, appends the attempt to the delivery's log and,
//! when the attempt failed and attempts remain, queues the next one after its pause
//! ([`kremna_shared::webhooks::RETRY_DELAYS`]) in the same transaction. At least once:
//! a worker that dies after the receiver answered but before the log was written makes
//! the attempt again, with the same `webhook-id`.

pub mod send;

use std::{sync::Arc, time::Duration};

use apalis::prelude::*;
use apalis_core::{
    backend::ext::poll_strategy::{PollWith, StreamStrategy},
    task::data::Data,
};
use apalis_postgres::PostgresStorage;
use chrono::Utc;
use futures::StreamExt;
use kremna_shared::{
    repo::{self, webhooks::Attempt},
    webhooks::{self, DELIVERY_QUEUE, DeliveryJob, MAX_ATTEMPTS, secret, url::EndpointUrl},
};
use tokio::{sync::watch, task::JoinHandle};
use tracing::Instrument;

use crate::{
    reply::{JobError, WorkerState},
    wakeups,
};

/// Deliveries one worker sends at once (each may wait up to the timeout).
const CONCURRENCY: usize = 8;

/// How often the loop looks for retries that came due.
const DUE_CHECK: Duration = Duration::from_secs(1);

fn ticks(every: Duration) -> futures::stream::BoxStream<'static, ()> {
    futures::stream::unfold((), move |()| async move {
        tokio::time::sleep(every).await;
        Some(((), ()))
    })
    .boxed()
}

/// Runs the delivery loop until `stop` turns true, starting it again if apalis gives up
/// (the database went away).
pub fn spawn(
    state: Arc<WorkerState>,
    name: String,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let pool = state.db.db().infrastructure_pool().clone();
            let config = apalis_postgres::Config::default()
                .queue(DELIVERY_QUEUE)
                .batch_size(CONCURRENCY)
                .heartbeat_interval(state.config.worker.heartbeat)
                .missed_heartbeats(
                    usize::try_from(state.config.worker.missed_heartbeats).unwrap_or(3),
                );
            // Retries are delayed jobs, which send no NOTIFY: a tick every second
            // fetches those that came due, beside the wake-ups for new ones.
            let notifications = futures::stream::select(
                wakeups::job_notifications(pool.clone(), DELIVERY_QUEUE.to_owned()),
                ticks(DUE_CHECK),
            )
            .boxed();
            let storage = PollWith::new(
                PostgresStorage::<DeliveryJob>::new(&pool).with_config(config),
                StreamStrategy::new(wakeups::Echoing::new(notifications)),
            );
            let owner = format!("{name}-webhooks-{}", uuid::Uuid::new_v4().simple());
            let mut until = stop.clone();
            let result = WorkerBuilder::new(owner)
                .backend(storage)
                .data(state.clone())
                .concurrency(CONCURRENCY)
                .build(handle)
                .run_until(async move {
                    let _ = until.wait_for(|s| *s).await;
                    Ok::<(), std::io::Error>(())
                })
                .await;
            if *stop.borrow() {
                return;
            }
            tracing::error!(?result, "the webhook job loop stopped; starting it again");
            tokio::select! {
                _ = stop.wait_for(|s| *s) => return,
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    })
}

/// The apalis handler.
pub async fn handle(job: DeliveryJob, state: Data<Arc<WorkerState>>) -> Result<(), JobError> {
    let span = tracing::info_span!(
        "webhook",
        tenant_id = %job.tenant_id,
        delivery_id = %job.delivery_id,
        attempt = job.attempt
    );
    let state = Arc::clone(&state);
    let run = tokio::spawn(async move { attempt(&job, &state).await }.instrument(span));
    run.await
        .map_err(|err| JobError::Panicked(err.to_string()))?
}

async fn attempt(job: &DeliveryJob, state: &WorkerState) -> Result<(), JobError> {
    let target = {
        let mut tx = state.db.tenant(job.tenant_id).await?;
        let target = repo::webhooks::target(&mut tx, job.delivery_id).await?;
        tx.commit().await?;
        target
    };
    let Some(target) = target else {
        tracing::info!("the delivery is gone (its endpoint was deleted)");
        return Ok(());
    };
    if target.status != "pending" || target.attempt_count != job.attempt - 1 {
        tracing::info!(status = %target.status, made = target.attempt_count, "attempt already made");
        return Ok(());
    }
    let outcome = if !target.enabled {
        send::Outcome {
            status: None,
            latency_ms: 0,
            error: Some("The endpoint is disabled.".into()),
            retryable: false,
        }
    } else {
        match (
            EndpointUrl::parse(&target.url),
            secret::key_bytes(&target.secret),
        ) {
            (Ok(url), Some(key)) => {
                let signed = send::Signed {
                    event_id: &target.event_id,
                    key: &key,
                    body: &target.payload,
                };
                send::send(&url, &signed, &state.config.webhooks).await
            }
            _ => send::Outcome {
                status: None,
                latency_ms: 0,
                error: Some("The endpoint's address or secret is unusable.".into()),
                retryable: false,
            },
        }
    };
    record(job, state, &outcome).await
}

/// Appends the attempt and, when another may help, queues it after its pause; one
/// transaction, so the log and the next job exist together.
async fn record(
    job: &DeliveryJob,
    state: &WorkerState,
    outcome: &send::Outcome,
) -> Result<(), JobError> {
    let pause = (outcome.retryable && !outcome.succeeded())
        .then(|| webhooks::retry_delay(job.attempt))
        .flatten();
    let next_at = pause.and_then(|p| chrono::Duration::from_std(p).ok().map(|p| Utc::now() + p));
    let status = match (outcome.succeeded(), next_at) {
        (true, _) => "succeeded",
        (false, Some(_)) => "pending",
        (false, None) => "failed",
    };
    let mut tx = state.db.tenant(job.tenant_id).await?;
    let recorded = repo::webhooks::record_attempt(
        &mut tx,
        job.delivery_id,
        &Attempt {
            number: job.attempt,
            status_code: outcome.status,
            latency_ms: outcome.latency_ms,
            error: outcome.error.as_deref(),
            status,
            next_at,
        },
    )
    .await?;
    if recorded && let Some(at) = next_at {
        let next = DeliveryJob {
            attempt: job.attempt + 1,
            ..job.clone()
        };
        webhooks::enqueue(&mut tx, &[next], Some(at)).await?;
    }
    tx.commit().await?;
    tracing::info!(
        status,
        code = outcome.status,
        latency_ms = outcome.latency_ms,
        last = job.attempt >= MAX_ATTEMPTS,
        "webhook attempt recorded"
    );
    Ok(())
}
