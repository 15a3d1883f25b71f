//! The HTTP layer: hyper directly (not poem — mounted in poem, socketioxide loses the
//! websocket upgrade), health routes beside Socket.IO, and CORS for long-polling from
//! customer pages. CORS is not the gate: `start_chat` checks each assistant's allowed
//! origins, and the dashboard namespace checks its token. No cookies are used.

use std::{convert::Infallible, net::SocketAddr, time::Duration};

use bytes::Bytes;
use http::{HeaderValue, Method, Request, Response, StatusCode, header};
use http_body_util::{Either, Full};
use hyper::{body::Incoming, service::Service};
use hyper_util::{
    rt::{TokioExecutor, TokioIo},
    server::{conn::auto, graceful::GracefulShutdown},
};
use kremna_shared::{error_code::ErrorCode, health::Readiness, realtime::Adapter};
use socketioxide::service::SocketIoService;
use tokio::net::TcpListener;

use crate::client::PeerAddr;

/// The non-Socket.IO routes: health checks.
#[derive(Clone)]
pub struct HealthService {
    pub readiness: Readiness,
}

impl Service<Request<Incoming>> for HealthService {
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future =
        std::pin::Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, req: Request<Incoming>) -> Self::Future {
        let readiness = self.readiness.clone();
        Box::pin(async move {
            let (status, body) = match req.uri().path() {
                "/healthz" => (StatusCode::OK, r#"{"status":"ok"}"#.to_owned()),
                "/readyz" => {
                    let report = readiness.report().await;
                    (
                        StatusCode::from_u16(report.status())
                            .unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
                        report.body().to_string(),
                    )
                }
                _ => (
                    StatusCode::NOT_FOUND,
                    ErrorCode::NotFound.envelope_json("route not found"),
                ),
            };
            Ok(Response::builder()
                .status(status)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Full::new(Bytes::from(body)))
                .unwrap_or_default())
        })
    }
}

type SocketService = SocketIoService<HealthService, Adapter>;

/// Adds CORS headers for cross-origin polling.
fn with_cors<B>(origin: Option<HeaderValue>, mut response: Response<B>) -> Response<B> {
    if let Some(origin) = origin {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

/// Answers a CORS preflight (its body type is the Socket.IO service's, or empty).
fn preflight<B>(origin: Option<HeaderValue>) -> Response<Either<B, Full<Bytes>>> {
    let mut response = Response::new(Either::Right(Full::default()));
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    with_cors(origin, response)
}

/// Accepts connections until `shutdown` resolves, then waits (bounded) for open
/// connections to close.
pub async fn serve(
    listener: TcpListener,
    svc: SocketService,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let graceful = GracefulShutdown::new();
    let builder = auto::Builder::new(TokioExecutor::new());
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
        let _ = stream.set_nodelay(true);
        let svc = svc.clone();
        let conn_svc = hyper::service::service_fn(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(PeerAddr(peer));
            let origin = req.headers().get(header::ORIGIN).cloned();
            let is_preflight = req.method() == Method::OPTIONS;
            let svc = svc.clone();
            async move {
                if is_preflight {
                    return Ok::<_, Infallible>(preflight(origin));
                }
                let response = svc.call(req).await?;
                Ok(with_cors(origin, response.map(Either::Left)))
            }
        });
        let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), conn_svc);
        let conn = graceful.watch(conn.into_owned());
        tokio::spawn(async move {
            if let Err(err) = conn.await {
                tracing::debug!(%err, %peer, "connection ended with an error");
            }
        });
    }
    tracing::info!("closing connections");
    if tokio::time::timeout(Duration::from_secs(10), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after 10 s; closing anyway");
    }
}

/// Binds `addr`; tests pass port 0 and read the chosen port.
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}
