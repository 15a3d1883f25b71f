//! Turns a validated [`Config`] into a running server.

use std::{convert::Infallible, io, net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use http_body_util::{BodyExt, combinators::BoxBody};
use kremna_shared::{
    auth::{JwtKeys, PasswordHasher},
    config::Config,
    db::Db,
    health::Readiness,
    http_server::{self, Connection, Limits},
    ratelimit::RateLimiter,
    realtime, redis_client,
};
use poem::{
    Endpoint, EndpointExt, Request, RequestParts,
    http::uri::Scheme,
    web::{LocalAddr, RemoteAddr},
};
use tokio::net::TcpListener;

use crate::{app, state::AppState};

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
    listener: TcpListener,
    pub addr: SocketAddr,
}

pub async fn bind(addr: SocketAddr) -> anyhow::Result<Bound> {
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    Ok(Bound { listener, addr })
}

/// Serves until `shutdown` resolves, then gives in-flight requests time to finish.
///
/// poem's own `Server` sets no header-read timeout, so the app runs on the server loop
/// the realtime node shares (`kremna_shared::http_server`): header, body and idle
/// deadlines and the per-address bound.
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
    let limits = Limits::new(&http.connections, http.trust_proxy_headers);
    let app = Arc::new(app::build(state.clone(), front_ends).boxed());
    http_server::serve(
        bound.listener,
        limits,
        move |conn| {
            let app = app.clone();
            hyper::service::service_fn(move |req| {
                let app = app.clone();
                let req = to_poem(&conn, req);
                async move {
                    Ok::<_, Infallible>(hyper::Response::<_>::from(app.get_response(req).await))
                }
            })
        },
        shutdown,
        Duration::from_secs(15),
    )
    .await;
    Ok(())
}

/// A hyper request as poem sees it, its body on the connection's body deadline.
fn to_poem(conn: &Connection, req: hyper::Request<hyper::body::Incoming>) -> Request {
    let (parts, body) = conn.request(req).into_parts();
    let body = BoxBody::new(body.map_err(io::Error::other));
    let parts = RequestParts::from((
        parts,
        LocalAddr(conn.local.into()),
        RemoteAddr(conn.peer.into()),
        Scheme::HTTP,
    ));
    Request::from_parts(parts, poem::Body::from(body))
}
