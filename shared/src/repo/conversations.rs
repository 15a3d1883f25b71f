//! Conversations: the chats a partner's backend runs through the conversation API
//! (`chats.channel = 'api'`). These functions never see a widget chat, so an API key
//! can read and write only the conversations partners started.

use chrono::{DateTime, Utc};

use crate::{
    db::{RepoError, TenantTx},
    domain::{ChatChannel, ChatState},
    ids::{AssistantId, ChatId, MessageId},
    repo::messages::{COLUMNS as MESSAGE_COLUMNS, MessageRecord},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConversationRecord {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    /// The partner's id for its end user (`chats.visitor_id`).
    pub user_id: String,
    pub state: ChatState,
    pub created_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, assistant_id, visitor_id AS user_id, state, created_at, last_message_at";

/// Starts a conversation with one of the tenant's assistants (the composite foreign key
/// refuses another tenant's assistant even if the code asked for it).
pub async fn create(
    tx: &mut TenantTx,
    assistant: AssistantId,
    user_id: &str,
) -> Result<ConversationRecord, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO chats (tenant_id, id, assistant_id, visitor_id, channel)
         VALUES ($1, $2, $3, $4, $5)
         RETURNING {COLUMNS}"
    )))
    .bind(tenant)
    .bind(ChatId::new())
    .bind(assistant)
    .bind(user_id)
    .bind(ChatChannel::Api)
    .fetch_one(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

pub async fn get(tx: &mut TenantTx, id: ChatId) -> Result<Option<ConversationRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM chats WHERE tenant_id = $1 AND id = $2 AND channel = 'api'"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

#[derive(Debug, Clone, Default)]
pub struct ConversationFilter<'a> {
    pub assistant: Option<AssistantId>,
    pub user_id: Option<&'a str>,
}

/// Newest first; `before` is the last id of the previous page (ids are time-ordered
/// UUIDv7, so the order is the order they were started in and pages stay stable).
pub async fn list(
    tx: &mut TenantTx,
    filter: &ConversationFilter<'_>,
    before: Option<ChatId>,
    limit: u32,
) -> Result<Vec<ConversationRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM chats
         WHERE tenant_id = $1 AND channel = 'api'
           AND ($2::uuid IS NULL OR assistant_id = $2)
           AND ($3::text IS NULL OR visitor_id = $3)
           AND ($4::uuid IS NULL OR id < $4)
         ORDER BY id DESC
         LIMIT $5"
    )))
    .bind(tenant)
    .bind(filter.assistant)
    .bind(filter.user_id)
    .bind(before)
    .bind(i64::from(limit))
    .fetch_all(tx.conn())
    .await?)
}

/// Final messages (stored with a position) after position `after_seq`, in order.
pub async fn messages_page(
    tx: &mut TenantTx,
    chat: ChatId,
    after_seq: i64,
    limit: u32,
) -> Result<Vec<MessageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages
         WHERE tenant_id = $1 AND chat_id = $2 AND seq > $3
         ORDER BY seq
         LIMIT $4"
    )))
    .bind(tenant)
    .bind(chat)
    .bind(after_seq)
    .bind(i64::from(limit))
    .fetch_all(tx.conn())
    .await?)
}

/// The final reply (complete or failed) to `message`, once there is one.
pub async fn final_reply(
    tx: &mut TenantTx,
    chat: ChatId,
    message: MessageId,
) -> Result<Option<MessageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages
         WHERE tenant_id = $1 AND chat_id = $2 AND reply_to = $3 AND seq IS NOT NULL
         ORDER BY seq DESC
         LIMIT 1"
    )))
    .bind(tenant)
    .bind(chat)
    .bind(message)
    .fetch_optional(tx.conn())
    .await?)
}
