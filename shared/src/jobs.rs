//! Background jobs and how they are enqueued: in the same transaction as the data they
//! act on, so a message is never stored without its reply job (or the reverse).

use apalis_core::task::builder::TaskBuilder;
use serde::{Deserialize, Serialize};

use crate::{
    db::{RepoError, TenantTx},
    ids::{ChatId, MessageId, TenantId},
};

/// The queue of reply jobs (apalis-postgres `job_type`).
pub const REPLY_QUEUE: &str = "kremna.reply";

/// Attempts the job queue itself makes (infrastructure failures: the database gone,
/// a worker killed). Provider faults are retried inside one attempt, with backoff.
pub const REPLY_QUEUE_ATTEMPTS: usize = 5;

/// Write the assistant's reply to one visitor message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyJob {
    pub tenant_id: TenantId,
    pub chat_id: ChatId,
    /// The visitor message to answer.
    pub message_id: MessageId,
    /// When the job was enqueued (Unix µs, just before its transaction commits), for
    /// the pickup-latency metric.
    pub enqueued_at_us: i64,
}

/// Enqueues `job` on the transaction's connection: it exists if and only if the
/// transaction commits. The visitor message id is the idempotency key, so enqueueing
/// the same reply twice stores one job.
pub async fn enqueue_reply(tx: &mut TenantTx, job: &ReplyJob) -> Result<(), RepoError> {
    debug_assert_eq!(job.tenant_id, tx.tenant_id());
    let args = serde_json::to_vec(job)
        .map_err(|e| RepoError::Database(sqlx::Error::Encode(Box::new(e))))?;
    let task = TaskBuilder::new(args)
        .max_attempts(REPLY_QUEUE_ATTEMPTS)
        .idempotency_key(job.message_id.to_string())
        .build();
    apalis_postgres::queries::push_tasks(tx.conn(), REPLY_QUEUE, vec![task])
        .await
        .map_err(|e| RepoError::Database(sqlx::Error::Protocol(format!("enqueue reply job: {e}"))))
}
