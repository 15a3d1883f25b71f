//! A workspace's API keys. The secret itself is never stored: only its SHA-256 and the
//! first characters (see [`crate::auth::api_key`]).

use chrono::{DateTime, Utc};

use crate::{
    auth::{KeyHash, KeyPermissions},
    db::{RepoError, TenantTx},
    ids::{ApiKeyId, TenantId, UserId},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiKeyRecord {
    pub id: ApiKeyId,
    pub tenant_id: TenantId,
    pub name: String,
    pub prefix: String,
    pub access: String,
    pub resource_access: serde_json::Value,
    pub rate_limit_per_minute: Option<i32>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl ApiKeyRecord {
    pub fn permissions(&self) -> KeyPermissions {
        KeyPermissions::from_stored(&self.access, &self.resource_access)
    }
}

const COLUMNS: &str = "id, tenant_id, name, prefix, access, resource_access, \
    rate_limit_per_minute, created_by, created_at, last_used_at, expires_at, revoked_at";

/// What a new key is made of (the secret's hash and prefix come from `NewKeySecret`).
pub struct NewApiKey<'a> {
    pub name: &'a str,
    pub prefix: &'a str,
    pub hash: &'a KeyHash,
    pub permissions: &'a KeyPermissions,
    pub expires_at: Option<DateTime<Utc>>,
    pub rate_limit_per_minute: Option<i32>,
    pub created_by: Option<UserId>,
}

pub async fn create(tx: &mut TenantTx, new: &NewApiKey<'_>) -> Result<ApiKeyRecord, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO api_keys (tenant_id, id, name, prefix, key_hash, access, resource_access,
             expires_at, rate_limit_per_minute, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING {COLUMNS}"
    )))
    .bind(tenant)
    .bind(ApiKeyId::new())
    .bind(new.name)
    .bind(new.prefix)
    .bind(new.hash.as_bytes())
    .bind(new.permissions.access.as_str())
    .bind(new.permissions.resources_json())
    .bind(new.expires_at)
    .bind(new.rate_limit_per_minute)
    .bind(new.created_by)
    .fetch_one(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// Every key of the workspace, newest first (revoked ones too, marked).
pub async fn list(tx: &mut TenantTx) -> Result<Vec<ApiKeyRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC"
    )))
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn get(tx: &mut TenantTx, id: ApiKeyId) -> Result<Option<ApiKeyRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM api_keys WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// Revokes a key (idempotent: revoking twice keeps the first time). `None` when the
/// workspace has no such key.
pub async fn revoke(tx: &mut TenantTx, id: ApiKeyId) -> Result<Option<ApiKeyRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
         WHERE tenant_id = $1 AND id = $2 RETURNING {COLUMNS}"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}
