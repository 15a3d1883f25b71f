use chrono::{DateTime, Utc};

use crate::{
    db::{RepoError, TenantTx},
    domain::{ChatStatus, MessageRole},
    ids::{AssistantId, ChatId},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChatRecord {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    pub assistant_name: String,
    pub visitor_id: String,
    pub title: String,
    pub status: ChatStatus,
    pub origin: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
}

/// A chat as the dashboard lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChatSummary {
    #[sqlx(flatten)]
    pub chat: ChatRecord,
    pub message_count: i64,
    pub last_message_preview: Option<String>,
    pub last_message_role: Option<MessageRole>,
    pub last_message_status: Option<crate::domain::MessageStatus>,
}

/// Where a page of chats starts: just after this chat in "newest activity first" order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatCursor {
    pub last_message_at: DateTime<Utc>,
    pub id: ChatId,
}

/// How many characters of the last message a list item previews.
pub const PREVIEW_CHARS: i32 = 140;

/// A page of the tenant's chats, newest activity first, optionally for one assistant.
pub async fn list(
    tx: &mut TenantTx,
    assistant: Option<AssistantId>,
    after: Option<ChatCursor>,
    limit: u32,
) -> Result<Vec<ChatSummary>, RepoError> {
    let tenant = tx.tenant_id();
    // The cursor repeats its bound as `last_message_at <= $3`: row comparisons are not
    // leakproof, so under row-level security only that plain bound can reach the index.
    Ok(sqlx::query_as(
        "SELECT c.id, c.assistant_id, a.name AS assistant_name, c.visitor_id, c.title, c.status,
                c.origin, c.created_at, c.last_message_at,
                (SELECT count(*) FROM messages m
                  WHERE m.tenant_id = c.tenant_id AND m.chat_id = c.id) AS message_count,
                last.preview AS last_message_preview, last.role AS last_message_role,
                last.status AS last_message_status
         FROM chats c
         JOIN assistants a ON a.tenant_id = c.tenant_id AND a.id = c.assistant_id
         LEFT JOIN LATERAL (
             SELECT left(m.content, $6) AS preview, m.role, m.status FROM messages m
             WHERE m.tenant_id = c.tenant_id AND m.chat_id = c.id
             ORDER BY m.id DESC LIMIT 1
         ) last ON true
         WHERE c.tenant_id = $1
           AND ($2::uuid IS NULL OR c.assistant_id = $2)
           AND ($3::timestamptz IS NULL OR (c.last_message_at <= $3 AND (c.last_message_at, c.id) < ($3, $4)))
         ORDER BY c.last_message_at DESC, c.id DESC
         LIMIT $5",
    )
    .bind(tenant)
    .bind(assistant)
    .bind(after.map(|c| c.last_message_at))
    .bind(after.map(|c| c.id))
    .bind(i64::from(limit))
    .bind(PREVIEW_CHARS)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn get(tx: &mut TenantTx, id: ChatId) -> Result<Option<ChatRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT c.id, c.assistant_id, a.name AS assistant_name, c.visitor_id, c.title, c.status,
                c.origin, c.created_at, c.last_message_at
         FROM chats c
         JOIN assistants a ON a.tenant_id = c.tenant_id AND a.id = c.assistant_id
         WHERE c.tenant_id = $1 AND c.id = $2",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// Deletes the chat and its messages; false when the tenant has no such chat.
pub async fn delete(tx: &mut TenantTx, id: ChatId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let result = sqlx::query("DELETE FROM chats WHERE tenant_id = $1 AND id = $2")
        .bind(tenant)
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(result.rows_affected() == 1)
}

/// A chat a visitor is opening.
pub struct NewChat<'a> {
    pub assistant: AssistantId,
    pub visitor_id: &'a str,
    pub origin: Option<&'a str>,
}

/// Opens a chat for one of the tenant's assistants. The composite foreign key refuses
/// another tenant's assistant even if the code asked for it.
pub async fn create(tx: &mut TenantTx, new: &NewChat<'_>) -> Result<ChatRecord, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(
        "WITH inserted AS (
             INSERT INTO chats (tenant_id, id, assistant_id, visitor_id, origin)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING *
         )
         SELECT i.id, i.assistant_id, a.name AS assistant_name, i.visitor_id, i.title, i.status,
                i.origin, i.created_at, i.last_message_at
         FROM inserted i
         JOIN assistants a ON a.tenant_id = i.tenant_id AND a.id = i.assistant_id",
    )
    .bind(tenant)
    .bind(ChatId::new())
    .bind(new.assistant)
    .bind(new.visitor_id)
    .bind(new.origin)
    .fetch_one(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// What the realtime node checks before accepting a visitor message.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChatAccess {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    pub visitor_id: String,
    pub assistant_status: crate::domain::AssistantStatus,
    /// The position of the newest final message.
    pub message_seq: i64,
}

pub async fn access(tx: &mut TenantTx, id: ChatId) -> Result<Option<ChatAccess>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT c.id, c.assistant_id, c.visitor_id, a.status AS assistant_status, c.message_seq
         FROM chats c JOIN assistants a ON a.tenant_id = c.tenant_id AND a.id = c.assistant_id
         WHERE c.tenant_id = $1 AND c.id = $2",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}
