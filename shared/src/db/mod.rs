//! Postgres access. There is no public pool: code reaches data only through a scoped
//! transaction ([`TenantTx`], [`UserTx`], [`LoginTx`]) that has already told Postgres
//! whose data it may see. Repository functions ([`crate::repo`]) take one of those, so a
//! query that forgets its tenant does not compile — and if a query forgets its
//! `WHERE tenant_id`, row-level security still returns nothing of another tenant's.

mod error;
pub mod migrate;
mod rollup;
mod scope;
mod widget;

use std::time::Duration;

use secrecy::ExposeSecret;
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

pub use error::RepoError;
pub use scope::{LoginTx, SessionError, TenantTx, UserTx};
pub use widget::WidgetAssistant;

use crate::{
    config::DatabaseConfig,
    domain::{MemberRole, email::Email},
    ids::{TenantId, UserId},
};

#[derive(Clone)]
pub struct Db {
    pool: PgPool,
}

impl Db {
    pub async fn connect(cfg: &DatabaseConfig) -> Result<Self, sqlx::Error> {
        let options: PgConnectOptions = cfg.url.expose_secret().parse()?;
        let pool = PgPoolOptions::new()
            .max_connections(cfg.max_connections)
            // Warm connections: the first job or request should not pay for a handshake.
            .min_connections(cfg.max_connections.min(2))
            .acquire_timeout(cfg.acquire_timeout)
            .idle_timeout(Some(Duration::from_secs(300)))
            .connect_with(options.application_name("kremna"))
            .await?;
        Ok(Self { pool })
    }

    /// Wraps an existing pool (tests build theirs against a fresh database).
    pub fn from_pool(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Readiness: a round trip to the database.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(drop)
    }

    /// A transaction that sees only `tenant`'s rows. For trusted callers that already
    /// know the tenant (jobs, the realtime node after resolving an assistant).
    pub async fn tenant(&self, tenant: TenantId) -> Result<TenantTx, sqlx::Error> {
        TenantTx::begin(&self.pool, tenant).await
    }

    /// A transaction for a signed-in user acting in `tenant`, with at least `required`
    /// role. Membership is re-read from the database on every call, so a removed member
    /// or a demoted admin loses access at once, whatever their token still says.
    pub async fn member(
        &self,
        tenant: TenantId,
        user: UserId,
        required: MemberRole,
    ) -> Result<TenantTx, SessionError> {
        TenantTx::begin_member(&self.pool, tenant, user, required).await
    }

    /// A transaction that sees one user and that user's memberships (login, `me`).
    pub async fn user(&self, user: UserId) -> Result<UserTx, sqlx::Error> {
        UserTx::begin(&self.pool, user).await
    }

    /// A transaction that may look up the account with this e-mail and nothing else.
    pub async fn login(&self, email: &Email) -> Result<LoginTx, sqlx::Error> {
        LoginTx::begin(&self.pool, email).await
    }

    /// A transaction that creates a new tenant with its first user.
    pub async fn registration(
        &self,
        tenant: TenantId,
        user: UserId,
    ) -> Result<TenantTx, sqlx::Error> {
        TenantTx::begin_registration(&self.pool, tenant, user).await
    }

    /// The raw pool, for infrastructure that holds no tenant data (the job queue's own
    /// tables). Never use it for tenant tables: use a scoped transaction.
    pub fn infrastructure_pool(&self) -> &PgPool {
        &self.pool
    }
}
