//! The HTTP server loop the API and the realtime node share, hardened against slow and
//! greedy clients (issue 9 point 5):
//!
//! - **headers**: a request's head must arrive whole within `header_timeout`, counted
//!   from when the server starts waiting for it, not per byte (hyper's header-read
//!   timeout for every HTTP/1 request; [`guard::GuardedIo`] for the first request of
//!   any connection, protocol sniffing included);
//! - **body**: once the head is in, the body must arrive whole within `body_timeout`
//!   ([`DeadlineBody`]; a slow body fails the handler's read);
//! - **idle**: a connection with no bytes in either direction for `idle_timeout` is
//!   closed (a stalled client, an abandoned keep-alive, a reader that stopped reading);
//! - **addresses**: at most `max_connections_per_ip` open connections per peer address;
//!   more are closed as soon as they are accepted. Behind a trusted proxy every peer is
//!   the proxy, so the bound is the proxy's job (`None`).
//!
//! A declared `Content-Length` over the body limit is each service's to refuse, since
//! each answers it in its own shape.

mod body;
mod guard;

use std::{convert::Infallible, net::SocketAddr, time::Duration};

use hyper::{
    Request, Response,
    body::{Body, Incoming},
    service::Service,
};
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto, graceful::GracefulShutdown},
};
use tokio::net::TcpListener;

pub use self::body::{BodyTimeout, BoxError, DeadlineBody};
use self::guard::{Counts, FirstRequest, GuardedIo};
use crate::config::ConnectionLimits;

/// The limits of one listener, from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub idle_timeout: Duration,
    /// `None`: no bound (behind a trusted proxy).
    pub max_connections_per_ip: Option<usize>,
}

impl Limits {
    /// From a service's settings; behind a trusted proxy (`TRUST_PROXY_HEADERS`) the
    /// per-address bound is off, since every peer is the proxy.
    pub fn new(limits: &ConnectionLimits, trust_proxy_headers: bool) -> Self {
        Self {
            header_timeout: limits.header_timeout,
            body_timeout: limits.body_timeout,
            idle_timeout: limits.idle_timeout,
            max_connections_per_ip: (!trust_proxy_headers).then_some(limits.max_per_ip),
        }
    }
}

/// One accepted connection, as its service sees it.
#[derive(Clone)]
pub struct Connection {
    pub peer: SocketAddr,
    pub local: SocketAddr,
    first_request: FirstRequest,
    body_timeout: Duration,
}

impl Connection {
    /// To be called on every request as it reaches the service: the connection has
    /// produced a request (its first-request deadline is off), and the body goes on
    /// its deadline.
    pub fn request(&self, req: Request<Incoming>) -> Request<DeadlineBody<Incoming>> {
        self.first_request.arrived();
        req.map(|body| DeadlineBody::new(body, self.body_timeout))
    }
}

/// Accepts connections until `shutdown` resolves, serving each with the service
/// `make` builds for it; then waits up to `grace` for open connections to finish.
pub async fn serve<M, S, B>(
    listener: TcpListener,
    limits: Limits,
    make: M,
    shutdown: impl Future<Output = ()> + Send,
    grace: Duration,
) where
    M: Fn(Connection) -> S,
    S: Service<Request<Incoming>, Response = Response<B>, Error = Infallible> + Send + 'static,
    S::Future: Send + 'static,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    let graceful = GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let counts = Counts::default();
    let local = listener.local_addr().ok();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(err) => {
                    tracing::warn!(%err, "accept failed");
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = match limits.max_connections_per_ip {
            Some(max) => match counts.take(peer.ip(), max) {
                Some(slot) => Some(slot),
                None => {
                    tracing::warn!("too many connections from one address; closed");
                    drop(stream);
                    continue;
                }
            },
            None => None,
        };
        let _ = stream.set_nodelay(true);
        let first_request = FirstRequest::default();
        let io = GuardedIo::new(
            stream,
            limits.idle_timeout,
            limits.header_timeout,
            first_request.clone(),
            slot,
        );
        let svc = make(Connection {
            peer,
            local: local.unwrap_or(peer),
            first_request,
            body_timeout: limits.body_timeout,
        });
        let conn = builder.serve_connection_with_upgrades(TokioIo::new(io), svc);
        let conn = graceful.watch(conn.into_owned());
        tokio::spawn(async move {
            if let Err(err) = conn.await {
                tracing::debug!(%err, %peer, "connection ended with an error");
            }
        });
    }
    tracing::info!("closing connections");
    if tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            ?grace,
            "connections still open after the grace period; closing anyway"
        );
    }
}
