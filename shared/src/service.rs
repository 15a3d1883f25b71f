//! The one `main` of every Kremna binary: read the configuration (every problem listed
//! at once, exit code 78 `EX_CONFIG`), start logging, run, and log a failure with its
//! whole cause chain before exiting non-zero.

use std::process::ExitCode;

use crate::{
    config::{Config, ConfigError},
    telemetry,
};

/// Runs `body` with a valid configuration. `name` labels the failure log line.
pub async fn main<F, Fut>(
    name: &'static str,
    config: Result<Config, ConfigError>,
    body: F,
) -> ExitCode
where
    F: FnOnce(Config) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let config = match config {
        Ok(config) => config,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(78);
        }
    };
    telemetry::init(&config.log);
    match body(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "{name} failed");
            ExitCode::FAILURE
        }
    }
}
