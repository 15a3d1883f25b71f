use chrono::{DateTime, Utc};

use crate::{
    db::{RepoError, TenantTx},
    domain::{ChatState, ChatStatus, HandoffPolicy, MessageRole, identity::VisitorIdentity},
    ids::{AssistantId, ChatId, UserId},
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
    /// Who is answering (handoff).
    pub state: ChatState,
    pub assignee_id: Option<UserId>,
    pub assignee_name: Option<String>,
    pub state_changed_at: DateTime<Utc>,
    /// An address the visitor left for a reply.
    pub visitor_email: Option<String>,
    /// Who the host page said the visitor is (`identify`), and whether its hash was
    /// right: unverified claims are shown as claims and never linked to other chats.
    pub identity_user_id: Option<String>,
    pub identity_name: Option<String>,
    pub identity_email: Option<String>,
    pub identity_verified: bool,
}

/// The columns of [`ChatRecord`], for a query over `chats c` joined with `assistants a`
/// and `users assignee`.
const RECORD_COLUMNS: &str = "c.id, c.assistant_id, a.name AS assistant_name, c.visitor_id, \
    c.title, c.status, c.origin, c.created_at, c.last_message_at, c.state, c.assignee_id, \
    coalesce(nullif(assignee.full_name, ''), split_part(assignee.email, '@', 1)) \
    AS assignee_name, c.state_changed_at, c.visitor_email, c.identity_user_id, \
    c.identity_name, c.identity_email, c.identity_verified";

const RECORD_FROM: &str = "chats c
    JOIN assistants a ON a.tenant_id = c.tenant_id AND a.id = c.assistant_id
    LEFT JOIN users assignee ON assignee.id = c.assignee_id";

/// Which chats a list shows; every field narrows it.
#[derive(Debug, Clone, Default)]
pub struct ChatFilter {
    pub assistant: Option<AssistantId>,
    pub state: Option<ChatState>,
    pub assignee: Option<UserId>,
    /// Last activity at or after.
    pub active_from: Option<DateTime<Utc>>,
    /// Last activity before.
    pub active_to: Option<DateTime<Utc>>,
    /// Words that some message of the chat contains (English or Turkish stems;
    /// `websearch_to_tsquery` syntax: "quoted phrases", `or`, `-word`).
    pub text: Option<String>,
    /// Only chats whose visitor identity is verified (`true`) or not (`false`: an
    /// unverified claim, or none).
    pub verified: Option<bool>,
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

/// A page of the tenant's chats, newest activity first, narrowed by `filter`.
pub async fn list(
    tx: &mut TenantTx,
    filter: &ChatFilter,
    after: Option<ChatCursor>,
    limit: u32,
) -> Result<Vec<ChatSummary>, RepoError> {
    let tenant = tx.tenant_id();
    // The cursor repeats its bound as `last_message_at <= $3`: row comparisons are not
    // leakproof, so under row-level security only that plain bound can reach the index.
    // The text search asks both configurations; the generated `messages.search` column
    // holds both stems (see migration 20261207000001).
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {RECORD_COLUMNS},
                (SELECT count(*) FROM messages m
                  WHERE m.tenant_id = c.tenant_id AND m.chat_id = c.id) AS message_count,
                last.preview AS last_message_preview, last.role AS last_message_role,
                last.status AS last_message_status
         FROM {RECORD_FROM}
         LEFT JOIN LATERAL (
             SELECT left(m.content, $6) AS preview, m.role, m.status FROM messages m
             WHERE m.tenant_id = c.tenant_id AND m.chat_id = c.id
             ORDER BY m.id DESC LIMIT 1
         ) last ON true
         WHERE c.tenant_id = $1
           AND ($2::uuid IS NULL OR c.assistant_id = $2)
           AND ($3::timestamptz IS NULL OR (c.last_message_at <= $3 AND (c.last_message_at, c.id) < ($3, $4)))
           AND ($7::chat_state IS NULL OR c.state = $7)
           AND ($8::uuid IS NULL OR c.assignee_id = $8)
           AND ($9::timestamptz IS NULL OR c.last_message_at >= $9)
           AND ($10::timestamptz IS NULL OR c.last_message_at < $10)
           AND ($11::text IS NULL OR EXISTS (
                 SELECT 1 FROM messages s
                 WHERE s.tenant_id = $1 AND s.chat_id = c.id
                   AND s.search @@ (websearch_to_tsquery('english'::regconfig, $11)
                                    || websearch_to_tsquery('turkish'::regconfig, $11))))
           AND ($12::boolean IS NULL OR c.identity_verified = $12)
         ORDER BY c.last_message_at DESC, c.id DESC
         LIMIT $5"
    )))
    .bind(tenant)
    .bind(filter.assistant)
    .bind(after.map(|c| c.last_message_at))
    .bind(after.map(|c| c.id))
    .bind(i64::from(limit))
    .bind(PREVIEW_CHARS)
    .bind(filter.state)
    .bind(filter.assignee)
    .bind(filter.active_from)
    .bind(filter.active_to)
    .bind(filter.text.as_deref())
    .bind(filter.verified)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn get(tx: &mut TenantTx, id: ChatId) -> Result<Option<ChatRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {RECORD_COLUMNS} FROM {RECORD_FROM} WHERE c.tenant_id = $1 AND c.id = $2"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// Deletes the chat and its messages, and keeps its id in `deleted_chats`, so an old
/// visitor token cannot bring it back ([`create_if_absent`] is refused for it); false
/// when the tenant has no such chat.
pub async fn delete(tx: &mut TenantTx, id: ChatId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let result = sqlx::query("DELETE FROM chats WHERE tenant_id = $1 AND id = $2")
        .bind(tenant)
        .bind(id)
        .execute(tx.conn())
        .await?;
    if result.rows_affected() != 1 {
        return Ok(false);
    }
    super::deleted_chats::insert(tx, id).await?;
    Ok(true)
}

/// A chat a visitor is opening.
pub struct NewChat<'a> {
    pub assistant: AssistantId,
    pub visitor_id: &'a str,
    pub origin: Option<&'a str>,
}

/// Creates the chat `id` for one of the tenant's assistants unless it exists; the new
/// chat, or `None` when it was there already (or another transaction creating it won:
/// the insert waits for it and then does nothing). The composite foreign key refuses
/// another tenant's assistant even if the code asked for it.
pub async fn create_if_absent(
    tx: &mut TenantTx,
    id: ChatId,
    new: &NewChat<'_>,
) -> Result<Option<ChatRecord>, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(
        "WITH inserted AS (
             INSERT INTO chats (tenant_id, id, assistant_id, visitor_id, origin)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING
             RETURNING *
         )
         SELECT i.id, i.assistant_id, a.name AS assistant_name, i.visitor_id, i.title, i.status,
                i.origin, i.created_at, i.last_message_at, i.state, i.assignee_id,
                NULL::text AS assignee_name, i.state_changed_at, i.visitor_email,
                i.identity_user_id, i.identity_name, i.identity_email, i.identity_verified
         FROM inserted i
         JOIN assistants a ON a.tenant_id = i.tenant_id AND a.id = i.assistant_id",
    )
    .bind(tenant)
    .bind(id)
    .bind(new.assistant)
    .bind(new.visitor_id)
    .bind(new.origin)
    .fetch_optional(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// Records who the visitor is on a chat (at its creation): a verified identity, or the
/// claim as the page made it, marked unverified.
pub async fn set_identity(
    tx: &mut TenantTx,
    id: ChatId,
    identity: &VisitorIdentity,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query(
        "UPDATE chats SET identity_user_id = $3, identity_name = $4, identity_email = $5,
                identity_verified = $6
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .bind(identity.user_id.as_str())
    .bind(identity.name.as_ref().map(|n| n.as_str()))
    .bind(identity.email.as_ref().map(|e| e.as_str()))
    .bind(identity.verified)
    .execute(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    Ok(done.rows_affected() == 1)
}

/// Another chat of the same verified user.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkedChat {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    pub title: String,
    pub state: ChatState,
    pub last_message_at: DateTime<Utc>,
}

/// The tenant's other chats with this **verified** user id, newest activity first.
/// Unverified claims of the same id are never among them, whatever they say.
pub async fn verified_user_chats(
    tx: &mut TenantTx,
    user_id: &str,
    except: ChatId,
    limit: u32,
) -> Result<Vec<LinkedChat>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT id, assistant_id, title, state, last_message_at FROM chats
         WHERE tenant_id = $1 AND identity_verified AND identity_user_id = $2 AND id <> $3
         ORDER BY last_message_at DESC, id DESC
         LIMIT $4",
    )
    .bind(tenant)
    .bind(user_id)
    .bind(except)
    .bind(i64::from(limit))
    .fetch_all(tx.conn())
    .await?)
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
    /// Who is answering: no AI reply while `assigned`.
    pub state: ChatState,
    pub assignee_id: Option<UserId>,
    pub handoff_policy: HandoffPolicy,
}

pub async fn access(tx: &mut TenantTx, id: ChatId) -> Result<Option<ChatAccess>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT c.id, c.assistant_id, c.visitor_id, a.status AS assistant_status, c.message_seq,
                c.state, c.assignee_id, a.handoff_policy
         FROM chats c JOIN assistants a ON a.tenant_id = c.tenant_id AND a.id = c.assistant_id
         WHERE c.tenant_id = $1 AND c.id = $2",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// The chat's handoff state, locked until the transaction ends, so two members taking
/// over at once are serialised. `None` when the tenant has no such chat.
pub async fn lock_state(tx: &mut TenantTx, id: ChatId) -> Result<Option<ChatAccess>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT c.id, c.assistant_id, c.visitor_id, a.status AS assistant_status, c.message_seq,
                c.state, c.assignee_id, a.handoff_policy
         FROM chats c JOIN assistants a ON a.tenant_id = c.tenant_id AND a.id = c.assistant_id
         WHERE c.tenant_id = $1 AND c.id = $2
         FOR UPDATE OF c",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// Moves the chat to `state` with `assignee` (only for `assigned`).
pub async fn set_state(
    tx: &mut TenantTx,
    id: ChatId,
    state: ChatState,
    assignee: Option<UserId>,
) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query(
        "UPDATE chats SET state = $3, assignee_id = $4, state_changed_at = now()
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .bind(state)
    .bind(assignee)
    .execute(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    Ok(())
}

/// Only the state, for the worker's check between streamed pieces.
pub async fn state(tx: &mut TenantTx, id: ChatId) -> Result<Option<ChatState>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(
        sqlx::query_scalar("SELECT state FROM chats WHERE tenant_id = $1 AND id = $2")
            .bind(tenant)
            .bind(id)
            .fetch_optional(tx.conn())
            .await?,
    )
}

/// Keeps the address a visitor left; false when the tenant has no such chat.
pub async fn set_visitor_email(
    tx: &mut TenantTx,
    id: ChatId,
    email: &crate::domain::email::Email,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query("UPDATE chats SET visitor_email = $3 WHERE tenant_id = $1 AND id = $2")
        .bind(tenant)
        .bind(id)
        .bind(email.as_str())
        .execute(tx.conn())
        .await
        .map_err(RepoError::from_write)?;
    Ok(done.rows_affected() == 1)
}
