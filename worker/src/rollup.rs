//! The analytics job: on every tick of `ANALYTICS_ROLLUP_SCHEDULE` (apalis-cron), fold
//! new usage into the hour and day rollups that `/analytics` reads. Every worker runs
//! the schedule; passes on the same tenant exclude each other, so extra workers only
//! make the analytics fresher, never wrong.

use std::{sync::Arc, time::Instant};

use apalis::prelude::*;
use apalis_cron::Tick;
use kremna_shared::{analytics::rollup::roll_up_all, db::TrustedDb};

use crate::metrics::Metrics;

pub struct RollupState {
    pub db: TrustedDb,
    pub metrics: Arc<Metrics>,
}

pub async fn tick(_tick: Tick, state: Data<Arc<RollupState>>) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let summary = roll_up_all(&state.db).await?;
    let elapsed = started.elapsed();
    state
        .metrics
        .rollup_pass(elapsed, summary.changes, summary.failed);
    if summary.changes > 0 || summary.failed > 0 {
        tracing::info!(
            tenants = summary.tenants,
            changes = summary.changes,
            hours = summary.hours,
            skipped = summary.skipped,
            failed = summary.failed,
            elapsed_ms = elapsed.as_millis(),
            "usage rollup pass"
        );
    }
    Ok(())
}
