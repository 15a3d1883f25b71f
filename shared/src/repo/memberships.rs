use chrono::{DateTime, Utc};

use crate::{
    db::{RepoError, TenantTx, UserTx},
    domain::MemberRole,
    ids::{TenantId, UserId},
};

/// A workspace the user belongs to, with their role in it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Workspace {
    pub tenant_id: TenantId,
    pub tenant_name: String,
    pub role: MemberRole,
    pub joined_at: DateTime<Utc>,
}

pub async fn create(tx: &mut TenantTx, user: UserId, role: MemberRole) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)")
        .bind(tenant)
        .bind(user)
        .bind(role)
        .execute(tx.conn())
        .await
        .map_err(RepoError::from_write)?;
    Ok(())
}

/// Every workspace of the transaction's user, oldest membership first.
pub async fn workspaces(tx: &mut UserTx) -> Result<Vec<Workspace>, RepoError> {
    let user = tx.user_id();
    Ok(sqlx::query_as(
        "SELECT m.tenant_id, t.name AS tenant_name, m.role, m.created_at AS joined_at
         FROM memberships m JOIN tenants t ON t.id = m.tenant_id
         WHERE m.user_id = $1
         ORDER BY m.created_at, m.tenant_id",
    )
    .bind(user)
    .fetch_all(tx.conn())
    .await?)
}

/// The user's role in the transaction's tenant; `None` when they are not a member.
pub async fn role_of(tx: &mut TenantTx, user: UserId) -> Result<Option<MemberRole>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(
        sqlx::query_scalar("SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2")
            .bind(tenant)
            .bind(user)
            .fetch_optional(tx.conn())
            .await?,
    )
}
