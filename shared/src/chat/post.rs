//! Posting a message into a chat, from any author: a visitor through the widget (or a
//! partner's end user through the API), or a team member answering in person.
//!
//! One transaction holds the message, its webhook deliveries and, when a visitor wrote
//! it, the job that will answer it — and, for a widget visitor's first message, the chat
//! itself (see [`open`](super::open)): either all exist or none. The caller commits, then broadcasts what
//! [`Posted`] carries.

use chrono::Utc;

use crate::{
    chat::{
        handoff::{self, StateChanged, Transition},
        open::{OpenError, Opening, open_chat},
    },
    db::{RepoError, TenantTx},
    domain::{AssistantStatus, ChatState, MessageRole, MessageStatus, message::MessageContent},
    events::{ChatOpenedPayload, MessagePayload},
    ids::{ChatId, TenantId, UserId},
    jobs::{ReplyJob, enqueue_reply},
    repo::{self, messages::NewMessage},
    webhooks::{self, EventType, event::MessageData},
};

/// Who writes the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// The person chatting with the assistant: the assistant will answer.
    Visitor,
    /// A member of the workspace, answering in person (role `agent`): no AI reply.
    Member(UserId),
}

/// A message to post.
#[derive(Debug, Clone, Copy)]
pub struct Post<'a> {
    pub chat: ChatId,
    pub author: Author,
    pub content: &'a MessageContent,
    /// The client's id for the message: posting it again returns the stored one.
    pub client_message_id: Option<&'a str>,
    /// A widget visitor's message: create the chat if this is its first (the widget's
    /// `start_chat` stores no row). `None` for doors whose chats exist before anyone
    /// writes (members, the conversation API).
    pub opening: Option<Opening<'a>>,
}

/// What was stored, ready to broadcast.
#[derive(Debug, Clone)]
pub struct Posted {
    pub tenant: TenantId,
    pub message: MessagePayload,
    /// False when this client message id had been stored before: nothing new happened,
    /// so nothing is broadcast and no reply is queued again.
    pub created: bool,
    /// A visitor writing into a resolved chat opens it again: broadcast this too.
    pub state_change: Option<StateChanged>,
    /// The chat was created by this message: the dashboards hear of it first.
    pub opened: Option<ChatOpenedPayload>,
}

#[derive(Debug, thiserror::Error)]
pub enum PostError {
    /// No such chat in this tenant.
    #[error("chat not found")]
    ChatNotFound,
    /// The assistant is paused: visitors may not write to it.
    #[error("the assistant is paused")]
    AssistantPaused,
    #[error(transparent)]
    Database(#[from] RepoError),
}

impl From<handoff::HandoffError> for PostError {
    fn from(err: handoff::HandoffError) -> Self {
        match err {
            handoff::HandoffError::Database(err) => Self::Database(err),
            // Reopening applies to any chat that exists; the rest cannot happen here.
            _ => Self::ChatNotFound,
        }
    }
}

impl From<OpenError> for PostError {
    fn from(err: OpenError) -> Self {
        match err {
            OpenError::Database(err) => Self::Database(err),
            // Deleted by an admin: answered like a chat that does not exist.
            OpenError::Deleted => Self::ChatNotFound,
        }
    }
}

impl From<sqlx::Error> for PostError {
    fn from(err: sqlx::Error) -> Self {
        Self::Database(err.into())
    }
}

/// Stores `post` at the end of its chat and, for a visitor's message, enqueues the reply
/// job in the same transaction — unless a member has the chat (`assigned`): then the
/// member answers and no job is queued. A visitor's message into a resolved chat opens
/// it again (stored as a state change).
#[tracing::instrument(skip_all, fields(tenant_id = %tx.tenant_id(), chat_id = %post.chat))]
pub async fn post_message(tx: &mut TenantTx, post: &Post<'_>) -> Result<Posted, PostError> {
    let opened = match &post.opening {
        Some(opening) => open_chat(tx, post.chat, opening).await?,
        None => None,
    };
    let access = repo::chats::access(tx, post.chat)
        .await?
        .ok_or(PostError::ChatNotFound)?;
    if post.author == Author::Visitor && access.assistant_status != AssistantStatus::Active {
        return Err(PostError::AssistantPaused);
    }
    let (role, author) = match post.author {
        Author::Visitor => (MessageRole::User, None),
        Author::Member(user) => (MessageRole::Agent, Some(user)),
    };
    let inserted = repo::messages::insert(
        tx,
        &NewMessage {
            chat: post.chat,
            role,
            content: post.content.as_str(),
            status: MessageStatus::Complete,
            client_message_id: post.client_message_id,
            author,
        },
    )
    .await?
    .ok_or(PostError::ChatNotFound)?;
    if inserted.created {
        // Issue 11: the partner hears of it through the same transaction.
        webhooks::emit(
            tx,
            EventType::MessageCreated,
            &MessageData::from(&inserted.message),
        )
        .await?;
    }
    let mut state_change = None;
    if inserted.created && post.author == Author::Visitor && access.state == ChatState::Resolved {
        state_change = handoff::change_state(tx, post.chat, Transition::Reopen).await?;
    }
    if inserted.created && post.author == Author::Visitor && access.state != ChatState::Assigned {
        enqueue_reply(
            tx,
            &ReplyJob {
                tenant_id: tx.tenant_id(),
                chat_id: post.chat,
                message_id: inserted.message.id,
                enqueued_at_us: Utc::now().timestamp_micros(),
            },
        )
        .await?;
    }
    let mut message = MessagePayload::from(&inserted.message);
    if let Some(user) = inserted.message.author_id {
        message.author_name = repo::users::display_name(tx, user).await?;
    }
    Ok(Posted {
        tenant: tx.tenant_id(),
        message,
        created: inserted.created,
        state_change,
        opened,
    })
}
