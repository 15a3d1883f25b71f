//! Scheduled refetch (issue 13): on every tick of `KNOWLEDGE_REFETCH_SCHEDULE`
//! (apalis-cron), the tenants with a web source due are listed (ids only), and each
//! tenant's due sources are re-queued with their ingestion job in one transaction that
//! also moves their next refetch a period on. Every worker may run the schedule: a
//! source taken by one is no longer due for the other.

use std::sync::Arc;

use apalis::prelude::*;
use apalis_cron::Tick;
use kremna_shared::{
    knowledge::{IngestJob, enqueue_ingest},
    repo,
};

use crate::reply::WorkerState;

/// Tenants handled per tick (the rest wait for the next).
const TENANTS_PER_TICK: i32 = 100;

pub async fn tick(_tick: Tick, state: Data<Arc<WorkerState>>) -> Result<(), BoxDynError> {
    let tenants = state
        .db
        .tenants_with_due_refetches(TENANTS_PER_TICK)
        .await?;
    for tenant_id in tenants {
        let mut tx = state.db.tenant(tenant_id).await?;
        let due = repo::knowledge::take_due_refetches(&mut tx).await?;
        for source_id in &due {
            enqueue_ingest(
                &mut tx,
                &IngestJob {
                    tenant_id,
                    source_id: *source_id,
                },
            )
            .await?;
        }
        tx.commit().await?;
        if !due.is_empty() {
            tracing::info!(%tenant_id, sources = due.len(), "scheduled knowledge refetch queued");
        }
    }
    Ok(())
}
