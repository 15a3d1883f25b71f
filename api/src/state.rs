use std::sync::Arc;

use kremna_shared::{
    auth::{JwtKeys, PasswordHasher},
    config::Config,
    db::Db,
    health::Readiness,
    ratelimit::RateLimiter,
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
}
