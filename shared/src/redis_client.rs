//! The one way the services open their Redis connection for commands (rate limits,
//! readiness). Lazy: a service starts (and reports not-ready on `/readyz`) while Redis is
//! down instead of crash-looping, and every command is bounded so a dead Redis fails
//! fast instead of hanging a request: a counter bump answers in a millisecond, so half
//! a second without an answer means Redis hangs, and one quick retry is all a request
//! can afford.

use std::time::Duration;

use anyhow::Context;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::ExposeSecret;

use crate::config::Config;

pub fn manager(config: &Config) -> anyhow::Result<ConnectionManager> {
    let client =
        redis::Client::open(config.redis_url.expose_secret()).context("parsing REDIS_URL")?;
    let settings = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(Duration::from_millis(500)))
        .set_response_timeout(Some(Duration::from_millis(500)))
        .set_number_of_retries(1);
    ConnectionManager::new_lazy_with_config(client, settings)
        .context("configuring Redis (REDIS_URL)")
}
