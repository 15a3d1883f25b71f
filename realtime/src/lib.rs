//! Kremna's realtime node: Socket.IO for the widget (`/`) and the live dashboard
//! (`/agents`), on the Redis adapter so any number of nodes act as one.
//!
//! `main.rs` wires configuration to [`start`]; tests start several nodes in-process.

pub mod agents;
pub mod client;
pub mod http;
pub mod payload;
pub mod respond;
pub mod state;
pub mod widget;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use kremna_shared::{
    auth::{JwtKeys, VisitorTokens},
    config::Config,
    db::{Db, TrustedDb},
    events::{AGENTS_NS, WIDGET_NS},
    health::Readiness,
    ratelimit::RateLimiter,
    realtime::{self, Adapter, Broadcaster, Io},
    redis_client,
};
use socketioxide::{SocketIo, handler::ConnectHandler};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::{http::HealthService, state::NodeState};

/// Client frames larger than this are refused at the transport, on both: a polling
/// request body gets 413, and a websocket message (or frame) closes the connection as
/// soon as its header announces the size, before it is read. Far above the
/// 4,000-character message limit, so an oversized message still gets a clear refusal.
pub(crate) const MAX_PAYLOAD_BYTES: u64 = 256 * 1024;
const MAX_WS_BYTES: usize = 256 * 1024;

/// A running node.
pub struct Node {
    pub addr: SocketAddr,
    pub io: Io,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    /// Background work that ends with the node: replays, dashboard access re-checks.
    background: Vec<JoinHandle<()>>,
}

impl Node {
    /// Stops accepting, disconnects sockets (clients reconnect elsewhere) and waits.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = self.task.await;
        for task in &self.background {
            task.abort();
        }
    }

    /// Waits until the node stops on its own (it never does unless shut down).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

/// Socket.IO's 25 s, or half the idle timeout when that is shorter: a long-poll is
/// answered and a websocket sees a ping at least twice per idle timeout, so only a dead
/// or stalled client is ever idle.
fn ping_interval(config: &Config) -> Duration {
    Duration::from_secs(25).min(config.realtime.connections.idle_timeout / 2)
}

pub async fn start(config: Config, listener: TcpListener) -> anyhow::Result<Node> {
    let addr = listener.local_addr().context("reading the bound address")?;
    let db = Db::connect(&config.database)
        .await
        .context("connecting to Postgres (DATABASE_URL)")?;
    let redis = redis_client::manager(&config)?;
    let (adapter, link) = realtime::adapter(&config)
        .await
        .context("connecting the Socket.IO Redis adapter (REDIS_URL, Redis >= 7)")?;

    let feed = realtime::ChatFeed::new(&config)?;
    let state = NodeState {
        jwt: JwtKeys::new(&config.jwt),
        visitors: VisitorTokens::new(&config.jwt),
        limiter: RateLimiter::new(redis.clone(), config.redis_prefix.clone()),
        config: Arc::new(config),
        readiness: Readiness::new(db.clone(), redis).with(link.clone()),
        db: TrustedDb::new(db),
        broadcaster: Broadcaster::detached(link.clone()).with_feed(feed),
    };
    let (svc, io) = SocketIo::builder()
        .with_state(state.clone())
        .max_payload(MAX_PAYLOAD_BYTES)
        .max_buffer_size(state.config.realtime.socket_buffer)
        .ws_max_message_size(MAX_WS_BYTES)
        .ws_max_frame_size(MAX_WS_BYTES)
        .ping_interval(ping_interval(&state.config))
        .ping_timeout(Duration::from_secs(20))
        .with_adapter::<Adapter>(adapter)
        .build_with_inner_svc(HealthService {
            readiness: state.readiness.clone(),
        });
    state.broadcaster.attach(io.clone());
    io.ns(WIDGET_NS, widget::on_connect)
        .await
        .context("registering the widget namespace")?;
    io.ns(AGENTS_NS, agents::on_connect.with(agents::authenticate))
        .await
        .context("registering the dashboard namespace")?;

    // Broadcasts this node may have missed (Redis restarted, or the node fell behind)
    // reach its visitors from Postgres.
    let recovery = tokio::spawn(widget::recover::run(
        io.clone(),
        state.db.clone(),
        link.watch(),
    ));
    // Dashboard sockets lose access within seconds of a sign-out, a removal or an
    // expiry: announced through Redis, and re-checked periodically in case one is lost.
    let (revoked_tx, revoked_rx) = tokio::sync::mpsc::channel(256);
    let listen_config = state.config.clone();
    let revocations = tokio::spawn(async move {
        kremna_shared::auth::revocation::listen(&listen_config, revoked_tx).await;
    });
    let access = tokio::spawn(agents::access::run(io.clone(), state.clone(), revoked_rx));

    let (tx, rx) = oneshot::channel::<()>();
    let closing_io = io.clone();
    let limits = kremna_shared::http_server::Limits::new(
        &state.config.realtime.connections,
        state.config.http.trust_proxy_headers,
    );
    let task = tokio::spawn(http::serve(listener, svc, limits, async move {
        let _ = rx.await;
        // Sockets are told to go; their clients reconnect to another node and resume.
        closing_io.close().await;
    }));
    tracing::info!(%addr, "kremna-realtime listening");
    Ok(Node {
        addr,
        io,
        shutdown: Some(tx),
        task,
        background: vec![recovery, revocations, access],
    })
}
