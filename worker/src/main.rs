//! `kremna-worker`: reply generation (and, later, analytics rollups).

use std::{net::SocketAddr, process::ExitCode};

use kremna_shared::{config::Config, shutdown, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(78);
        }
    };
    if let Err(err) = config.reply_provider() {
        eprintln!("{err}");
        return ExitCode::from(78);
    }
    telemetry::init(&config.log);
    let addr = SocketAddr::new(config.http.host, config.worker.health_port);
    let result = async {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let worker = kremna_worker::start(config, listener).await?;
        shutdown::signal().await;
        worker.stop().await
    }
    .await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "kremna-worker failed");
            ExitCode::FAILURE
        }
    }
}
