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
/// A member of the transaction's tenant, as the team page lists them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRecord {
    pub user_id: UserId,
    pub email: String,
    pub full_name: String,
    pub role: MemberRole,
    pub joined_at: DateTime<Utc>,
}

/// The tenant's members: owners first, then admins, then agents; by name within a role.
pub async fn list(tx: &mut TenantTx) -> Result<Vec<MemberRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT m.user_id, u.email, u.full_name, m.role, m.created_at AS joined_at
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.tenant_id = $1
         ORDER BY m.role, lower(u.full_name), m.user_id",
    )
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

/// One member of the tenant.
pub async fn get(tx: &mut TenantTx, user: UserId) -> Result<Option<MemberRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT m.user_id, u.email, u.full_name, m.role, m.created_at AS joined_at
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.tenant_id = $1 AND m.user_id = $2",
    )
    .bind(tenant)
    .bind(user)
    .fetch_optional(tx.conn())
    .await?)
}

/// Locks the tenant's owner memberships until the transaction ends and returns them.
/// Every change that can remove an owner takes this lock first, so two owners demoting
/// each other at once cannot both see "another owner is left".
pub async fn lock_owners(tx: &mut TenantTx) -> Result<Vec<UserId>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "SELECT user_id FROM memberships
         WHERE tenant_id = $1 AND role = 'owner'
         ORDER BY user_id
         FOR UPDATE",
    )
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

/// Locks one membership and returns its current role (`None`: not a member).
pub async fn lock_role(tx: &mut TenantTx, user: UserId) -> Result<Option<MemberRole>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE",
    )
    .bind(tenant)
    .bind(user)
    .fetch_optional(tx.conn())
    .await?)
}

/// Changes a member's role; `false` when they are not a member.
pub async fn set_role(
    tx: &mut TenantTx,
    user: UserId,
    role: MemberRole,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done =
        sqlx::query("UPDATE memberships SET role = $3 WHERE tenant_id = $1 AND user_id = $2")
            .bind(tenant)
            .bind(user)
            .bind(role)
            .execute(tx.conn())
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a member from the tenant (their account stays); `false` when not a member.
pub async fn remove(tx: &mut TenantTx, user: UserId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query("DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2")
        .bind(tenant)
        .bind(user)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The membership primary key: the user already belongs to the tenant.
pub const MEMBERSHIP_KEY: &str = "memberships_pkey";
