//! The API's door for a partner's key, which opens before a tenant is known: the key
//! is found by the SHA-256 of the whole secret through the `api_key_by_hash` SECURITY
//! DEFINER function (tenant, id, liveness; nothing else), then the request runs in that
//! tenant's scoped transaction, where the key's permissions are read again under RLS.

use chrono::{DateTime, Utc};

use super::{ActingTx, Db, KeySessionError};
use crate::{
    auth::{KeyHash, Requirement, Resource},
    ids::{ApiKeyId, TenantId},
};

/// A key as the lookup door sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KeyLookup {
    pub tenant_id: TenantId,
    pub id: ApiKeyId,
    pub revoked_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub rate_limit_per_minute: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStatus {
    Live,
    Revoked,
    Expired,
}

impl KeyLookup {
    pub fn status(&self, now: DateTime<Utc>) -> KeyStatus {
        if self.revoked_at.is_some() {
            KeyStatus::Revoked
        } else if self.expires_at.is_some_and(|at| at <= now) {
            KeyStatus::Expired
        } else {
            KeyStatus::Live
        }
    }
}

impl Db {
    /// Finds a key by the hash of its whole secret (one unique-index probe).
    pub async fn api_key_by_hash(&self, hash: &KeyHash) -> Result<Option<KeyLookup>, sqlx::Error> {
        sqlx::query_as(
            "SELECT tenant_id, id, revoked_at, expires_at, rate_limit_per_minute
             FROM api_key_by_hash($1)",
        )
        .bind(hash.as_bytes())
        .fetch_optional(&self.pool)
        .await
    }

    /// A transaction acting for a key found by [`Db::api_key_by_hash`], if it may do
    /// what `R` needs on `resource`.
    pub async fn key<R: Requirement>(
        &self,
        key: &KeyLookup,
        resource: Resource,
    ) -> Result<ActingTx, KeySessionError> {
        ActingTx::begin_key::<R>(&self.pool, key.tenant_id, key.id, resource).await
    }
}
