//! The worker has no traffic port; this one answers liveness and readiness probes
//! (`kremna_shared::health`, the same checks as the other services) and serves
//! `/metrics`.

use std::{convert::Infallible, sync::Arc};

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode, body::Incoming, header};
use hyper_util::{
    rt::{TokioExecutor, TokioIo},
    server::conn::auto,
};
use kremna_shared::{error_code::ErrorCode, health::Readiness};
use tokio::net::TcpListener;

use crate::metrics::Metrics;

pub async fn serve(listener: TcpListener, readiness: Readiness, metrics: Arc<Metrics>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let (readiness, metrics) = (readiness.clone(), metrics.clone());
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                let (readiness, metrics) = (readiness.clone(), metrics.clone());
                async move { Ok::<_, Infallible>(answer(req.uri().path(), &readiness, &metrics).await) }
            });
            let _ = auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}

async fn answer(path: &str, readiness: &Readiness, metrics: &Metrics) -> Response<Full<Bytes>> {
    let (status, content_type, body) = match path {
        "/metrics" => (
            StatusCode::OK,
            "text/plain; version=0.0.4",
            metrics.render(),
        ),
        "/healthz" => (
            StatusCode::OK,
            "application/json",
            r#"{"status":"ok"}"#.to_owned(),
        ),
        "/readyz" => {
            let report = readiness.report().await;
            (
                StatusCode::from_u16(report.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
                "application/json",
                report.body().to_string(),
            )
        }
        _ => (
            StatusCode::NOT_FOUND,
            "application/json",
            ErrorCode::NotFound.envelope_json("route not found"),
        ),
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_default()
}
