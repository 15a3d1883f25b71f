use std::sync::Arc;

use kremna_shared::{
    auth::{JwtKeys, PasswordHasher},
    config::Config,
    db::Db,
    health::Readiness,
    ratelimit::RateLimiter,
    realtime::Broadcaster,
};
use redis::aio::ConnectionManager;

/// What handlers share; cheap to clone (everything inside is a handle).
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Db,
    pub redis: ConnectionManager,
    pub jwt: JwtKeys,
    pub hasher: PasswordHasher,
    pub limiter: RateLimiter,
    pub readiness: Readiness,
    /// Sends what members do in chats (their messages, take-overs) to the widget and
    /// the dashboards, through the realtime nodes' Redis adapter.
    pub broadcaster: Broadcaster,
}
