use std::sync::Arc;

use kremna_shared::{
    auth::{JwtKeys, VisitorTokens},
    config::Config,
    db::Db,
    ratelimit::RateLimiter,
};
use redis::aio::ConnectionManager;

/// What every socket handler shares (Socket.IO `State`); cheap to clone.
#[derive(Clone)]
pub struct NodeState {
    pub config: Arc<Config>,
    pub db: Db,
    pub jwt: JwtKeys,
    pub visitors: VisitorTokens,
    pub limiter: RateLimiter,
    pub redis: ConnectionManager,
}
