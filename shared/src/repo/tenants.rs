use chrono::{DateTime, Utc};

use crate::{
    db::{RepoError, TenantTx},
    domain::text::WorkspaceName,
    ids::TenantId,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TenantRecord {
    pub id: TenantId,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// Creates the transaction's own tenant (registration).
pub async fn create(tx: &mut TenantTx, name: &WorkspaceName) -> Result<TenantRecord, RepoError> {
    let id = tx.tenant_id();
    sqlx::query_as("INSERT INTO tenants (id, name) VALUES ($1, $2) RETURNING id, name, created_at")
        .bind(id)
        .bind(name.as_str())
        .fetch_one(tx.conn())
        .await
        .map_err(RepoError::from_write)
}

/// The transaction's own tenant.
pub async fn current(tx: &mut TenantTx) -> Result<TenantRecord, RepoError> {
    let id = tx.tenant_id();
    Ok(
        sqlx::query_as("SELECT id, name, created_at FROM tenants WHERE id = $1")
            .bind(id)
            .fetch_one(tx.conn())
            .await?,
    )
}

/// Renames the transaction's own tenant.
pub async fn rename(tx: &mut TenantTx, name: &WorkspaceName) -> Result<TenantRecord, RepoError> {
    let id = tx.tenant_id();
    Ok(sqlx::query_as(
        "UPDATE tenants SET name = $2, updated_at = now() WHERE id = $1
         RETURNING id, name, created_at",
    )
    .bind(id)
    .bind(name.as_str())
    .fetch_one(tx.conn())
    .await?)
}
