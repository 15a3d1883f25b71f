//! `kremna-worker`: reply generation and analytics rollups.

use std::{net::SocketAddr, process::ExitCode};

use kremna_shared::{config::Config, service, shutdown};

#[tokio::main]
async fn main() -> ExitCode {
    // The worker also needs a usable reply provider: a missing key is a configuration
    // error here (exit 78), though the other services start without one.
    let config = Config::from_env().and_then(|config| {
        config.reply_provider()?;
        Ok(config)
    });
    service::main("kremna-worker", config, |config| async move {
        let addr = SocketAddr::new(config.http.host, config.worker.health_port);
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let worker = kremna_worker::start(config, listener).await?;
        shutdown::signal().await;
        worker.stop().await
    })
    .await
}
