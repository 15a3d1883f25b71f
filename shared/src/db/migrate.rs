//! `kremna-api migrate`: sets up roles, schema and the job queue's tables. Idempotent.
//!
//! Two roles, so that row-level security means something:
//! * [`OWNER_ROLE`] (no login) owns every table. Migrations run as it (`SET ROLE`).
//! * the role in `DATABASE_URL` — the services' role — owns nothing, is not a superuser,
//!   cannot bypass RLS, and gets only SELECT/INSERT/UPDATE/DELETE.
//!
//! It runs with `DATABASE_ADMIN_URL`: a superuser, or a role with CREATEROLE and CREATE
//! on the database. It creates the database itself if it does not exist yet.

use secrecy::{ExposeSecret, SecretString};
use sqlx::{
    AssertSqlSafe, ConnectOptions, Connection, Executor, PgConnection, postgres::PgConnectOptions,
};

/// Owns every table; nobody logs in as it.
pub const OWNER_ROLE: &str = "kremna_owner";

/// Kremna's own migrations, embedded at build time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("{0}")]
    Setup(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// What `migrate` did, for the operator.
#[derive(Debug)]
pub struct MigrationReport {
    pub database: String,
    pub app_role: String,
    pub created_database: bool,
    pub applied: Vec<i64>,
    /// Whether knowledge search can use its full-text index under row-level security
    /// (needs a superuser at `migrate`; see [`super::text_search_door`]).
    pub indexed_text_search: bool,
    /// pgvector's HNSW indexes for knowledge vectors, when the server has pgvector and
    /// `migrate` runs as a superuser (see [`super::vector_door`]).
    pub vector_index: Option<super::vector_door::VectorIndex>,
}

/// Brings the database at `app_url` up to date, using `admin_url` for the privileged
/// steps. Safe to run any number of times, and concurrently (migrations take a lock).
pub async fn migrate(
    admin_url: &SecretString,
    app_url: &SecretString,
) -> Result<MigrationReport, MigrateError> {
    let app: PgConnectOptions = app_url.expose_secret().parse()?;
    let admin: PgConnectOptions = admin_url.expose_secret().parse()?;
    let database = app
        .get_database()
        .ok_or_else(|| MigrateError::Setup("DATABASE_URL must name a database".into()))?
        .to_owned();
    let app_role = app.get_username().to_owned();
    if app_role == admin.get_username() {
        return Err(MigrateError::Setup(format!(
            "DATABASE_URL uses role `{app_role}`, the same as DATABASE_ADMIN_URL; the services need \
             their own role that owns nothing, or row-level security does not apply to them"
        )));
    }
    if app_role == OWNER_ROLE {
        return Err(MigrateError::Setup(format!(
            "DATABASE_URL must not use `{OWNER_ROLE}`, the role that owns the tables"
        )));
    }

    let created_database = ensure_database(&admin, &database).await?;
    let mut conn = admin.clone().database(&database).connect().await?;
    // Role changes are cluster-wide; one migrator at a time keeps them race-free.
    conn.execute("SELECT pg_advisory_lock(7254023511)").await?;
    let result = setup_locked(&mut conn, &database, &app_role, app_password(app_url)).await;
    conn.execute("SELECT pg_advisory_unlock(7254023511)")
        .await?;
    let (applied, indexed_text_search, vector_index) = result?;
    conn.close().await?;

    Ok(MigrationReport {
        database,
        app_role,
        created_database,
        applied,
        indexed_text_search,
        vector_index,
    })
}

async fn setup_locked(
    conn: &mut PgConnection,
    database: &str,
    app_role: &str,
    app_password: Option<String>,
) -> Result<(Vec<i64>, bool, Option<super::vector_door::VectorIndex>), MigrateError> {
    ensure_roles(conn, app_role, app_password).await?;

    let db = quote_ident(database);
    let owner = quote_ident(OWNER_ROLE);
    let app = quote_ident(app_role);
    for statement in [
        // Trusted extensions: a database owner may create them, a superuser always can.
        "CREATE EXTENSION IF NOT EXISTS hstore".to_owned(),
        "CREATE EXTENSION IF NOT EXISTS pgcrypto".to_owned(),
        format!("GRANT CONNECT, CREATE, TEMPORARY ON DATABASE {db} TO {owner}"),
        format!("GRANT USAGE, CREATE ON SCHEMA public TO {owner}"),
        format!("GRANT CONNECT ON DATABASE {db} TO {app}"),
    ] {
        conn.execute(AssertSqlSafe(statement)).await?;
    }

    let already: Vec<i64> = applied_versions(conn).await;
    conn.execute(AssertSqlSafe(format!("SET ROLE {owner}")))
        .await?;
    MIGRATOR.run(&mut *conn).await?;
    apalis_postgres::PostgresStorage::migrations()
        .run(&mut *conn)
        .await?;
    conn.execute("RESET ROLE").await?;
    let now: Vec<i64> = applied_versions(conn).await;

    grant_app_privileges(conn, app_role).await?;
    let indexed_text_search = super::text_search_door::install(conn, app_role).await?;
    // The vector door needs what the text door needs (a superuser) and its search role.
    let vector_index = if indexed_text_search {
        super::vector_door::install(conn, app_role, super::text_search_door::SEARCH_ROLE).await?
    } else {
        None
    };
    Ok((
        now.into_iter().filter(|v| !already.contains(v)).collect(),
        indexed_text_search,
        vector_index,
    ))
}

/// Creates the database when it is missing; reports whether it did.
async fn ensure_database(admin: &PgConnectOptions, database: &str) -> Result<bool, MigrateError> {
    let maintenance = admin.get_database().unwrap_or("postgres");
    let maintenance = if maintenance == database {
        "postgres"
    } else {
        maintenance
    };
    let mut conn = admin.clone().database(maintenance).connect().await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(database)
            .fetch_one(&mut conn)
            .await?;
    if !exists {
        let created = conn
            .execute(AssertSqlSafe(format!(
                "CREATE DATABASE {}",
                quote_ident(database)
            )))
            .await;
        // Another migrator may have won the race; that is fine.
        if let Err(err) = created {
            let duplicate = err
                .as_database_error()
                .and_then(|e| e.code())
                .is_some_and(|code| code == "42P04");
            if !duplicate {
                return Err(err.into());
            }
        }
    }
    conn.close().await?;
    Ok(!exists)
}

async fn ensure_roles(
    conn: &mut PgConnection,
    app_role: &str,
    app_password: Option<String>,
) -> Result<(), MigrateError> {
    let owner = quote_ident(OWNER_ROLE);
    if !role_exists(conn, OWNER_ROLE).await? {
        conn.execute(AssertSqlSafe(format!("CREATE ROLE {owner} NOLOGIN")))
            .await?;
    }
    // The migrating role must be able to SET ROLE to the owner (a no-op for superusers).
    let is_superuser: bool =
        sqlx::query_scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            .fetch_one(&mut *conn)
            .await?;
    if !is_superuser {
        conn.execute(AssertSqlSafe(format!("GRANT {owner} TO CURRENT_USER")))
            .await?;
    }

    let app = quote_ident(app_role);
    let attributes =
        "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION";
    let password = app_password
        .map(|p| format!(" PASSWORD {}", quote_literal(&p)))
        .unwrap_or_default();
    let verb = if role_exists(conn, app_role).await? {
        "ALTER"
    } else {
        "CREATE"
    };
    conn.execute(AssertSqlSafe(format!(
        "{verb} ROLE {app} {attributes}{password}"
    )))
    .await?;

    // Refuse to carry on if the services' role could see through RLS after all.
    let (superuser, bypass, owner_member): (bool, bool, bool) = sqlx::query_as(
        "SELECT r.rolsuper, r.rolbypassrls, pg_has_role(r.rolname, $2, 'MEMBER')
         FROM pg_roles r WHERE r.rolname = $1",
    )
    .bind(app_role)
    .bind(OWNER_ROLE)
    .fetch_one(&mut *conn)
    .await?;
    if superuser || bypass || owner_member {
        return Err(MigrateError::Setup(format!(
            "role `{app_role}` is a superuser, bypasses RLS or is a member of `{OWNER_ROLE}`; \
             the services need a role that is none of these"
        )));
    }
    Ok(())
}

async fn grant_app_privileges(conn: &mut PgConnection, app_role: &str) -> Result<(), MigrateError> {
    let app = quote_ident(app_role);
    for schema in ["public", "apalis"] {
        for statement in [
            format!("GRANT USAGE ON SCHEMA {schema} TO {app}"),
            format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {app}"
            ),
            format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {app}"),
            format!("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} TO {app}"),
            // Migration history is for migrators only.
            format!("REVOKE ALL ON TABLE {schema}._sqlx_migrations FROM {app}"),
        ] {
            conn.execute(AssertSqlSafe(statement)).await?;
        }
    }
    Ok(())
}

async fn role_exists(conn: &mut PgConnection, role: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
        .bind(role)
        .fetch_one(conn)
        .await
}

async fn applied_versions(conn: &mut PgConnection) -> Vec<i64> {
    sqlx::query_scalar("SELECT version FROM public._sqlx_migrations WHERE success")
        .fetch_all(conn)
        .await
        .unwrap_or_default()
}

fn app_password(url: &SecretString) -> Option<String> {
    url::Url::parse(url.expose_secret()).ok().and_then(|u| {
        u.password().map(|p| {
            percent_encoding::percent_decode_str(p)
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

/// Quotes an SQL identifier (`"name"`), for DDL that cannot take bind parameters.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes an SQL string literal, for DDL that cannot take bind parameters.
fn quote_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote_ident("kremna_app"), "\"kremna_app\"");
        assert_eq!(quote_ident("we\"ird"), "\"we\"\"ird\"");
        assert_eq!(quote_literal("it's"), "'it''s'");
    }

    #[test]
    fn passwords_are_percent_decoded() {
        let url = SecretString::from("postgres://app:p%40ss%2Fw+rd@localhost/db");
        assert_eq!(app_password(&url).as_deref(), Some("p@ss/w+rd"));
        let url = SecretString::from("postgres://app@localhost/db");
        assert_eq!(app_password(&url), None);
    }
}
