//! `kremna-api [serve]` runs the API; `kremna-api migrate` sets up the database;
//! `kremna-api openapi` prints the OpenAPI spec.

use std::{net::SocketAddr, process::ExitCode};

use kremna_shared::{config::Config, db::migrate, service, shutdown};

#[tokio::main]
async fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    match command.as_str() {
        "openapi" => {
            #[allow(clippy::print_stdout)]
            {
                println!("{}", kremna_api::app::openapi_json());
            }
            ExitCode::SUCCESS
        }
        "migrate" => {
            service::main(
                "kremna-api migrate",
                Config::for_migration_from_env(),
                run_migrate,
            )
            .await
        }
        "serve" => service::main("kremna-api", Config::from_env(), run_serve).await,
        _ => {
            eprintln!("usage: kremna-api [serve|migrate|openapi]");
            ExitCode::from(2)
        }
    }
}

async fn run_migrate(config: Config) -> anyhow::Result<()> {
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
        indexed_text_search = report.indexed_text_search,
        pgvector = report.vector_index.as_ref().and_then(|v| v.version.as_deref()).unwrap_or("absent"),
        hnsw_dimensions = ?report.vector_index.as_ref().map(|v| &v.dimensions),
        "database is up to date"
    );
    Ok(())
}

async fn run_serve(config: Config) -> anyhow::Result<()> {
    let addr = SocketAddr::new(config.http.host, config.http.port);
    let public_url = config.http.public_url.clone();
    let development = config.is_development();
    let state = kremna_api::startup::state(config).await?;
    let bound = kremna_api::startup::bind(addr).await?;
    tracing::info!(%addr, %public_url, development, "kremna-api listening");
    kremna_api::startup::serve(bound, state, shutdown::signal()).await
}
