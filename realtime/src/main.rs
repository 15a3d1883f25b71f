//! `kremna-realtime`: the Socket.IO node.

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
    telemetry::init(&config.log);
    let addr = SocketAddr::new(config.http.host, config.realtime.port);
    let result = async {
        let listener = kremna_realtime::http::bind(addr).await?;
        let node = kremna_realtime::start(config, listener).await?;
        shutdown::signal().await;
        node.stop().await;
        anyhow::Ok(())
    }
    .await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "kremna-realtime failed");
            ExitCode::FAILURE
        }
    }
}
