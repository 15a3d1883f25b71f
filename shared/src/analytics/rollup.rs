//! One rollup pass over every tenant with pending usage changes. Safe to run anywhere
//! at any time, on any number of workers at once: see `repo::usage::roll_up`.

use std::collections::HashSet;

use futures::{StreamExt, stream};

use crate::{db::TrustedDb, repo::usage};

/// What a pass did, for logs and metrics.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PassSummary {
    pub tenants: usize,
    /// Tenants another pass was rolling up at the same moment.
    pub skipped: usize,
    /// Tenants whose rollup failed (logged; their changes stay for the next pass).
    pub failed: usize,
    pub changes: u64,
    pub hours: usize,
}

/// How many tenants to fetch at a time.
const TENANT_BATCH: i32 = 500;
/// Tenants rolled up at once: their transactions touch disjoint rows, so a few in
/// flight keep Postgres busy while each waits on a round trip or a page read.
const CONCURRENT_TENANTS: usize = 4;

/// Folds every pending change into the rollups. Each tenant commits on its own, so one
/// tenant's failure costs the others nothing.
pub async fn roll_up_all(db: &TrustedDb) -> Result<PassSummary, sqlx::Error> {
    let mut summary = PassSummary::default();
    // A tenant skipped or failed now still has changes; visit each once per pass.
    let mut visited = HashSet::new();
    loop {
        let tenants = db.tenants_with_usage_changes(TENANT_BATCH).await?;
        let fresh: Vec<_> = tenants.into_iter().filter(|t| visited.insert(*t)).collect();
        if fresh.is_empty() {
            return Ok(summary);
        }
        let results: Vec<_> = stream::iter(fresh)
            .map(|tenant| async move {
                let result = async {
                    let mut tx = db.tenant(tenant).await?;
                    let outcome = usage::roll_up(&mut tx).await?;
                    tx.commit().await?;
                    Ok::<_, crate::db::RepoError>(outcome)
                }
                .await;
                (tenant, result)
            })
            .buffer_unordered(CONCURRENT_TENANTS)
            .collect()
            .await;
        for (tenant, result) in results {
            match result {
                Ok(outcome) if outcome.skipped => summary.skipped += 1,
                Ok(outcome) => {
                    summary.tenants += 1;
                    summary.changes += outcome.changes;
                    summary.hours += outcome.hours;
                }
                Err(err) => {
                    summary.failed += 1;
                    tracing::error!(%tenant, error = %err, "usage rollup failed for a tenant");
                }
            }
        }
    }
}
