//! The knowledge base: sources split into chunks that replies are grounded in.
//!
//! * [`extract`] and [`chunk`]: text out of Markdown, plain text and HTML, keeping
//!   headings, and the split into overlapping chunks (pure functions, shared by the
//!   worker, the evaluation and the benchmark).
//! * [`retrieve`]: full-text search in each chunk's language, fused with an exact cosine
//!   over the assistant's chunk vectors when there are any (reciprocal rank fusion),
//!   always inside a tenant transaction.
//! * [`IngestJob`] and [`enqueue_ingest`]: the ingestion job, pushed in the same
//!   transaction as the source row.
//! * The tables and their queries are in `repo::knowledge`.

pub mod chunk;
pub mod extract;
pub mod failure;
pub mod retrieve;

pub use failure::{Failure, FailureParams};

use apalis_core::task::builder::TaskBuilder;
use serde::{Deserialize, Serialize};

use crate::{
    db::{RepoError, TenantTx},
    ids::{SourceId, TenantId},
};

/// The text-search configuration of a source's chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
pub enum Language {
    /// English stemming and stop words.
    En,
    /// Turkish stemming and stop words.
    Tr,
    /// Words as written (no stemming): any other language.
    Simple,
}

impl Language {
    /// The Postgres text-search configuration.
    pub const fn regconfig(self) -> &'static str {
        match self {
            Self::En => "english",
            Self::Tr => "turkish",
            Self::Simple => "simple",
        }
    }

    pub fn from_regconfig(name: &str) -> Self {
        match name {
            "english" => Self::En,
            "turkish" => Self::Tr,
            _ => Self::Simple,
        }
    }
}

/// How often a web source is fetched again on its own (besides refetch on demand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
pub enum RefetchSchedule {
    Daily,
    Weekly,
}

impl RefetchSchedule {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "daily" => Some(Self::Daily),
            "weekly" => Some(Self::Weekly),
            _ => None,
        }
    }
}

/// The queue of ingestion jobs (apalis-postgres `job_type`).
pub const INGEST_QUEUE: &str = "kremna.knowledge";

/// Attempts the queue makes for infrastructure failures (the database gone, a worker
/// killed). A source that cannot be read fails once, with a reason.
pub const INGEST_QUEUE_ATTEMPTS: usize = 3;

/// Fetch (or read), split, embed and store one source's chunks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestJob {
    pub tenant_id: TenantId,
    pub source_id: SourceId,
}

/// Enqueues `job` on the transaction's connection: it exists if and only if the
/// transaction (which created or re-queued the source) commits.
pub async fn enqueue_ingest(tx: &mut TenantTx, job: &IngestJob) -> Result<(), RepoError> {
    debug_assert_eq!(job.tenant_id, tx.tenant_id());
    let args = serde_json::to_vec(job)
        .map_err(|e| RepoError::Database(sqlx::Error::Encode(Box::new(e))))?;
    let task = TaskBuilder::new(args)
        .max_attempts(INGEST_QUEUE_ATTEMPTS)
        .build();
    apalis_postgres::queries::push_tasks(tx.conn(), INGEST_QUEUE, vec![task])
        .await
        .map_err(|e| RepoError::Database(sqlx::Error::Protocol(format!("enqueue ingest job: {e}"))))
}
