//! A fresh database per test, connected as the services' unprivileged role.
//!
//! The first test of a run migrates a template database (named after the migrations'
//! checksums, so a schema change builds a new one); every test then clones it with
//! `CREATE DATABASE .. TEMPLATE ..`, which takes tens of milliseconds. The clone is
//! dropped when the [`TestDb`] is.
//!
//! Environment: `KREMNA_TEST_ADMIN_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`)
//! must be able to create databases and roles; `KREMNA_TEST_APP_ROLE` (default
//! `kremna_test_app`) and `KREMNA_TEST_APP_PASSWORD` (default none) name the role tests
//! connect as.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use secrecy::SecretString;
use sha2::{Digest, Sha256};
use sqlx::{
    AssertSqlSafe, ConnectOptions, Connection, Executor, PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::{
    config::DatabaseConfig,
    db::{
        Db,
        migrate::{MIGRATOR, migrate, quote_ident},
    },
};

const PREFIX: &str = "kremna_t_";
/// Clones older than this are left over from crashed runs and are dropped.
const STALE_AFTER: Duration = Duration::from_secs(2 * 3600);

pub struct TestDb {
    name: String,
    admin: PgConnectOptions,
    app: PgConnectOptions,
}

fn admin_options() -> PgConnectOptions {
    let url = std::env::var("KREMNA_TEST_ADMIN_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    url.parse::<PgConnectOptions>()
        .expect("KREMNA_TEST_ADMIN_URL is a postgres URL")
        .log_statements(tracing::log::LevelFilter::Trace)
}

fn app_options(admin: &PgConnectOptions, database: &str) -> PgConnectOptions {
    let role = std::env::var("KREMNA_TEST_APP_ROLE").unwrap_or_else(|_| "kremna_test_app".into());
    let mut options = admin.clone().username(&role).database(database);
    if let Ok(password) = std::env::var("KREMNA_TEST_APP_PASSWORD") {
        options = options.password(&password);
    }
    options.log_statements(tracing::log::LevelFilter::Trace)
}

fn url_of(options: &PgConnectOptions, password: Option<&str>) -> String {
    let mut url = url::Url::parse("postgres://localhost/").expect("valid");
    let _ = url.set_username(options.get_username());
    let _ = url.set_password(password);
    let _ = url.set_host(Some(options.get_host()));
    let _ = url.set_port(Some(options.get_port()));
    url.set_path(options.get_database().unwrap_or("postgres"));
    url.to_string()
}

/// A short hash of every migration (ours and the job queue's) and of what `migrate`
/// installs beside them: the template's name.
fn schema_fingerprint() -> String {
    let mut hasher = Sha256::new();
    for m in MIGRATOR.iter() {
        hasher.update(m.version.to_le_bytes());
        hasher.update(&*m.checksum);
    }
    for m in apalis_postgres::PostgresStorage::migrations().iter() {
        hasher.update(m.version.to_le_bytes());
        hasher.update(&*m.checksum);
    }
    // What `migrate` sets up beside the migrations.
    hasher.update(crate::db::text_search_door::DEFINITION);
    hasher.update(crate::db::vector_door::definition(false));
    hasher.update(crate::db::vector_door::definition(true));
    hex::encode(&hasher.finalize()[..6])
}

async fn ensure_template(admin: &PgConnectOptions) -> String {
    let template = format!("kremna_tpl_{}", schema_fingerprint());
    let mut conn = admin.connect().await.expect("connect as the test admin");
    conn.execute("SELECT pg_advisory_lock(7254023512)")
        .await
        .expect("lock");
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&template)
            .fetch_one(&mut conn)
            .await
            .expect("query pg_database");
    if !exists {
        drop_stale_clones(&mut conn).await;
        let building = format!("{template}_wip");
        conn.execute(AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            quote_ident(&building)
        )))
        .await
        .expect("drop an unfinished template");
        let admin_url = url_of(&admin.clone().database(&building), None);
        let admin_url = with_admin_password(admin_url);
        let app = app_options(admin, &building);
        let app_url = url_of(
            &app,
            std::env::var("KREMNA_TEST_APP_PASSWORD").ok().as_deref(),
        );
        migrate(&SecretString::from(admin_url), &SecretString::from(app_url))
            .await
            .expect("migrate the test template");
        conn.execute(AssertSqlSafe(format!(
            "ALTER DATABASE {} RENAME TO {}",
            quote_ident(&building),
            quote_ident(&template)
        )))
        .await
        .expect("publish the template");
    }
    conn.execute("SELECT pg_advisory_unlock(7254023512)")
        .await
        .expect("unlock");
    conn.close().await.ok();
    template
}

/// The admin URL as configured, so its password (if any) survives the rewrite.
fn with_admin_password(url: String) -> String {
    let Ok(configured) = std::env::var("KREMNA_TEST_ADMIN_URL") else {
        return url;
    };
    let (Ok(configured), Ok(mut rewritten)) = (url::Url::parse(&configured), url::Url::parse(&url))
    else {
        return url;
    };
    let _ = rewritten.set_password(configured.password());
    rewritten.to_string()
}

async fn drop_stale_clones(conn: &mut sqlx::PgConnection) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'kremna\\_t\\_%'")
            .fetch_all(&mut *conn)
            .await
            .unwrap_or_default();
    let now = unix_now();
    for name in names {
        let created = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse::<u64>().ok());
        if created.is_some_and(|c| now.saturating_sub(c) > STALE_AFTER.as_secs()) {
            let _ = conn
                .execute(AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    quote_ident(&name)
                )))
                .await;
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

impl TestDb {
    /// A new, migrated, empty database.
    pub async fn create() -> Self {
        Self::create_with(admin_options()).await
    }

    /// The same on another cluster (fault tests restart a cluster of their own):
    /// `admin_url` must be able to create databases and roles there.
    pub async fn create_on(admin_url: &str) -> Self {
        let admin = admin_url
            .parse::<PgConnectOptions>()
            .expect("a postgres URL")
            .log_statements(tracing::log::LevelFilter::Trace);
        Self::create_with(admin).await
    }

    async fn create_with(admin: PgConnectOptions) -> Self {
        let template = ensure_template(&admin).await;
        let name = format!(
            "{PREFIX}{}_{}",
            unix_now(),
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        let mut conn = admin.connect().await.expect("connect as the test admin");
        conn.execute(AssertSqlSafe(format!(
            "CREATE DATABASE {} TEMPLATE {}",
            quote_ident(&name),
            quote_ident(&template)
        )))
        .await
        .expect("clone the template");
        conn.close().await.ok();
        let app = app_options(&admin, &name);
        Self { name, admin, app }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The services' database settings for this database (the unprivileged role).
    pub fn config(&self) -> DatabaseConfig {
        DatabaseConfig {
            url: SecretString::from(self.app_url()),
            admin_url: None,
            max_connections: 10,
            acquire_timeout: Duration::from_secs(10),
        }
    }

    pub fn app_url(&self) -> String {
        url_of(
            &self.app,
            std::env::var("KREMNA_TEST_APP_PASSWORD").ok().as_deref(),
        )
    }

    /// A pool as the services' role: subject to row-level security.
    pub async fn app_pool(&self) -> PgPool {
        PgPoolOptions::new()
            .max_connections(10)
            .connect_with(self.app.clone())
            .await
            .expect("connect as the app role")
    }

    pub async fn db(&self) -> Db {
        Db::from_pool(self.app_pool().await)
    }

    /// A pool as the admin (sees through RLS): only for seeding and for checking what a
    /// test wrote, never for the code under test.
    pub async fn admin_pool(&self) -> PgPool {
        PgPoolOptions::new()
            .max_connections(2)
            .connect_with(self.admin.clone().database(&self.name))
            .await
            .expect("connect as the test admin")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let name = self.name.clone();
        // Drop runs inside (or after) the test's runtime; use a thread with its own.
        let handle = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(mut conn) = admin.connect().await {
                    let _ = conn
                        .execute(AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                            quote_ident(&name)
                        )))
                        .await;
                    let _ = conn.close().await;
                }
            });
        });
        let _ = handle.join();
    }
}

/// A key prefix no other test shares (Redis is one server for every test).
pub fn unique_prefix() -> String {
    format!("kremna-test-{}", uuid::Uuid::new_v4().simple())
}
