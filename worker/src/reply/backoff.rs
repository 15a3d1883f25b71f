//! How long to wait before the next provider call: exponential with full jitter (so
//! many workers hit by the same outage do not retry in step), at least what the
//! provider asked for in `Retry-After`.

use std::time::Duration;

use rand::Rng;

/// The longest pause between two attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(10);
/// A `Retry-After` longer than this is not waited for: the visitor is told instead.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(20);

/// The pause after failed attempt number `attempt` (1-based); `None` when the provider
/// asks for a longer pause than a visitor should wait.
pub fn delay(attempt: u32, base: Duration, retry_after: Option<Duration>) -> Option<Duration> {
    if retry_after.is_some_and(|r| r > MAX_RETRY_AFTER) {
        return None;
    }
    let exp = base.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1).min(16)));
    let ceiling = exp.min(MAX_DELAY);
    let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
    // Full jitter, but never less than half the ceiling: retries still back off.
    let jittered = Duration::from_millis(rand::thread_rng().gen_range(millis / 2..=millis.max(1)));
    Some(jittered.max(retry_after.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_caps_and_honours_retry_after() {
        let base = Duration::from_millis(500);
        for _ in 0..100 {
            let first = delay(1, base, None).unwrap();
            assert!(first >= Duration::from_millis(250) && first <= base);
            let fourth = delay(4, base, None).unwrap();
            assert!(fourth >= Duration::from_secs(2) && fourth <= Duration::from_secs(4));
            assert!(delay(30, base, None).unwrap() <= MAX_DELAY);
        }
        assert!(delay(1, base, Some(Duration::from_secs(3))).unwrap() >= Duration::from_secs(3));
        assert_eq!(delay(1, base, Some(Duration::from_secs(60))), None);
    }
}
