//! Access tokens signed out one by one (`POST /auth/logout`), kept until they would
//! have expired anyway. The membership check (`Db::member`) refuses a listed token.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{
    db::{RepoError, TenantTx},
    ids::UserId,
};

/// Revokes the token `jti` of `user` in the transaction's tenant, and forgets tokens
/// that have expired since (their signature check refuses them already).
pub async fn revoke(
    tx: &mut TenantTx,
    jti: Uuid,
    user: UserId,
    expires_at: DateTime<Utc>,
) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query("DELETE FROM revoked_tokens WHERE tenant_id = $1 AND expires_at < now() - interval '1 minute'")
        .bind(tenant)
        .execute(tx.conn())
        .await?;
    sqlx::query(
        "INSERT INTO revoked_tokens (tenant_id, jti, user_id, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, jti) DO NOTHING",
    )
    .bind(tenant)
    .bind(jti)
    .bind(user)
    .bind(expires_at)
    .execute(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    Ok(())
}
