//! The trusted door: tenant transactions with no member behind them, for the realtime
//! node (after verifying a visitor token or resolving a public assistant) and the worker
//! (jobs carry their tenant). Behind the `trusted` feature, which the API crate does not
//! turn on, and listed in `api/clippy.toml` as a disallowed type: API handlers act only
//! through [`super::Db::member`], which checks who is asking.

use super::{Db, TenantTx};
use crate::ids::TenantId;

/// Built once at start-up by the services allowed to act without a member.
#[derive(Clone)]
pub struct TrustedDb {
    db: Db,
}

impl TrustedDb {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The untrusted handle, for what any caller may do (public lookups, readiness).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// A transaction that sees only `tenant`'s rows.
    pub async fn tenant(&self, tenant: TenantId) -> Result<TenantTx, sqlx::Error> {
        TenantTx::begin(&self.db.pool, tenant).await
    }

    /// Up to `limit` tenants with a knowledge source whose scheduled refetch is due,
    /// through the `knowledge_refetch_tenants` SECURITY DEFINER function (tenant ids
    /// only); each tenant's sources are then re-queued in its own [`TenantTx`].
    pub async fn tenants_with_due_refetches(
        &self,
        limit: i32,
    ) -> Result<Vec<TenantId>, sqlx::Error> {
        sqlx::query_scalar("SELECT knowledge_refetch_tenants($1)")
            .bind(limit)
            .fetch_all(&self.db.pool)
            .await
    }

    /// Up to `limit` tenants whose usage rollups have changes to fold in, through the
    /// `usage_dirty_tenants` SECURITY DEFINER function: tenant ids and nothing else;
    /// each tenant's changes are then folded in its own [`TenantTx`].
    pub async fn tenants_with_usage_changes(
        &self,
        limit: i32,
    ) -> Result<Vec<TenantId>, sqlx::Error> {
        sqlx::query_scalar("SELECT usage_dirty_tenants($1)")
            .bind(limit)
            .fetch_all(&self.db.pool)
            .await
    }
}
