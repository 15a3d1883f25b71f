//! Creating a widget chat when it first needs a row (issue 10).
//!
//! `start_chat` hands the visitor a chat id and a token and stores nothing, so an
//! opened-but-silent widget leaves no row, no inbox entry, no `chat.started` webhook and
//! no count in analytics. The first visitor event that writes to the chat — a message
//! ([`post_message`](super::post_message) with an [`Opening`]), a request for a person,
//! an address left — creates it here, in its own transaction, idempotently: two first
//! messages at once make one chat. The caller announces the returned chat to
//! the dashboards (`Broadcaster::chat_opened`, after commit) before whatever else it
//! broadcasts, so the inbox entry appears with the first message.

use crate::{
    db::{RepoError, TenantTx},
    domain::identity::VisitorIdentity,
    events::{ChatIdentity, ChatOpenedPayload},
    ids::{AssistantId, ChatId},
    repo::{self, chats::NewChat},
    webhooks::{self, EventType, event::ChatData},
};

/// What a widget chat's row is made of, known from the visitor's token or grant and the
/// socket.
#[derive(Debug, Clone, Copy)]
pub struct Opening<'a> {
    pub assistant: AssistantId,
    pub visitor_id: &'a str,
    /// The page the widget runs on.
    pub origin: Option<&'a str>,
    /// Who the host page said the visitor is, as decided at `start_chat`.
    pub identity: Option<&'a VisitorIdentity>,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// An admin deleted this chat: it stays deleted (answered like a missing chat).
    #[error("the chat was deleted")]
    Deleted,
    #[error(transparent)]
    Database(#[from] RepoError),
}

/// Makes sure the widget chat `chat` exists: creates it (and emits `chat.started` in
/// the same transaction) unless it is there already. `Some` when this call created it.
///
/// A chat an admin deleted is refused. The check runs after the insert, in a statement
/// of its own: an insert that waited for a concurrent deletion of the same chat sees
/// that deletion's tombstone then, where a check before the insert would not.
#[tracing::instrument(skip_all, fields(tenant_id = %tx.tenant_id(), chat_id = %chat))]
pub async fn open_chat(
    tx: &mut TenantTx,
    chat: ChatId,
    opening: &Opening<'_>,
) -> Result<Option<ChatOpenedPayload>, OpenError> {
    let Some(created) = repo::chats::create_if_absent(
        tx,
        chat,
        &NewChat {
            assistant: opening.assistant,
            visitor_id: opening.visitor_id,
            origin: opening.origin,
        },
    )
    .await?
    else {
        return Ok(None);
    };
    if repo::deleted_chats::contains(tx, chat).await? {
        return Err(OpenError::Deleted);
    }
    if let Some(identity) = opening.identity {
        repo::chats::set_identity(tx, chat, identity).await?;
        tracing::info!(verified = identity.verified, "visitor identity recorded");
    }
    webhooks::emit(tx, EventType::ChatStarted, &ChatData::from(&created)).await?;
    tracing::info!("chat started");
    Ok(Some(ChatOpenedPayload {
        id: created.id,
        assistant_id: created.assistant_id,
        visitor_id: created.visitor_id,
        origin: created.origin,
        created_at: created.created_at,
        identity: opening.identity.map(ChatIdentity::from),
    }))
}
