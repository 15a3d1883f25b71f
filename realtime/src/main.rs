//! `kremna-realtime`: the Socket.IO node.

use std::{net::SocketAddr, process::ExitCode};

use kremna_shared::{config::Config, service, shutdown};

#[tokio::main]
async fn main() -> ExitCode {
    service::main("kremna-realtime", Config::from_env(), |config| async move {
        let addr = SocketAddr::new(config.http.host, config.realtime.port);
        let listener = kremna_realtime::http::bind(addr).await?;
        let node = kremna_realtime::start(config, listener).await?;
        shutdown::signal().await;
        node.stop().await;
        Ok(())
    })
    .await
}
