//! Reply latency as a histogram over fixed bounds. Rollup rows store counts per bin, so
//! any number of hours and days add up exactly and still give a percentile — to within
//! one bin, which is why the bins grow geometrically (each about 1.25–1.5× the last).

use std::collections::BTreeMap;

/// Lower bounds (ms) of bins 1..: bin 0 is `[0, 25)`, bin `i` is
/// `[BOUNDS[i-1], BOUNDS[i])`, the last bin is open-ended. The rollup computes a bin with
/// Postgres' `width_bucket(latency_ms, BOUNDS)`, which numbers them the same way.
/// Changing these needs a full re-rollup (buckets are recomputed from messages, so
/// marking every hour dirty is enough).
pub const LATENCY_BOUNDS_MS: [i32; 30] = [
    25, 50, 75, 100, 125, 150, 200, 250, 300, 400, 500, 650, 800, 1_000, 1_250, 1_500, 2_000,
    2_500, 3_000, 4_000, 5_000, 6_500, 8_000, 10_000, 12_500, 15_000, 20_000, 30_000, 60_000,
    120_000,
];

/// Counts per bin; index = bin number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatencyHistogram {
    counts: [i64; LATENCY_BOUNDS_MS.len() + 1],
}

impl Default for LatencyHistogram {
    fn default() -> Self {
        Self {
            counts: [0; LATENCY_BOUNDS_MS.len() + 1],
        }
    }
}

impl LatencyHistogram {
    /// The bin a latency falls in, as `width_bucket` computes it.
    pub fn bin_of(latency_ms: i32) -> usize {
        LATENCY_BOUNDS_MS.partition_point(|&bound| bound <= latency_ms)
    }

    pub fn record(&mut self, latency_ms: i32) {
        self.counts[Self::bin_of(latency_ms)] += 1;
    }

    /// Adds a stored histogram (`{"bin": count}`); bins out of range are ignored.
    pub fn add_stored(&mut self, stored: &BTreeMap<String, i64>) {
        for (bin, count) in stored {
            if let Some(slot) = bin
                .parse::<usize>()
                .ok()
                .and_then(|b| self.counts.get_mut(b))
            {
                *slot += count;
            }
        }
    }

    pub fn merge(&mut self, other: &Self) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
    }

    pub fn total(&self) -> i64 {
        self.counts.iter().sum()
    }

    /// Range `[low, high)` of a bin in ms; the open-ended last bin reports its lower
    /// bound twice.
    pub fn bin_range(bin: usize) -> (f64, f64) {
        let low = if bin == 0 {
            0
        } else {
            LATENCY_BOUNDS_MS[bin - 1]
        };
        let high = LATENCY_BOUNDS_MS.get(bin).copied().unwrap_or(low);
        (f64::from(low), f64::from(high))
    }

    /// The `q` quantile (0 < q ≤ 1), interpolated linearly inside its bin. `None` when
    /// empty. The true value lies in the same bin.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        // The rank of the quantile sample, 1-based, as percentile_disc picks it.
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let rank = ((q * total as f64).ceil() as i64).clamp(1, total);
        let mut seen = 0;
        for (bin, &count) in self.counts.iter().enumerate() {
            if count > 0 && seen + count >= rank {
                let (low, high) = Self::bin_range(bin);
                #[allow(clippy::cast_precision_loss)]
                let within = (rank - seen) as f64 / count as f64;
                return Some(low + (high - low) * within);
            }
            seen += count;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_match_width_bucket() {
        assert_eq!(LatencyHistogram::bin_of(0), 0);
        assert_eq!(LatencyHistogram::bin_of(24), 0);
        assert_eq!(LatencyHistogram::bin_of(25), 1);
        assert_eq!(LatencyHistogram::bin_of(999), 13);
        assert_eq!(LatencyHistogram::bin_of(1_000), 14);
        assert_eq!(LatencyHistogram::bin_of(500_000), LATENCY_BOUNDS_MS.len());
        assert!(LATENCY_BOUNDS_MS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn quantiles_land_in_the_true_bin() {
        let mut h = LatencyHistogram::default();
        let samples: Vec<i32> = (1..=200).map(|i| i * 37 % 4_000).collect();
        for s in &samples {
            h.record(*s);
        }
        let mut sorted = samples.clone();
        sorted.sort_unstable();
        let exact = sorted[(0.95_f64 * 200.0).ceil() as usize - 1];
        let estimate = h.quantile(0.95).unwrap();
        let (low, high) = LatencyHistogram::bin_range(LatencyHistogram::bin_of(exact));
        assert!(
            (low..=high).contains(&estimate),
            "{estimate} not in [{low}, {high}] (exact {exact})"
        );
        assert_eq!(LatencyHistogram::default().quantile(0.95), None);
    }

    #[test]
    fn stored_histograms_add_up() {
        let mut h = LatencyHistogram::default();
        let stored: BTreeMap<String, i64> = [("1".to_owned(), 3), ("99".to_owned(), 5)].into();
        h.add_stored(&stored);
        h.add_stored(&stored);
        assert_eq!(h.total(), 6);
    }
}
