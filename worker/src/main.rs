//! `kremna-worker`: reply generation and analytics rollups.

use std::{net::SocketAddr, process::ExitCode};

use kremna_shared::{config::Config, service, shutdown};

#[tokio::main]
async fn main() -> ExitCode {
    service::main("kremna-worker", Config::from_env(), |config| async move {
        let addr = SocketAddr::new(config.http.host, config.worker.health_port);
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let worker = kremna_worker::start(config, listener).await?;
        shutdown::signal().await;
        worker.stop().await
    })
    .await
}
