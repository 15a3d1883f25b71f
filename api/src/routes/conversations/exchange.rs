//! One exchange of a conversation: the end user's message goes in through the same door
//! as a widget visitor's (`chat::post_message`: the message and its reply job in one
//! transaction, the same limits), and the reply comes back from the chat's feed.
//!
//! The feed is subscribed *before* the message is stored, so the reply cannot slip past;
//! a message retried after its reply was written finds the stored reply instead.

use std::time::Duration;

use futures::{StreamExt, stream::BoxStream};
use kremna_shared::{
    auth::Admin,
    chat::{self, Author, Post, PostError},
    domain::{ChatState, message::MessageContent},
    error_code::ErrorCode,
    ids::ChatId,
    ratelimit::{Bucket, Decision, Limit},
    realtime::{
        FeedEvent,
        feed::{FeedMessage, FeedState},
    },
    repo,
};

use super::dto::ConversationMessageRequest;
use crate::{
    error::{ApiError, ApiResult},
    extract::{Caller, res},
    state::AppState,
};

/// What posting started.
pub struct Started {
    /// The end user's message as stored.
    pub message: FeedMessage,
    /// Who answers now.
    pub state: ChatState,
    /// The reply, when it had been written already (the message was a retry).
    pub reply: Option<FeedMessage>,
    /// Whether the assistant will answer (not while a member has the conversation).
    pub expects_reply: bool,
    /// The conversation's events since just before the message was stored.
    pub events: BoxStream<'static, FeedEvent>,
}

/// How an exchange's events end: the reply to this message, or a member taking over.
pub enum Step {
    Continue,
    /// The last event of the exchange.
    Last,
}

impl Started {
    /// Whether `event` belongs to this exchange and whether it ends it.
    pub fn step(&self, event: &FeedEvent) -> Step {
        match event {
            FeedEvent::Message(m) if m.reply_to == Some(self.message.id) && m.seq.is_some() => {
                Step::Last
            }
            FeedEvent::State(FeedState {
                state: ChatState::Assigned | ChatState::Resolved,
                ..
            }) => Step::Last,
            _ => Step::Continue,
        }
    }
}

pub async fn start(
    state: &AppState,
    caller: Caller<Admin, res::Chats>,
    id: ChatId,
    body: ConversationMessageRequest,
    idempotency_key: Option<String>,
) -> ApiResult<Started> {
    let content = MessageContent::parse(&body.content).map_err(|e| {
        ApiError::Validation(kremna_shared::domain::FieldError::new(
            "content",
            e.to_string(),
        ))
    })?;
    // An Idempotency-Key names the message too, so a retried request (even a stream,
    // which is not replayed byte for byte) attaches to the first one's message.
    let client_message_id = body
        .client_message_id
        .or(idempotency_key.map(|k| format!("idem:{k}").chars().take(64).collect()));
    let mut tx = caller.tx;
    repo::conversations::get(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    check_limits(state, tx.tenant_id(), id).await?;
    let feed = state
        .broadcaster
        .feed()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("the broadcaster has no feed")))?;
    let events = feed
        .subscribe(id)
        .await
        .map_err(ApiError::Unavailable)?
        .boxed();
    let posted = chat::post_message(
        &mut tx,
        &Post {
            chat: id,
            author: Author::Visitor,
            content: &content,
            client_message_id: client_message_id.as_deref(),
            opening: None,
        },
    )
    .await
    .map_err(|err| match err {
        PostError::ChatNotFound => ApiError::NotFound("conversation"),
        PostError::AssistantPaused => ApiError::Conflict {
            code: ErrorCode::AssistantPaused,
            message: "the assistant is paused",
        },
        PostError::Database(err) => err.into(),
    })?;
    let chat_state = repo::chats::state(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    let reply = repo::conversations::final_reply(&mut tx, id, posted.message.id).await?;
    let expects_reply = reply.is_none()
        && chat_state != ChatState::Assigned
        && (posted.created || repo::messages::reply_in_progress(&mut tx, id).await?);
    tx.commit().await?;
    state.broadcaster.posted(&posted).await;
    Ok(Started {
        message: FeedMessage::from(&posted.message),
        state: chat_state,
        reply: reply.map(|r| FeedMessage::from(&kremna_shared::events::MessagePayload::from(&r))),
        expects_reply,
        events,
    })
}

/// The conversation's and the workspace's message limits, as for a widget visitor (the
/// key's own request limit was counted already).
async fn check_limits(
    state: &AppState,
    tenant: kremna_shared::ids::TenantId,
    chat: ChatId,
) -> ApiResult<()> {
    let limits = state.config.realtime.limits;
    let checks = [
        (
            Bucket::ChatMessages(chat),
            Limit::per_minute(limits.visitor_messages_per_minute),
        ),
        (
            Bucket::TenantReplies(tenant),
            Limit::per_minute(limits.tenant_replies_per_minute),
        ),
    ];
    for (bucket, limit) in checks {
        match state.limiter.hit(bucket, limit).await {
            Ok(Decision::Allowed { .. }) => {}
            Ok(Decision::Limited { retry_after }) => {
                return Err(ApiError::RateLimited { retry_after });
            }
            Err(err) => return Err(ApiError::Unavailable(err.into())),
        }
    }
    Ok(())
}

/// Waits for the reply, at most `limit`.
pub async fn wait_for_reply(
    mut started: Started,
    limit: Duration,
) -> (Started, Option<FeedMessage>) {
    if started.reply.is_some() || !started.expects_reply {
        let reply = started.reply.take();
        return (started, reply);
    }
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let next = tokio::time::timeout_at(deadline, started.events.next()).await;
        let Ok(Some(event)) = next else {
            return (started, None);
        };
        if let Step::Last = started.step(&event) {
            return match event {
                FeedEvent::Message(reply) => (started, Some(reply)),
                FeedEvent::State(s) => {
                    started.state = s.state;
                    (started, None)
                }
                _ => (started, None),
            };
        }
    }
}
