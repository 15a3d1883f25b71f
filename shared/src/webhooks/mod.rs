//! Signed webhooks (issue 11): a workspace's endpoints receive its events, signed the
//! Standard Webhooks way, delivered by the worker with backoff over hours.
//!
//! * [`emit`] is how a use case announces an event: in the caller's transaction it stores
//!   one delivery per enabled endpoint subscribed to the event and pushes one
//!   [`DeliveryJob`] for each, so a rolled-back change announces nothing and a committed
//!   one is delivered at least once.
//! * [`event`] names the events and what their `data` holds; [`secret`] and [`sign`] are
//!   the signing; [`url`] parses an endpoint's address. The worker's
//!   `webhooks/` module sends the requests.

pub mod event;
pub mod secret;
pub mod sign;
pub mod url;

use std::time::{Duration, SystemTime};

use apalis_core::task::builder::TaskBuilder;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use self::event::{EventType, TEST_EVENT};
use crate::{
    db::{RepoError, TenantTx},
    ids::{TenantId, WebhookDeliveryId, WebhookEndpointId},
    repo::{self, webhooks::NewDelivery},
};

/// The queue of delivery jobs (apalis-postgres `job_type`).
pub const DELIVERY_QUEUE: &str = "kremna.webhooks";

/// Pauses before each retry: the first attempt is at once, then 5 s, 5 min, 30 min, 2 h,
/// 5 h, 10 h and 10 h (about 28 hours in all, so a receiver down over a night still gets
/// everything). A delivery makes `RETRY_DELAYS.len() + 1` attempts.
pub const RETRY_DELAYS: [Duration; 7] = [
    Duration::from_secs(5),
    Duration::from_secs(5 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(2 * 3600),
    Duration::from_secs(5 * 3600),
    Duration::from_secs(10 * 3600),
    Duration::from_secs(10 * 3600),
];

/// Attempts one delivery makes before it is `failed`.
pub const MAX_ATTEMPTS: i32 = RETRY_DELAYS.len() as i32 + 1;

/// The pause after attempt `attempt` (1-based) failed; `None` after the last.
pub fn retry_delay(attempt: i32) -> Option<Duration> {
    usize::try_from(attempt - 1)
        .ok()
        .and_then(|i| RETRY_DELAYS.get(i).copied())
}

/// Times the queue re-runs one job after an infrastructure failure (the database gone,
/// a worker killed); a receiver's failure is not one: it is a new job after its pause.
pub const QUEUE_ATTEMPTS: usize = 3;

/// Make attempt `attempt` of one delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryJob {
    pub tenant_id: TenantId,
    pub delivery_id: WebhookDeliveryId,
    /// 1-based; a job whose attempt was already made (a duplicate) does nothing.
    pub attempt: i32,
}

/// Pushes `job` on the transaction's connection, to run at `at` (now when `None`).
pub async fn enqueue(
    tx: &mut TenantTx,
    jobs: &[DeliveryJob],
    at: Option<DateTime<Utc>>,
) -> Result<(), RepoError> {
    let mut tasks = Vec::with_capacity(jobs.len());
    for job in jobs {
        debug_assert_eq!(job.tenant_id, tx.tenant_id());
        let args = serde_json::to_vec(job)
            .map_err(|e| RepoError::Database(sqlx::Error::Encode(Box::new(e))))?;
        let mut task = TaskBuilder::new(args)
            .max_attempts(QUEUE_ATTEMPTS)
            .idempotency_key(format!("{}/{}", job.delivery_id, job.attempt));
        if let Some(at) = at {
            task = task.run_at_time(SystemTime::from(at));
        }
        tasks.push(task.build());
    }
    if tasks.is_empty() {
        return Ok(());
    }
    apalis_postgres::queries::push_tasks(tx.conn(), DELIVERY_QUEUE, tasks)
        .await
        .map_err(|e| RepoError::Database(sqlx::Error::Protocol(format!("enqueue webhook: {e}"))))
}

/// A new event id: `msg_` and a time-ordered UUID, the same on every endpoint and every
/// attempt, so a receiver can drop duplicates.
pub fn new_event_id() -> String {
    format!("msg_{}", uuid::Uuid::now_v7().simple())
}

/// The body every endpoint receives: `{"type", "timestamp", "data"}`.
#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    r#type: &'a str,
    timestamp: DateTime<Utc>,
    data: &'a T,
}

pub fn body<T: Serialize>(event_type: &str, data: &T) -> Result<String, RepoError> {
    serde_json::to_string(&Envelope {
        r#type: event_type,
        timestamp: Utc::now(),
        data,
    })
    .map_err(|e| RepoError::Database(sqlx::Error::Encode(Box::new(e))))
}

/// Stores a delivery of `event` to every enabled endpoint subscribed to it and queues
/// their jobs, in the caller's transaction. Returns how many endpoints will hear of it.
#[tracing::instrument(skip_all, fields(tenant_id = %tx.tenant_id(), event = event.as_str()))]
pub async fn emit<T: Serialize>(
    tx: &mut TenantTx,
    event: EventType,
    data: &T,
) -> Result<usize, RepoError> {
    let endpoints = repo::webhooks::subscribed(tx, event.as_str()).await?;
    if endpoints.is_empty() {
        return Ok(0);
    }
    let payload = body(event.as_str(), data)?;
    let event_id = new_event_id();
    deliver(tx, &endpoints, &event_id, event.as_str(), &payload).await?;
    Ok(endpoints.len())
}

/// Stores one delivery per endpoint of an already-built event and queues their first
/// attempts (also used by the test event and replays).
pub async fn deliver(
    tx: &mut TenantTx,
    endpoints: &[WebhookEndpointId],
    event_id: &str,
    event_type: &str,
    payload: &str,
) -> Result<Vec<repo::webhooks::DeliveryRecord>, RepoError> {
    let mut jobs = Vec::with_capacity(endpoints.len());
    let mut rows = Vec::with_capacity(endpoints.len());
    for &endpoint in endpoints {
        let row = repo::webhooks::insert_delivery(
            tx,
            &NewDelivery {
                endpoint,
                event_id,
                event_type,
                payload,
            },
        )
        .await?;
        jobs.push(DeliveryJob {
            tenant_id: tx.tenant_id(),
            delivery_id: row.id,
            attempt: 1,
        });
        rows.push(row);
    }
    enqueue(tx, &jobs, None).await?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_spans_hours_then_stops() {
        assert_eq!(retry_delay(1), Some(Duration::from_secs(5)));
        assert_eq!(retry_delay(7), Some(Duration::from_secs(36_000)));
        assert_eq!(retry_delay(MAX_ATTEMPTS), None);
        assert_eq!(retry_delay(0), None);
        let total: Duration = RETRY_DELAYS.iter().sum();
        assert!(total > Duration::from_secs(24 * 3600));
    }

    #[test]
    fn event_ids_are_distinct_and_prefixed() {
        let (a, b) = (new_event_id(), new_event_id());
        assert_ne!(a, b);
        assert!(a.starts_with("msg_") && a.len() <= 64);
    }
}
