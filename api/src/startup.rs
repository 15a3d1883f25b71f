//! Turns a validated [`Config`] into a running server.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use kremna_shared::{
    auth::{JwtKeys, PasswordHasher},
    config::Config,
    db::Db,
    ratelimit::RateLimiter,
};
use poem::{
    Server,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
};
use secrecy::ExposeSecret;

use crate::{app, state::AppState};

/// Connects to the database and Redis and builds the shared state.
pub async fn state(config: Config, redis_prefix: &str) -> anyhow::Result<AppState> {
    let db = Db::connect(&config.database)
        .await
        .context("connecting to Postgres (DATABASE_URL)")?;
    let redis_client =
        redis::Client::open(config.redis_url.expose_secret()).context("parsing REDIS_URL")?;
    // Lazy: the API starts (and reports not-ready on /readyz) while Redis is down,
    // instead of crash-looping; each command is bounded so a dead Redis fails fast.
    let redis_config = redis::aio::ConnectionManagerConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_response_timeout(Some(Duration::from_secs(2)))
        .set_number_of_retries(2);
    let redis = redis::aio::ConnectionManager::new_lazy_with_config(redis_client, redis_config)
        .context("configuring Redis (REDIS_URL)")?;
    Ok(AppState {
        jwt: JwtKeys::new(&config.jwt),
        hasher: PasswordHasher::new().context("argon2 parameters")?,
        limiter: RateLimiter::new(redis.clone(), redis_prefix),
        config: Arc::new(config),
        db,
        redis,
    })
}

/// A bound listener: tests bind port 0 and read the address before serving.
pub struct Bound {
    acceptor: TcpAcceptor,
    pub addr: SocketAddr,
}

pub async fn bind(addr: SocketAddr) -> anyhow::Result<Bound> {
    let acceptor = TcpListener::bind(addr)
        .into_acceptor()
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = acceptor
        .local_addr()
        .first()
        .and_then(|a| a.as_socket_addr().copied())
        .context("reading the bound address")?;
    Ok(Bound { acceptor, addr })
}

/// Serves until `shutdown` resolves, then gives in-flight requests time to finish.
pub async fn serve(
    bound: Bound,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    Server::new_with_acceptor(bound.acceptor)
        .run_with_graceful_shutdown(app::build(state), shutdown, Some(Duration::from_secs(15)))
        .await
        .context("serving HTTP")
}
