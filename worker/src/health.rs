//! The worker has no traffic port; this one answers liveness and readiness probes and
//! serves `/metrics`.

use std::{convert::Infallible, sync::Arc, time::Duration};

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode, body::Incoming, header};
use hyper_util::{
    rt::{TokioExecutor, TokioIo},
    server::conn::auto,
};
use kremna_shared::db::Db;
use tokio::net::TcpListener;

use crate::metrics::Metrics;

pub async fn serve(listener: TcpListener, db: Db, metrics: Arc<Metrics>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let (db, metrics) = (db.clone(), metrics.clone());
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                let (db, metrics) = (db.clone(), metrics.clone());
                async move {
                    if req.uri().path() == "/metrics" {
                        return Ok::<_, Infallible>(
                            Response::builder()
                                .header(header::CONTENT_TYPE, "text/plain; version=0.0.4")
                                .body(Full::new(Bytes::from(metrics.render())))
                                .unwrap_or_default(),
                        );
                    }
                    let (status, body) = match req.uri().path() {
                        "/healthz" => (StatusCode::OK, r#"{"status":"ok"}"#),
                        "/readyz" => {
                            let ok = matches!(
                                tokio::time::timeout(Duration::from_secs(2), db.ping()).await,
                                Ok(Ok(()))
                            );
                            if ok {
                                (StatusCode::OK, r#"{"status":"ok"}"#)
                            } else {
                                (
                                    StatusCode::SERVICE_UNAVAILABLE,
                                    r#"{"status":"unavailable"}"#,
                                )
                            }
                        }
                        _ => (StatusCode::NOT_FOUND, r#"{"status":"not_found"}"#),
                    };
                    Ok::<_, Infallible>(
                        Response::builder()
                            .status(status)
                            .header(header::CONTENT_TYPE, "application/json")
                            .body(Full::new(Bytes::from_static(body.as_bytes())))
                            .unwrap_or_default(),
                    )
                }
            });
            let _ = auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}
