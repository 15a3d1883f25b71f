//! Messages: the visitor's, the assistant's replies, and their life cycle.
//!
//! Ordering: a message gets `seq` (its position in the chat) when it becomes final — a
//! visitor message when stored, a reply when it completes or fails. Taking the next
//! `seq` updates the chat row, which also serialises writers of one chat.

use chrono::{DateTime, Utc};

use crate::{
    db::{RepoError, TenantTx},
    domain::{MessageRole, MessageStatus, ReplyCause},
    ids::{ChatId, MessageId, UserId},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRecord {
    pub id: MessageId,
    pub chat_id: ChatId,
    pub role: MessageRole,
    pub content: String,
    pub status: MessageStatus,
    pub model: Option<String>,
    pub prompt_tokens: Option<i32>,
    pub completion_tokens: Option<i32>,
    pub latency_ms: Option<i32>,
    /// Why a reply failed (or was handed over).
    pub error_code: Option<ReplyCause>,
    pub created_at: DateTime<Utc>,
    pub seq: Option<i64>,
    pub client_message_id: Option<String>,
    pub reply_to: Option<MessageId>,
    pub attempts: i32,
    /// The member who wrote it (agent messages only).
    pub author_id: Option<UserId>,
}

pub(crate) const COLUMNS: &str = "id, chat_id, role, content, status, model, prompt_tokens, \
    completion_tokens, latency_ms, error_code, created_at, seq, \
    client_message_id, reply_to, attempts, author_id";

/// Every message of a chat in conversation order (replies still streaming last).
pub async fn list_for_chat(
    tx: &mut TenantTx,
    chat: ChatId,
) -> Result<Vec<MessageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM messages WHERE tenant_id = $1 AND chat_id = $2
         ORDER BY seq NULLS LAST, id"
    )))
    .bind(tenant)
    .bind(chat)
    .fetch_all(tx.conn())
    .await?)
}

/// A final message to store (a visitor's, or a seeded one).
pub struct NewMessage<'a> {
    pub chat: ChatId,
    pub role: MessageRole,
    pub content: &'a str,
    pub status: MessageStatus,
    /// The widget's id for the message, for idempotent retries.
    pub client_message_id: Option<&'a str>,
    /// The member who wrote it, for agent messages.
    pub author: Option<UserId>,
}

/// Stores a final message at the end of the chat. With a `client_message_id` already
/// stored for this chat, stores nothing and returns the earlier message with
/// `created = false`. `None` when the tenant has no such chat.
pub async fn insert(
    tx: &mut TenantTx,
    new: &NewMessage<'_>,
) -> Result<Option<Inserted>, RepoError> {
    let tenant = tx.tenant_id();
    if let Some(client_id) = new.client_message_id
        && let Some(existing) = by_client_id(tx, new.chat, client_id).await?
    {
        return Ok(Some(Inserted {
            message: existing,
            created: false,
        }));
    }
    let inserted: Option<MessageRecord> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "WITH position AS (
             UPDATE chats SET
                 message_seq = message_seq + 1,
                 last_message_at = now(),
                 title = CASE WHEN title = '' AND $4 = 'user'::message_role
                              THEN left(regexp_replace($5, '\\s+', ' ', 'g'), 80)
                              ELSE title END
             WHERE tenant_id = $1 AND id = $2
             RETURNING message_seq
         )
         INSERT INTO messages (tenant_id, id, chat_id, role, content, status,
                               client_message_id, author_id, seq, completed_at)
         SELECT $1, $3, $2, $4, $5, $6, $7, $8, position.message_seq, now() FROM position
         ON CONFLICT (tenant_id, chat_id, client_message_id)
             WHERE client_message_id IS NOT NULL DO NOTHING
         RETURNING {COLUMNS}"
    )))
    .bind(tenant)
    .bind(new.chat)
    .bind(MessageId::new())
    .bind(new.role)
    .bind(new.content)
    .bind(new.status)
    .bind(new.client_message_id)
    .bind(new.author)
    .fetch_optional(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    match inserted {
        Some(message) => Ok(Some(Inserted {
            message,
            created: true,
        })),
        // A concurrent send with the same client id won the race.
        None => match new.client_message_id {
            Some(client_id) => {
                Ok(by_client_id(tx, new.chat, client_id)
                    .await?
                    .map(|message| Inserted {
                        message,
                        created: false,
                    }))
            }
            None => Ok(None),
        },
    }
}

pub struct Inserted {
    pub message: MessageRecord,
    /// False when the message had been stored before (same client message id).
    pub created: bool,
}

async fn by_client_id(
    tx: &mut TenantTx,
    chat: ChatId,
    client_id: &str,
) -> Result<Option<MessageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM messages
         WHERE tenant_id = $1 AND chat_id = $2 AND client_message_id = $3"
    )))
    .bind(tenant)
    .bind(chat)
    .bind(client_id)
    .fetch_optional(tx.conn())
    .await?)
}

pub async fn get(tx: &mut TenantTx, id: MessageId) -> Result<Option<MessageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM messages WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// Final messages after position `after_seq`, in order: what a resuming widget missed.
pub async fn list_after(
    tx: &mut TenantTx,
    chat: ChatId,
    after_seq: i64,
) -> Result<Vec<MessageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM messages
         WHERE tenant_id = $1 AND chat_id = $2 AND seq > $3
         ORDER BY seq"
    )))
    .bind(tenant)
    .bind(chat)
    .bind(after_seq)
    .fetch_all(tx.conn())
    .await?)
}

/// The final messages after `after_seq` that became final within the last `within` (by
/// the database's clock): what a realtime node that lost broadcasts for that long sends
/// its visitors again.
pub async fn list_final_within(
    tx: &mut TenantTx,
    chat: ChatId,
    after_seq: i64,
    within: std::time::Duration,
) -> Result<Vec<MessageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM messages
         WHERE tenant_id = $1 AND chat_id = $2 AND seq > $3
           AND completed_at >= now() - make_interval(secs => $4)
         ORDER BY seq"
    )))
    .bind(tenant)
    .bind(chat)
    .bind(after_seq)
    .bind(within.as_secs_f64())
    .fetch_all(tx.conn())
    .await?)
}

/// Whether a reply in the chat is still being written (for the typing indicator).
pub async fn reply_in_progress(tx: &mut TenantTx, chat: ChatId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM messages WHERE tenant_id = $1 AND chat_id = $2
                        AND status IN ('pending', 'streaming'))",
    )
    .bind(tenant)
    .bind(chat)
    .fetch_one(tx.conn())
    .await?)
}

/// The conversation up to and including position `up_to_seq`, newest `limit` turns,
/// returned oldest first: what the model sees. Failed replies and system notes are
/// left out (a failure text is for the visitor, not the model).
pub async fn history(
    tx: &mut TenantTx,
    chat: ChatId,
    up_to_seq: i64,
    limit: i64,
) -> Result<Vec<(MessageRole, String)>, RepoError> {
    let tenant = tx.tenant_id();
    let mut rows: Vec<(MessageRole, String)> = sqlx::query_as(
        "SELECT role, content FROM messages
         WHERE tenant_id = $1 AND chat_id = $2 AND seq <= $3
           AND status = 'complete' AND role IN ('user', 'assistant', 'agent')
         ORDER BY seq DESC LIMIT $4",
    )
    .bind(tenant)
    .bind(chat)
    .bind(up_to_seq)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?;
    rows.reverse();
    Ok(rows)
}

/// The reply row for `reply_to`, created (status `streaming`) if there is none yet.
/// Its id stays the same across retries and worker restarts.
pub async fn begin_reply(
    tx: &mut TenantTx,
    chat: ChatId,
    reply_to: MessageId,
) -> Result<MessageRecord, RepoError> {
    let tenant = tx.tenant_id();
    let created: Option<MessageRecord> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO messages (tenant_id, id, chat_id, role, content, status, reply_to)
         VALUES ($1, $2, $3, 'assistant', '', 'streaming', $4)
         ON CONFLICT (tenant_id, reply_to) WHERE reply_to IS NOT NULL DO NOTHING
         RETURNING {COLUMNS}"
    )))
    .bind(tenant)
    .bind(MessageId::new())
    .bind(chat)
    .bind(reply_to)
    .fetch_optional(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    if let Some(row) = created {
        return Ok(row);
    }
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM messages WHERE tenant_id = $1 AND reply_to = $2"
    )))
    .bind(tenant)
    .bind(reply_to)
    .fetch_one(tx.conn())
    .await?)
}

/// Counts one more provider call for a reply; returns the new count.
pub async fn record_attempt(tx: &mut TenantTx, reply: MessageId) -> Result<i32, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "UPDATE messages SET attempts = attempts + 1, updated_at = now()
         WHERE tenant_id = $1 AND id = $2 RETURNING attempts",
    )
    .bind(tenant)
    .bind(reply)
    .fetch_one(tx.conn())
    .await?)
}

/// A finished reply.
pub struct ReplyOutcome<'a> {
    pub content: &'a str,
    pub model: &'a str,
    pub prompt_tokens: Option<i32>,
    pub completion_tokens: Option<i32>,
    pub latency_ms: i32,
}

/// Stores a completed reply and gives it its position. `None` if it was already final
/// (another run of the job got there first): the caller must not announce it twice.
pub async fn complete_reply(
    tx: &mut TenantTx,
    reply: MessageId,
    outcome: &ReplyOutcome<'_>,
) -> Result<Option<MessageRecord>, RepoError> {
    finish(
        tx,
        reply,
        MessageStatus::Complete,
        outcome.content,
        Some(outcome.model),
        (outcome.prompt_tokens, outcome.completion_tokens),
        Some(outcome.latency_ms),
        None,
    )
    .await
}

/// Marks a reply failed: `visitor_text` is what the visitor sees; `cause` is for
/// members. `None` if the reply was already final.
pub async fn fail_reply(
    tx: &mut TenantTx,
    reply: MessageId,
    visitor_text: &str,
    cause: ReplyCause,
    latency_ms: i32,
) -> Result<Option<MessageRecord>, RepoError> {
    finish(
        tx,
        reply,
        MessageStatus::Failed,
        visitor_text,
        None,
        (None, None),
        Some(latency_ms),
        Some(cause),
    )
    .await
}

/// Ends a reply that was streaming when a member took the chat over: it keeps what was
/// written so far (the visitor saw it) and is marked for admins with `handed_over`.
/// `None` if the reply was already final.
pub async fn stop_reply(
    tx: &mut TenantTx,
    reply: MessageId,
    partial: &str,
    model: &str,
    latency_ms: i32,
) -> Result<Option<MessageRecord>, RepoError> {
    finish(
        tx,
        reply,
        MessageStatus::Complete,
        partial,
        Some(model),
        (None, None),
        Some(latency_ms),
        Some(ReplyCause::HandedOver),
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn finish(
    tx: &mut TenantTx,
    reply: MessageId,
    status: MessageStatus,
    content: &str,
    model: Option<&str>,
    (prompt_tokens, completion_tokens): (Option<i32>, Option<i32>),
    latency_ms: Option<i32>,
    cause: Option<ReplyCause>,
) -> Result<Option<MessageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "WITH target AS (
             SELECT chat_id FROM messages
             WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'streaming')
             FOR UPDATE
         ), position AS (
             UPDATE chats c SET message_seq = message_seq + 1, last_message_at = now()
             FROM target WHERE c.tenant_id = $1 AND c.id = target.chat_id
             RETURNING c.message_seq
         )
         UPDATE messages m SET
             status = $3, content = $4, model = $5, prompt_tokens = $6,
             completion_tokens = $7, latency_ms = $8, error_code = $9,
             seq = position.message_seq, completed_at = now(), updated_at = now()
         FROM position
         WHERE m.tenant_id = $1 AND m.id = $2
         RETURNING {}",
        COLUMNS
            .split(", ")
            .map(|c| format!("m.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    )))
    .bind(tenant)
    .bind(reply)
    .bind(status)
    .bind(content)
    .bind(model)
    .bind(prompt_tokens)
    .bind(completion_tokens)
    .bind(latency_ms)
    .bind(cause)
    .fetch_optional(tx.conn())
    .await?)
}

/// A message as the export writes it: with its chat's assistant.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportedMessage {
    pub id: MessageId,
    pub chat_id: ChatId,
    pub assistant_id: crate::ids::AssistantId,
    pub role: MessageRole,
    pub status: MessageStatus,
    pub model: Option<String>,
    pub prompt_tokens: Option<i32>,
    pub completion_tokens: Option<i32>,
    pub latency_ms: Option<i32>,
    pub error_code: Option<ReplyCause>,
    pub created_at: DateTime<Utc>,
    pub content: String,
}

/// One page of messages created in `[from, to)`, oldest first, after the keyset `after`.
pub async fn export_page(
    tx: &mut TenantTx,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    assistant: Option<crate::ids::AssistantId>,
    after: Option<(DateTime<Utc>, MessageId)>,
    limit: i64,
) -> Result<Vec<ExportedMessage>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT m.id, m.chat_id, c.assistant_id, m.role, m.status, m.model, m.prompt_tokens,
                m.completion_tokens, m.latency_ms, m.error_code, m.created_at, m.content
         FROM messages m
         JOIN chats c ON c.tenant_id = m.tenant_id AND c.id = m.chat_id
         WHERE m.tenant_id = $1 AND m.created_at >= $2 AND m.created_at < $3
           AND ($4::uuid IS NULL OR c.assistant_id = $4)
           AND ($5::timestamptz IS NULL OR (m.created_at >= $5 AND (m.created_at, m.id) > ($5, $6)))
         ORDER BY m.created_at, m.id
         LIMIT $7",
    )
    .bind(tenant)
    .bind(from)
    .bind(to)
    .bind(assistant)
    .bind(after.map(|a| a.0))
    .bind(after.map(|a| a.1))
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}
