//! Postgres access. There is no public pool: code reaches data only through a scoped
//! transaction ([`TenantTx`], [`ActingTx`], [`UserTx`], [`LoginTx`]) that has already
//! told Postgres whose data it may see. Repository functions ([`crate::repo`]) take one
//! of those, so a query that forgets its tenant does not compile — and if a query
//! forgets its `WHERE tenant_id`, row-level security still returns nothing of another
//! tenant's.
//!
//! Two handles open them. [`Db`] is what the API holds: every tenant transaction it
//! opens acts for someone who passed a check ([`Db::member`]). [`TrustedDb`] (feature
//! `trusted`, turned on by the realtime node and the worker only) opens a tenant
//! transaction with nobody behind it, for code that has already established the tenant
//! itself (a verified visitor token, a job).

mod api_key;
mod error;
mod invitation;
pub mod migrate;
mod scope;
pub mod text_search_door;
#[cfg(feature = "trusted")]
mod trusted;
pub mod vector_door;
mod widget;

use std::time::Duration;

use secrecy::ExposeSecret;
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

pub use api_key::{KeyLookup, KeyStatus};
pub use error::{RepoError, is_unavailable};
pub use invitation::InvitationPreview;
pub use scope::{ActingTx, KeySessionError, LoginTx, SessionError, TenantTx, UserTx};
#[cfg(feature = "trusted")]
pub use trusted::TrustedDb;
pub use widget::WidgetAssistant;

use crate::{
    auth::{AccessClaims, Requirement},
    config::DatabaseConfig,
    domain::email::Email,
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

    /// A transaction for the bearer of a verified access token, acting in its tenant,
    /// if their current role meets `R` and the token is not revoked. Membership and
    /// revocation are re-read from the database on every call, so a removed member, a
    /// demoted admin or a signed-out token loses access at once.
    pub async fn member<R: Requirement>(
        &self,
        claims: &AccessClaims,
    ) -> Result<ActingTx, SessionError> {
        ActingTx::begin_member::<R>(&self.pool, claims).await
    }

    /// A transaction that sees one user and that user's memberships (login, `me`).
    pub async fn user(&self, user: UserId) -> Result<UserTx, sqlx::Error> {
        UserTx::begin(&self.pool, user).await
    }

    /// A transaction that may look up the account with this e-mail and nothing else.
    pub async fn login(&self, email: &Email) -> Result<LoginTx, sqlx::Error> {
        LoginTx::begin(&self.pool, email).await
    }

    /// A transaction that creates a new tenant with its first user, its owner.
    pub async fn registration(
        &self,
        tenant: TenantId,
        user: UserId,
    ) -> Result<ActingTx, sqlx::Error> {
        ActingTx::begin_registration(&self.pool, tenant, user).await
    }

    /// The raw pool, for infrastructure that holds no tenant data (the job queue's own
    /// tables). Never use it for tenant tables: use a scoped transaction.
    #[cfg(feature = "trusted")]
    pub fn infrastructure_pool(&self) -> &PgPool {
        &self.pool
    }
}
