//! Latency samples and their quantiles.

use std::time::Duration;

#[derive(Default)]
pub struct Sample {
    values: Vec<Duration>,
}

impl Sample {
    pub fn push(&mut self, value: Duration) {
        self.values.push(value);
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The `q` quantile by rank (what percentile_disc gives).
    pub fn quantile(&self, q: f64) -> Option<Duration> {
        let mut sorted = self.values.clone();
        sorted.sort_unstable();
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
        sorted.get(rank - 1).copied()
    }

    pub fn summary(&self) -> String {
        let q = |q| self.quantile(q).map_or_else(|| "-".into(), ms);
        format!(
            "p50 {}   p95 {}   p99 {}   max {}",
            q(0.5),
            q(0.95),
            q(0.99),
            q(1.0)
        )
    }
}

pub fn ms(value: Duration) -> String {
    format!("{:.2} ms", value.as_secs_f64() * 1000.0)
}

pub fn human(value: Duration) -> String {
    if value.as_secs() >= 10 {
        format!("{:.1} s", value.as_secs_f64())
    } else {
        ms(value)
    }
}
