//! One rollup pass over every tenant with pending usage changes. Safe to run anywhere
//! at any time, on any number of workers at once: see `repo::usage::roll_up`.

use std::collections::HashSet;

use crate::{db::Db, repo::usage};

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

/// Folds every pending change into the rollups. Each tenant commits on its own, so one
/// tenant's failure costs the others nothing.
pub async fn roll_up_all(db: &Db) -> Result<PassSummary, sqlx::Error> {
    let mut summary = PassSummary::default();
    // A tenant skipped or failed now still has changes; visit each once per pass.
    let mut visited = HashSet::new();
    loop {
        let tenants = db.tenants_with_usage_changes(TENANT_BATCH).await?;
        let fresh: Vec<_> = tenants.into_iter().filter(|t| visited.insert(*t)).collect();
        if fresh.is_empty() {
            return Ok(summary);
        }
        for tenant in fresh {
            let result = async {
                let mut tx = db.tenant(tenant).await?;
                let outcome = usage::roll_up(&mut tx).await?;
                tx.commit().await?;
                Ok::<_, crate::db::RepoError>(outcome)
            }
            .await;
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
