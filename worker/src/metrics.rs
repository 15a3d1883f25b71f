//! What the worker measures, served as Prometheus text at `/metrics` on its health port:
//! reply pickup latency (enqueued → job started), time to first token (job started →
//! first delta relayed), and reply outcomes.

use std::{
    collections::VecDeque,
    fmt::Write as _,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

/// Quantiles over the most recent samples (a bounded window, so memory stays flat).
struct Summary {
    window: Mutex<VecDeque<f64>>,
    count: AtomicU64,
    sum_micros: AtomicU64,
}

const WINDOW: usize = 100_000;
const QUANTILES: [f64; 4] = [0.5, 0.9, 0.99, 0.999];

impl Summary {
    fn new() -> Self {
        Self {
            window: Mutex::new(VecDeque::with_capacity(1024)),
            count: AtomicU64::new(0),
            sum_micros: AtomicU64::new(0),
        }
    }

    fn observe(&self, value: Duration) {
        let micros = u64::try_from(value.as_micros()).unwrap_or(u64::MAX);
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(micros, Ordering::Relaxed);
        if let Ok(mut window) = self.window.lock() {
            if window.len() == WINDOW {
                window.pop_front();
            }
            window.push_back(value.as_secs_f64());
        }
    }

    fn render(&self, name: &str, help: &str, out: &mut String) {
        let mut sorted: Vec<f64> = self
            .window
            .lock()
            .map(|w| w.iter().copied().collect())
            .unwrap_or_default();
        sorted.sort_by(f64::total_cmp);
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} summary");
        for q in QUANTILES {
            if let Some(v) = quantile(&sorted, q) {
                let _ = writeln!(out, "{name}{{quantile=\"{q}\"}} {v:.6}");
            }
        }
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_sum {sum:.6}");
        let _ = writeln!(out, "{name}_count {}", self.count.load(Ordering::Relaxed));
    }
}

/// Nearest-rank quantile of sorted samples.
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted.get(rank - 1).copied()
}

pub struct Metrics {
    pickup: Summary,
    first_token: Summary,
    completed: AtomicU64,
    failed: AtomicU64,
    rollup: Summary,
    rollup_changes: AtomicU64,
    rollup_failures: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            pickup: Summary::new(),
            first_token: Summary::new(),
            completed: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            rollup: Summary::new(),
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
    fn quantiles_and_rendering() {
        let m = Metrics::default();
        for ms in 1..=100 {
            m.pickup(Duration::from_millis(ms));
        }
        m.outcome(true);
        let text = m.render();
        assert!(
            text.contains("kremna_reply_pickup_seconds{quantile=\"0.5\"} 0.050000"),
            "{text}"
        );
        assert!(
            text.contains("kremna_reply_pickup_seconds{quantile=\"0.99\"} 0.099000"),
            "{text}"
        );
        assert!(text.contains("kremna_reply_pickup_seconds_count 100"));
        assert!(text.contains("kremna_replies_total{outcome=\"complete\"} 1"));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
