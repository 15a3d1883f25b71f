//! A chat's events on a plain Redis channel, for listeners that hold no socket: the
//! conversation API streams a partner's reply from it (Server-Sent Events).
//!
//! Socket.IO rooms reach only sockets, and the API process has none, so every event the
//! [`super::Broadcaster`] sends into a chat's room is also published here, one channel
//! per chat. Publishing is fire-and-forget (a `PUBLISH` nobody listens to costs Redis
//! one lookup); a listener subscribes *before* it posts, so it cannot miss the reply,
//! and stored final messages remain the truth it falls back to.

use std::time::Duration;

use futures::{Stream, StreamExt};
use redis::aio::ConnectionManager;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::{
    config::Config,
    domain::{ChatState, MessageRole, MessageStatus},
    error_code::ErrorCode,
    events::{DeltaPayload, MessagePayload, TypingPayload, VisitorChatState},
    ids::{ChatId, MessageId},
};

/// How long a listener waits for Redis to accept its subscription.
const SUBSCRIBE_WITHIN: Duration = Duration::from_secs(2);

/// One event of a chat, as the conversation API streams it (snake_case, like the REST
/// API; the socket's camelCase payloads carry the same facts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(
    feature = "openapi",
    derive(poem_openapi::Union),
    oai(discriminator_name = "type", one_of)
)]
pub enum FeedEvent {
    /// A whole message: the end user's, a member's, or the assistant's final reply
    /// (`status` `complete` or `failed`).
    #[cfg_attr(feature = "openapi", oai(mapping = "message"))]
    Message(FeedMessage),
    /// A piece of the reply being written.
    #[cfg_attr(feature = "openapi", oai(mapping = "delta"))]
    Delta(FeedDelta),
    /// The assistant started or stopped writing.
    #[cfg_attr(feature = "openapi", oai(mapping = "typing"))]
    Typing(FeedTyping),
    /// Who answers the chat now (a member took it over, handed it back, resolved it).
    #[cfg_attr(feature = "openapi", oai(mapping = "state"))]
    State(FeedState),
    /// A failure not tied to one message (the reply could not be written).
    #[cfg_attr(feature = "openapi", oai(mapping = "error"))]
    Error(FeedError),
}

impl FeedEvent {
    /// The SSE `event:` name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Message(_) => "message",
            Self::Delta(_) => "delta",
            Self::Typing(_) => "typing",
            Self::State(_) => "state",
            Self::Error(_) => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FeedMessage {
    pub id: MessageId,
    pub chat_id: ChatId,
    pub role: MessageRole,
    pub content: String,
    pub status: MessageStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The message's position in the chat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
    /// The client's id for the message, when it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_message_id: Option<String>,
    /// The member who wrote it (role `agent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    /// For a reply: the message it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<MessageId>,
}

impl From<&MessagePayload> for FeedMessage {
    fn from(m: &MessagePayload) -> Self {
        Self {
            id: m.id,
            chat_id: m.chat_id,
            role: m.role,
            content: m.content.clone(),
            status: m.status,
            created_at: m.created_at,
            seq: m.seq,
            client_message_id: m.client_message_id.clone(),
            author_name: m.author_name.clone(),
            reply_to: m.reply_to,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FeedDelta {
    pub chat_id: ChatId,
    /// The reply being written.
    pub message_id: MessageId,
    /// 0, 1, 2… within one attempt.
    pub index: u32,
    /// Starts at 1; a retried reply starts its deltas again with a higher attempt.
    pub attempt: u32,
    pub delta: String,
}

impl From<&DeltaPayload> for FeedDelta {
    fn from(d: &DeltaPayload) -> Self {
        Self {
            chat_id: d.chat_id,
            message_id: d.message_id,
            index: d.index,
            attempt: d.attempt,
            delta: d.delta.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FeedTyping {
    pub chat_id: ChatId,
    pub is_typing: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<MessageId>,
}

impl From<&TypingPayload> for FeedTyping {
    fn from(t: &TypingPayload) -> Self {
        Self {
            chat_id: t.chat_id,
            is_typing: t.is_typing,
            message_id: t.message_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FeedState {
    pub chat_id: ChatId,
    pub state: ChatState,
    /// With `assigned`: the member who answers now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_name: Option<String>,
}

impl From<&VisitorChatState> for FeedState {
    fn from(s: &VisitorChatState) -> Self {
        Self {
            chat_id: s.chat_id,
            state: s.state,
            agent_name: s.agent_name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FeedError {
    pub chat_id: ChatId,
    pub code: ErrorCode,
    /// A sentence for developers.
    pub message: String,
}

/// Publishes and subscribes to chats' feeds (cheap to clone).
#[derive(Clone)]
pub struct ChatFeed {
    client: redis::Client,
    redis: ConnectionManager,
    prefix: String,
}

impl ChatFeed {
    pub fn new(config: &Config) -> anyhow::Result<Self> {
        use anyhow::Context;
        let client =
            redis::Client::open(config.redis_url.expose_secret()).context("parsing REDIS_URL")?;
        Ok(Self {
            client,
            redis: crate::redis_client::manager(config)?,
            prefix: config.redis_prefix.clone(),
        })
    }

    fn channel(&self, chat: ChatId) -> String {
        format!("{}:feed:{chat}", self.prefix)
    }

    /// Best effort: a listener that misses an event reads the stored message instead.
    pub async fn publish(&self, chat: ChatId, event: &FeedEvent) {
        let Ok(json) = serde_json::to_string(event) else {
            return;
        };
        let mut redis = self.redis.clone();
        let sent: redis::RedisResult<i64> = redis::cmd("PUBLISH")
            .arg(self.channel(chat))
            .arg(json)
            .query_async(&mut redis)
            .await;
        if let Err(err) = sent {
            tracing::debug!(%err, chat_id = %chat, "chat feed event not published");
        }
    }

    /// The chat's events from now on. Subscribe before doing what causes them.
    pub async fn subscribe(
        &self,
        chat: ChatId,
    ) -> anyhow::Result<impl Stream<Item = FeedEvent> + Send + 'static> {
        let channel = self.channel(chat);
        let pubsub = tokio::time::timeout(SUBSCRIBE_WITHIN, async {
            let mut pubsub = self.client.get_async_pubsub().await?;
            pubsub.subscribe(&channel).await?;
            redis::RedisResult::Ok(pubsub)
        })
        .await
        .map_err(|_| anyhow::anyhow!("Redis did not accept the subscription in time"))??;
        Ok(pubsub.into_on_message().filter_map(|msg| {
            let event = serde_json::from_slice::<FeedEvent>(msg.get_payload_bytes()).ok();
            futures::future::ready(event)
        }))
    }
}
