//! Readiness: whether a service can do its job right now. One check list, used by all
//! three services' `/readyz`, so the answer means the same everywhere.
//!
//! Each probe gets two seconds; a dependency that does not answer in time counts as down,
//! so an orchestrator stops sending traffic instead of queueing it behind a dead socket.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::future::{BoxFuture, join_all};
use redis::aio::ConnectionManager;
use serde_json::{Map, Value, json};

use crate::db::Db;

const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// One dependency or internal part a service needs in order to serve.
pub trait Probe: Send + Sync {
    fn name(&self) -> &'static str;
    /// `Ok` when usable; otherwise a short reason for the logs (never sent to clients).
    fn check(&self) -> BoxFuture<'_, Result<(), String>>;
}

/// The checks a service answers `/readyz` with.
#[derive(Clone, Default)]
pub struct Readiness {
    probes: Vec<Arc<dyn Probe>>,
}

/// The outcome of one readiness check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub checks: Vec<(&'static str, bool)>,
}

impl Readiness {
    /// Postgres and Redis, which every service needs.
    pub fn new(db: Db, redis: ConnectionManager) -> Self {
        Self::default()
            .with(DatabaseProbe(db))
            .with(RedisProbe(redis))
    }

    pub fn with(mut self, probe: impl Probe + 'static) -> Self {
        self.probes.push(Arc::new(probe));
        self
    }

    pub async fn report(&self) -> Report {
        let results = join_all(self.probes.iter().map(|probe| async move {
            let ok = match tokio::time::timeout(PROBE_TIMEOUT, probe.check()).await {
                Ok(Ok(())) => true,
                Ok(Err(reason)) => {
                    tracing::warn!(check = probe.name(), reason, "not ready");
                    false
                }
                Err(_) => {
                    tracing::warn!(check = probe.name(), "not ready: no answer in time");
                    false
                }
            };
            (probe.name(), ok)
        }))
        .await;
        Report { checks: results }
    }
}

impl Report {
    pub fn ready(&self) -> bool {
        self.checks.iter().all(|(_, ok)| *ok)
    }

    /// 200 or 503.
    pub fn status(&self) -> u16 {
        if self.ready() { 200 } else { 503 }
    }

    /// `{"status": "ok"|"unavailable", "checks": {"database": "ok", ...}}`.
    pub fn body(&self) -> Value {
        let verdict = |ok: bool| if ok { "ok" } else { "unavailable" };
        let checks: Map<String, Value> = self
            .checks
            .iter()
            .map(|(name, ok)| ((*name).to_owned(), json!(verdict(*ok))))
            .collect();
        json!({ "status": verdict(self.ready()), "checks": checks })
    }
}

/// A round trip to Postgres.
pub struct DatabaseProbe(pub Db);

impl Probe for DatabaseProbe {
    fn name(&self) -> &'static str {
        "database"
    }

    fn check(&self) -> BoxFuture<'_, Result<(), String>> {
        Box::pin(async move { self.0.ping().await.map_err(|e| e.to_string()) })
    }
}

/// A `PING` to Redis.
pub struct RedisProbe(pub ConnectionManager);

impl Probe for RedisProbe {
    fn name(&self) -> &'static str {
        "redis"
    }

    fn check(&self) -> BoxFuture<'_, Result<(), String>> {
        Box::pin(async move {
            let mut redis = self.0.clone();
            redis::cmd("PING")
                .query_async::<String>(&mut redis)
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        })
    }
}

/// A loop that proves it is alive by beating (the worker's job loop: every heartbeat
/// it writes to Postgres). Unready before the first beat, after [`Heartbeat::stopped`],
/// and when the last beat is older than `max_age` — a loop that died or hangs stops
/// taking work, and readiness must say so even when its dependencies answer.
#[derive(Clone)]
pub struct Heartbeat {
    name: &'static str,
    max_age: Duration,
    last: Arc<Mutex<Option<Instant>>>,
}

impl Heartbeat {
    pub fn new(name: &'static str, max_age: Duration) -> Self {
        Self {
            name,
            max_age,
            last: Arc::new(Mutex::new(None)),
        }
    }

    pub fn beat(&self) {
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
    }

    /// The loop is known to be down (until its next beat).
    pub fn stopped(&self) {
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn fresh(&self) -> Result<(), String> {
        match *self.last.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(at) if at.elapsed() <= self.max_age => Ok(()),
            Some(at) => Err(format!("last beat {} ms ago", at.elapsed().as_millis())),
            None => Err("not running".into()),
        }
    }
}

impl Probe for Heartbeat {
    fn name(&self) -> &'static str {
        self.name
    }

    fn check(&self) -> BoxFuture<'_, Result<(), String>> {
        let fresh = self.fresh();
        Box::pin(async move { fresh })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(&'static str, bool);

    impl Probe for Fixed {
        fn name(&self) -> &'static str {
            self.0
        }
        fn check(&self) -> BoxFuture<'_, Result<(), String>> {
            let ok = self.1;
            Box::pin(async move { if ok { Ok(()) } else { Err("down".into()) } })
        }
    }

    struct Hangs;

    impl Probe for Hangs {
        fn name(&self) -> &'static str {
            "hangs"
        }
        fn check(&self) -> BoxFuture<'_, Result<(), String>> {
            Box::pin(futures::future::pending())
        }
    }

    #[tokio::test(start_paused = true)]
    async fn any_failing_or_silent_probe_makes_the_service_unready() {
        let all_up = Readiness::default()
            .with(Fixed("a", true))
            .with(Fixed("b", true));
        assert_eq!(all_up.report().await.status(), 200);

        let one_down = Readiness::default()
            .with(Fixed("a", true))
            .with(Fixed("b", false));
        let report = one_down.report().await;
        assert_eq!(report.status(), 503);
        assert_eq!(
            report.body(),
            json!({"status": "unavailable", "checks": {"a": "ok", "b": "unavailable"}})
        );

        let silent = Readiness::default().with(Hangs);
        assert_eq!(silent.report().await.checks, vec![("hangs", false)]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_heartbeat_is_ready_only_while_it_beats() {
        let beat = Heartbeat::new("jobs", Duration::from_secs(3));
        let readiness = Readiness::default().with(beat.clone());
        assert_eq!(readiness.report().await.status(), 503, "no beat yet");
        beat.beat();
        assert_eq!(readiness.report().await.status(), 200);
        beat.stopped();
        assert_eq!(readiness.report().await.status(), 503, "known to be down");
    }
}
