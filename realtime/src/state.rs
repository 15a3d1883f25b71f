use std::sync::Arc;

use kremna_shared::{
    auth::{JwtKeys, VisitorTokens},
    config::Config,
    db::TrustedDb,
    health::Readiness,
    ratelimit::RateLimiter,
    realtime::Broadcaster,
};

/// What every socket handler shares (Socket.IO `State`); cheap to clone.
#[derive(Clone)]
pub struct NodeState {
    pub config: Arc<Config>,
    /// The realtime node acts for visitors whose token it verified, and for dashboard
    /// members it re-checks through [`kremna_shared::db::Db::member`].
    pub db: TrustedDb,
    pub jwt: JwtKeys,
    pub visitors: VisitorTokens,
    pub limiter: RateLimiter,
    /// The node's one broadcaster (attached to its `SocketIo` at start-up).
    pub broadcaster: Broadcaster,
    pub readiness: Readiness,
}
