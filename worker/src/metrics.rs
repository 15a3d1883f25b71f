//! What the worker measures, served as Prometheus text at `/metrics` on its health port:
//! reply pickup latency (enqueued → job started), time to first token (job started →
//! first delta relayed), reply outcomes and rollup passes.

use std::{
    fmt::Write as _,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

/// Upper bounds of the latency buckets, in seconds: fine where the targets are (a few
/// milliseconds), coarse beyond. Histograms rather than quantiles because buckets can
/// be subtracted and summed: a benchmark diffs two scrapes to see one run, and
/// Prometheus adds up the workers of a fleet.
const BUCKETS: [f64; 26] = [
    0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03,
    0.04, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// A Prometheus histogram of durations (bucket counts are cumulative when rendered).
struct Histogram {
    /// Observations per bucket, not cumulative; the last one is `+Inf`.
    counts: [AtomicU64; BUCKETS.len() + 1],
    sum_micros: AtomicU64,
}

impl Histogram {
    fn new() -> Self {
        Self {
            counts: std::array::from_fn(|_| AtomicU64::new(0)),
            sum_micros: AtomicU64::new(0),
        }
    }

    fn observe(&self, value: Duration) {
        let seconds = value.as_secs_f64();
        let bucket = BUCKETS.partition_point(|bound| *bound < seconds);
        if let Some(count) = self.counts.get(bucket) {
            count.fetch_add(1, Ordering::Relaxed);
        }
        let micros = u64::try_from(value.as_micros()).unwrap_or(u64::MAX);
        self.sum_micros.fetch_add(micros, Ordering::Relaxed);
    }

    fn render(&self, name: &str, help: &str, out: &mut String) {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
        let mut cumulative = 0;
        for (index, count) in self.counts.iter().enumerate() {
            cumulative += count.load(Ordering::Relaxed);
            match BUCKETS.get(index) {
                Some(bound) => {
                    let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {cumulative}");
                }
                None => {
                    let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {cumulative}");
                }
            }
        }
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_sum {sum:.6}");
        let _ = writeln!(out, "{name}_count {cumulative}");
    }
}

pub struct Metrics {
    pickup: Histogram,
    first_token: Histogram,
    completed: AtomicU64,
    failed: AtomicU64,
    rollup: Histogram,
    rollup_changes: AtomicU64,
    rollup_failures: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            pickup: Histogram::new(),
            first_token: Histogram::new(),
            completed: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            rollup: Histogram::new(),
            rollup_changes: AtomicU64::new(0),
            rollup_failures: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    pub fn pickup(&self, latency: Duration) {
        self.pickup.observe(latency);
    }

    pub fn first_token(&self, latency: Duration) {
        self.first_token.observe(latency);
    }

    pub fn outcome(&self, completed: bool) {
        let counter = if completed {
            &self.completed
        } else {
            &self.failed
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn rollup_pass(&self, elapsed: Duration, changes: u64, failed_tenants: usize) {
        self.rollup.observe(elapsed);
        self.rollup_changes.fetch_add(changes, Ordering::Relaxed);
        self.rollup_failures
            .fetch_add(failed_tenants as u64, Ordering::Relaxed);
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        self.pickup.render(
            "kremna_reply_pickup_seconds",
            "From the visitor message being enqueued to its reply job starting.",
            &mut out,
        );
        self.first_token.render(
            "kremna_reply_first_token_seconds",
            "From the reply job starting to its first delta being relayed.",
            &mut out,
        );
        let _ = writeln!(
            out,
            "# HELP kremna_replies_total Replies finished, by outcome.\n# TYPE kremna_replies_total counter\n\
             kremna_replies_total{{outcome=\"complete\"}} {}\nkremna_replies_total{{outcome=\"failed\"}} {}",
            self.completed.load(Ordering::Relaxed),
            self.failed.load(Ordering::Relaxed)
        );
        self.rollup.render(
            "kremna_usage_rollup_seconds",
            "Duration of one usage rollup pass over every tenant with changes.",
            &mut out,
        );
        let _ = writeln!(
            out,
            "# HELP kremna_usage_rollup_changes_total Usage changes folded into rollups.\n\
             # TYPE kremna_usage_rollup_changes_total counter\n\
             kremna_usage_rollup_changes_total {}\n\
             # HELP kremna_usage_rollup_failures_total Tenant rollups that failed (retried next pass).\n\
             # TYPE kremna_usage_rollup_failures_total counter\n\
             kremna_usage_rollup_failures_total {}",
            self.rollup_changes.load(Ordering::Relaxed),
            self.rollup_failures.load(Ordering::Relaxed)
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_cumulative_and_bounds_inclusive() {
        let m = Metrics::default();
        for ms in [1, 1, 2, 5, 26, 120_000] {
            m.pickup(Duration::from_millis(ms));
        }
        m.outcome(true);
        let text = m.render();
        for line in [
            "# TYPE kremna_reply_pickup_seconds histogram",
            "kremna_reply_pickup_seconds_bucket{le=\"0.0005\"} 0",
            "kremna_reply_pickup_seconds_bucket{le=\"0.001\"} 2",
            "kremna_reply_pickup_seconds_bucket{le=\"0.002\"} 3",
            "kremna_reply_pickup_seconds_bucket{le=\"0.005\"} 4",
            "kremna_reply_pickup_seconds_bucket{le=\"0.025\"} 4",
            "kremna_reply_pickup_seconds_bucket{le=\"0.03\"} 5",
            "kremna_reply_pickup_seconds_bucket{le=\"60\"} 5",
            "kremna_reply_pickup_seconds_bucket{le=\"+Inf\"} 6",
            "kremna_reply_pickup_seconds_count 6",
            "kremna_reply_pickup_seconds_sum 120.035000",
            "kremna_replies_total{outcome=\"complete\"} 1",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
    }
}
