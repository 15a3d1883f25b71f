use chrono::{DateTime, Utc};

use crate::{
    db::{RepoError, TenantTx},
    domain::{MemberRole, email::Email},
    ids::{InvitationId, UserId},
};

/// A pending invitation as the team page lists it (never its token).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRecord {
    pub id: InvitationId,
    pub role: MemberRole,
    pub email: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub struct NewInvitation<'a> {
    pub token_hash: &'a [u8],
    pub role: MemberRole,
    pub email: Option<&'a Email>,
    pub created_by: Option<UserId>,
    pub expires_at: DateTime<Utc>,
}

/// The columns every query answers with (a macro, so the SQL stays literal).
macro_rules! columns {
    () => {
        "id, role, email, created_by, created_at, expires_at"
    };
}

pub async fn create(
    tx: &mut TenantTx,
    new: &NewInvitation<'_>,
) -> Result<InvitationRecord, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(concat!(
        "INSERT INTO invitations (tenant_id, id, token_hash, role, email, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
        columns!()
    ))
    .bind(tenant)
    .bind(InvitationId::new())
    .bind(new.token_hash)
    .bind(new.role)
    .bind(new.email.map(Email::as_str))
    .bind(new.created_by)
    .bind(new.expires_at)
    .fetch_one(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// Pending invitations (not used, not revoked, not expired), newest first.
pub async fn list_pending(tx: &mut TenantTx) -> Result<Vec<InvitationRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM invitations
         WHERE tenant_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL
           AND expires_at > now()
         ORDER BY created_at DESC, id DESC"
    ))
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

/// Revokes a pending invitation; `None` when there is no such pending invitation.
pub async fn revoke(
    tx: &mut TenantTx,
    id: InvitationId,
) -> Result<Option<InvitationRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(concat!(
        "UPDATE invitations SET revoked_at = now()
         WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
         RETURNING ",
        columns!()
    ))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// Marks the pending invitation with this token hash as used by `user` and returns
/// the role it grants; `None` when it is unknown here, expired, revoked or already
/// used. One statement, so two people racing for one link cannot both get it.
pub async fn consume(
    tx: &mut TenantTx,
    token_hash: &[u8],
    user: UserId,
) -> Result<Option<MemberRole>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "UPDATE invitations SET accepted_at = now(), accepted_by = $3
         WHERE tenant_id = $1 AND token_hash = $2
           AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
         RETURNING role",
    )
    .bind(tenant)
    .bind(token_hash)
    .bind(user)
    .fetch_optional(tx.conn())
    .await?)
}
