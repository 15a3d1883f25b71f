//! The HTTP layer: hyper directly (not poem — mounted in poem, socketioxide loses the
//! websocket upgrade), health routes beside Socket.IO, and CORS for long-polling from
//! customer pages. CORS is not the gate: `start_chat` checks each assistant's allowed
//! origins, and the dashboard namespace checks its token. No cookies are used.

use std::{convert::Infallible, net::SocketAddr, time::Duration};

use bytes::Bytes;
use http::{HeaderValue, Method, Request, Response, StatusCode, header};
use http_body_util::{Either, Full};
use hyper::{body::Incoming, service::Service};
use kremna_shared::{
    error_code::ErrorCode,
    health::Readiness,
    http_server::{self, Connection, Limits},
    realtime::Adapter,
};
use socketioxide::service::SocketIoService;
use tokio::net::TcpListener;

use crate::{MAX_PAYLOAD_BYTES, client::PeerAddr};

/// The non-Socket.IO routes: health checks.
#[derive(Clone)]
pub struct HealthService {
    pub readiness: Readiness,
}

impl<B> Service<Request<B>> for HealthService {
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future =
        std::pin::Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, req: Request<B>) -> Self::Future {
        let readiness = self.readiness.clone();
        let path = req.uri().path().to_owned();
        Box::pin(async move {
            let (status, body) = match path.as_str() {
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

/// Answers a request whose declared body is over the limit, before any of it is read
/// (engine.io would read up to the limit first, and wait for a body that may never
/// come); the connection is closed after it.
fn too_large<B>(origin: Option<HeaderValue>) -> Response<Either<B, Full<Bytes>>> {
    let body = ErrorCode::PayloadTooLarge.envelope_json(&format!(
        "request body over the limit of {MAX_PAYLOAD_BYTES} bytes"
    ));
    let mut response = Response::new(Either::Right(Full::new(Bytes::from(body))));
    *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    with_cors(origin, response)
}

fn declared_length(headers: &http::HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// Accepts connections until `shutdown` resolves, then waits (bounded) for open
/// connections to close. The shared server loop applies the header, body and idle
/// deadlines and the per-address bound (`REALTIME_*` settings).
pub async fn serve(
    listener: TcpListener,
    svc: SocketService,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let make = move |conn: Connection| {
        let svc = svc.clone();
        hyper::service::service_fn(move |req: Request<Incoming>| {
            let mut req = conn.request(req);
            req.extensions_mut().insert(PeerAddr(conn.peer));
            let origin = req.headers().get(header::ORIGIN).cloned();
            let is_preflight = req.method() == Method::OPTIONS;
            let oversized = declared_length(req.headers()).is_some_and(|n| n > MAX_PAYLOAD_BYTES);
            let svc = svc.clone();
            async move {
                if is_preflight {
                    return Ok::<_, Infallible>(preflight(origin));
                }
                if oversized {
                    return Ok(too_large(origin));
                }
                let response = svc.call(req).await?;
                Ok(with_cors(origin, response.map(Either::Left)))
            }
        })
    };
    http_server::serve(listener, limits, make, shutdown, Duration::from_secs(10)).await;
}

/// Binds `addr`; tests pass port 0 and read the chosen port.
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}
