//! How far each member has read each chat: the unread counts of the inbox (issue 10).
//!
//! A visitor message is unread for a member when its `seq` is above the member's
//! `read_seq` for that chat and it arrived after the member's `unread_since` (see
//! migration 20261212040001). Only final messages have a seq, and a visitor's message
//! is final when it is stored.

use std::collections::HashMap;

use crate::{
    db::{RepoError, TenantTx},
    ids::{ChatId, UserId},
};

/// Unread visitor messages per chat of `chats` for `member`; chats with none are absent.
pub async fn unread_counts(
    tx: &mut TenantTx,
    member: UserId,
    chats: &[ChatId],
) -> Result<HashMap<ChatId, i64>, RepoError> {
    if chats.is_empty() {
        return Ok(HashMap::new());
    }
    let tenant = tx.tenant_id();
    let rows: Vec<(ChatId, i64)> = sqlx::query_as(
        "SELECT u.chat_id, count(*)
         FROM messages u
         JOIN memberships ms ON ms.tenant_id = u.tenant_id AND ms.user_id = $2
         LEFT JOIN chat_reads r
                ON r.tenant_id = u.tenant_id AND r.chat_id = u.chat_id AND r.user_id = $2
         WHERE u.tenant_id = $1 AND u.chat_id = ANY($3) AND u.role = 'user'
           AND u.seq > coalesce(r.read_seq, 0) AND u.created_at >= ms.unread_since
         GROUP BY u.chat_id",
    )
    .bind(tenant)
    .bind(member)
    .bind(chats)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().collect())
}

/// How many chats have a visitor message `member` has not read (the navigation's badge).
pub async fn unread_chats(tx: &mut TenantTx, member: UserId) -> Result<i64, RepoError> {
    let tenant = tx.tenant_id();
    // Only chats active since the member's `unread_since` can hold an unread message:
    // that bound reaches the activity index, so old workspaces stay cheap.
    Ok(sqlx::query_scalar(
        "SELECT count(*)
         FROM memberships ms
         JOIN chats c ON c.tenant_id = ms.tenant_id AND c.last_message_at >= ms.unread_since
         WHERE ms.tenant_id = $1 AND ms.user_id = $2
           AND EXISTS (
               SELECT 1 FROM messages u
               WHERE u.tenant_id = $1 AND u.chat_id = c.id AND u.role = 'user'
                 AND u.created_at >= ms.unread_since
                 AND u.seq > coalesce((SELECT r.read_seq FROM chat_reads r
                                       WHERE r.tenant_id = $1 AND r.chat_id = c.id
                                         AND r.user_id = $2), 0))",
    )
    .bind(tenant)
    .bind(member)
    .fetch_one(tx.conn())
    .await?)
}

/// Marks `chat` read by `member` up to `seq` (or everything in it now). Never moves a
/// mark back, and never past the chat's last message. `None` when the tenant has no
/// such chat.
pub async fn mark_read(
    tx: &mut TenantTx,
    member: UserId,
    chat: ChatId,
    seq: Option<i64>,
) -> Result<Option<i64>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "INSERT INTO chat_reads (tenant_id, chat_id, user_id, read_seq)
         SELECT c.tenant_id, c.id, $3, least(coalesce($4, c.message_seq), c.message_seq)
         FROM chats c WHERE c.tenant_id = $1 AND c.id = $2
         ON CONFLICT (tenant_id, chat_id, user_id) DO UPDATE
            SET read_seq = greatest(chat_reads.read_seq, EXCLUDED.read_seq), read_at = now()
         RETURNING read_seq",
    )
    .bind(tenant)
    .bind(chat)
    .bind(member)
    .bind(seq)
    .fetch_optional(tx.conn())
    .await?)
}

/// "Mark all as read": nothing that arrived before now counts as unread for `member`.
pub async fn mark_all_read(tx: &mut TenantTx, member: UserId) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query(
        "UPDATE memberships SET unread_since = now() WHERE tenant_id = $1 AND user_id = $2",
    )
    .bind(tenant)
    .bind(member)
    .execute(tx.conn())
    .await?;
    Ok(())
}
