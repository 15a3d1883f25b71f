//! A chat's handoff history: every state change, who made it and when.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{
    db::{RepoError, TenantTx},
    domain::{ChatEventKind, ChatState},
    ids::{ChatId, UserId},
};

/// One stored state change, with the names of the members it mentions (`None` for the
/// visitor, the model, or a member since removed).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChatEventRecord {
    pub id: Uuid,
    pub chat_id: ChatId,
    pub kind: ChatEventKind,
    pub from_state: ChatState,
    pub to_state: ChatState,
    pub actor_id: Option<UserId>,
    pub actor_name: Option<String>,
    pub assignee_id: Option<UserId>,
    pub assignee_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT e.id, e.chat_id, e.kind, e.from_state, e.to_state,
        e.actor_id, coalesce(nullif(actor.full_name, ''), split_part(actor.email, '@', 1)) AS actor_name,
        e.assignee_id,
        coalesce(nullif(assignee.full_name, ''), split_part(assignee.email, '@', 1)) AS assignee_name,
        e.created_at
    FROM chat_events e
    LEFT JOIN users actor ON actor.id = e.actor_id
    LEFT JOIN users assignee ON assignee.id = e.assignee_id";

/// A state change to store.
pub struct NewChatEvent {
    pub chat: ChatId,
    pub kind: ChatEventKind,
    pub from_state: ChatState,
    pub to_state: ChatState,
    pub actor: Option<UserId>,
    pub assignee: Option<UserId>,
}

pub async fn insert(tx: &mut TenantTx, new: &NewChatEvent) -> Result<ChatEventRecord, RepoError> {
    let tenant = tx.tenant_id();
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO chat_events (tenant_id, id, chat_id, kind, from_state, to_state,
                                  actor_id, assignee_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(tenant)
    .bind(id)
    .bind(new.chat)
    .bind(new.kind)
    .bind(new.from_state)
    .bind(new.to_state)
    .bind(new.actor)
    .bind(new.assignee)
    .execute(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE e.tenant_id = $1 AND e.chat_id = $2 AND e.id = $3"
    )))
    .bind(tenant)
    .bind(new.chat)
    .bind(id)
    .fetch_one(tx.conn())
    .await?)
}

/// A chat's history, oldest first.
pub async fn list_for_chat(
    tx: &mut TenantTx,
    chat: ChatId,
) -> Result<Vec<ChatEventRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE e.tenant_id = $1 AND e.chat_id = $2 ORDER BY e.id"
    )))
    .bind(tenant)
    .bind(chat)
    .fetch_all(tx.conn())
    .await?)
}
