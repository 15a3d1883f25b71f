//! The rollup job's one door across tenants: which tenants have usage changes waiting,
//! through the `usage_dirty_tenants` SECURITY DEFINER function. It reveals tenant ids
//! and nothing else; each tenant's changes are then folded in a [`super::TenantTx`].

use super::Db;
use crate::ids::TenantId;

impl Db {
    /// Up to `limit` tenants whose usage rollups have changes to fold in.
    pub async fn tenants_with_usage_changes(
        &self,
        limit: i32,
    ) -> Result<Vec<TenantId>, sqlx::Error> {
        sqlx::query_scalar("SELECT usage_dirty_tenants($1)")
            .bind(limit)
            .fetch_all(&self.pool)
            .await
    }
}
