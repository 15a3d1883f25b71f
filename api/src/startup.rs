//! Turns a validated [`Config`] into a running server.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use kremna_shared::{
    auth::{JwtKeys, PasswordHasher},
    config::Config,
    db::Db,
    health::Readiness,
    ratelimit::RateLimiter,
    realtime, redis_client,
};
use poem::{
    Server,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
};

use crate::{app, listener::Guarded, state::AppState};

/// Connects to the database and Redis and builds the shared state.
pub async fn state(config: Config) -> anyhow::Result<AppState> {
    let db = Db::connect(&config.database)
        .await
        .context("connecting to Postgres (DATABASE_URL)")?;
    let redis = redis_client::manager(&config)?;
    let (broadcaster, link) = realtime::emitter_starting_without_redis(&config).await?;
    Ok(AppState {
        jwt: JwtKeys::new(&config.jwt),
        hasher: PasswordHasher::new().context("argon2 parameters")?,
        limiter: RateLimiter::new(redis.clone(), config.redis_prefix.clone()),
        readiness: Readiness::new(db.clone(), redis.clone()).with(link),
        broadcaster,
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
    let front_ends = app::FrontEnds::load(
        &state.config.http.dashboard_dir,
        &state.config.http.widget_dir,
    )
    .await?;
    let http = &state.config.http;
    let acceptor = Guarded::new(
        bound.acceptor,
        http.idle_timeout,
        (!http.trust_proxy_headers).then_some(http.max_connections_per_ip),
    );
    Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(
            app::build(state, front_ends),
            shutdown,
            Some(Duration::from_secs(15)),
        )
        .await
        .context("serving HTTP")
}
