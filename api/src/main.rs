//! `kremna-api [serve]` runs the API; `kremna-api migrate` sets up the database;
//! `kremna-api openapi` prints the OpenAPI spec.

use std::{net::SocketAddr, process::ExitCode};

use kremna_shared::{config::Config, db::migrate, shutdown, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    if command == "openapi" {
        #[allow(clippy::print_stdout)]
        {
            println!("{}", kremna_api::app::openapi_json());
        }
        return ExitCode::SUCCESS;
    }
    if !matches!(command.as_str(), "serve" | "migrate") {
        eprintln!("usage: kremna-api [serve|migrate|openapi]");
        return ExitCode::from(2);
    }

    let loaded = if command == "migrate" {
        Config::for_migration_from_env()
    } else {
        Config::from_env()
    };
    let config = match loaded {
        Ok(config) => config,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(78); // EX_CONFIG
        }
    };
    telemetry::init(&config.log);

    let result = match command.as_str() {
        "migrate" => run_migrate(&config).await,
        _ => run_serve(config).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "kremna-api failed");
            ExitCode::FAILURE
        }
    }
}

async fn run_migrate(config: &Config) -> anyhow::Result<()> {
    let admin = config.database.admin_url.as_ref().ok_or_else(|| {
        anyhow::anyhow!(
            "DATABASE_ADMIN_URL is required for `migrate` (a role that may create roles and schemas)"
        )
    })?;
    let report = migrate::migrate(admin, &config.database.url).await?;
    tracing::info!(
        database = report.database,
        app_role = report.app_role,
        created_database = report.created_database,
        applied = ?report.applied,
        "database is up to date"
    );
    Ok(())
}

async fn run_serve(config: Config) -> anyhow::Result<()> {
    let addr = SocketAddr::new(config.http.host, config.http.port);
    let public_url = config.http.public_url.clone();
    let development = config.is_development();
    let state = kremna_api::startup::state(config, "kremna").await?;
    let bound = kremna_api::startup::bind(addr).await?;
    tracing::info!(%addr, %public_url, development, "kremna-api listening");
    kremna_api::startup::serve(bound, state, shutdown::signal()).await
}
