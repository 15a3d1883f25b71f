//! Ids of chats an admin deleted (`deleted_chats`): a widget chat's row is created by the
//! visitor's first message, so without this an old visitor token would create a deleted
//! chat again.

use crate::{
    db::{RepoError, TenantTx},
    ids::ChatId,
};

/// Remembers that `chat` was deleted (idempotent).
pub async fn insert(tx: &mut TenantTx, chat: ChatId) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query(
        "INSERT INTO deleted_chats (tenant_id, chat_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
    )
    .bind(tenant)
    .bind(chat)
    .execute(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    Ok(())
}

/// Whether `chat` was deleted.
pub async fn contains(tx: &mut TenantTx, chat: ChatId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM deleted_chats WHERE tenant_id = $1 AND chat_id = $2)",
    )
    .bind(tenant)
    .bind(chat)
    .fetch_one(tx.conn())
    .await?)
}
