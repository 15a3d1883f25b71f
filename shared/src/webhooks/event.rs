//! What an event says: the closed list of event types and the `data` of each, as the
//! receiver reads it (snake_case JSON, the same for every event of a type).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    domain::{ChatEventKind, MessageRole, MessageStatus, ReplyCause},
    ids::{AssistantId, ChatId, MessageId, UserId},
    repo::{chat_events::ChatEventRecord, chats::ChatRecord, messages::MessageRecord},
};

/// An event an endpoint may subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename = "WebhookEventType"))]
pub enum EventType {
    /// A visitor started a chat.
    #[serde(rename = "chat.started")]
    #[cfg_attr(feature = "openapi", oai(rename = "chat.started"))]
    ChatStarted,
    /// A visitor or a team member posted a message.
    #[serde(rename = "message.created")]
    #[cfg_attr(feature = "openapi", oai(rename = "message.created"))]
    MessageCreated,
    /// The assistant finished a reply.
    #[serde(rename = "reply.completed")]
    #[cfg_attr(feature = "openapi", oai(rename = "reply.completed"))]
    ReplyCompleted,
    /// The assistant could not reply (the provider failed for good).
    #[serde(rename = "reply.failed")]
    #[cfg_attr(feature = "openapi", oai(rename = "reply.failed"))]
    ReplyFailed,
    /// The visitor or the model asked for a person.
    #[serde(rename = "chat.handoff_requested")]
    #[cfg_attr(feature = "openapi", oai(rename = "chat.handoff_requested"))]
    ChatHandoffRequested,
    /// A member marked the chat resolved.
    #[serde(rename = "chat.resolved")]
    #[cfg_attr(feature = "openapi", oai(rename = "chat.resolved"))]
    ChatResolved,
}

/// The type of the event `POST /webhooks/endpoints/{id}/test` sends; not subscribable.
pub const TEST_EVENT: &str = "webhook.test";

impl EventType {
    pub const ALL: [EventType; 6] = [
        Self::ChatStarted,
        Self::MessageCreated,
        Self::ReplyCompleted,
        Self::ReplyFailed,
        Self::ChatHandoffRequested,
        Self::ChatResolved,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ChatStarted => "chat.started",
            Self::MessageCreated => "message.created",
            Self::ReplyCompleted => "reply.completed",
            Self::ReplyFailed => "reply.failed",
            Self::ChatHandoffRequested => "chat.handoff_requested",
            Self::ChatResolved => "chat.resolved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// `data` of `chat.started`.
#[derive(Debug, Clone, Serialize)]
pub struct ChatData {
    pub chat_id: ChatId,
    pub assistant_id: AssistantId,
    pub visitor_id: String,
    pub origin: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<&ChatRecord> for ChatData {
    fn from(c: &ChatRecord) -> Self {
        Self {
            chat_id: c.id,
            assistant_id: c.assistant_id,
            visitor_id: c.visitor_id.clone(),
            origin: c.origin.clone(),
            created_at: c.created_at,
        }
    }
}

/// `data` of `message.created`, `reply.completed` and `reply.failed`.
#[derive(Debug, Clone, Serialize)]
pub struct MessageData {
    pub chat_id: ChatId,
    pub message_id: MessageId,
    pub role: MessageRole,
    pub status: MessageStatus,
    /// For a failed reply, the polite text the visitor saw.
    pub content: String,
    pub seq: Option<i64>,
    /// The member who wrote it (`role` `agent`).
    pub author_id: Option<UserId>,
    /// For a reply: the visitor message it answers.
    pub reply_to: Option<MessageId>,
    pub model: Option<String>,
    /// For a failed reply: a stable code for the cause (never the provider's text).
    pub error_code: Option<ReplyCause>,
    pub created_at: DateTime<Utc>,
}

impl From<&MessageRecord> for MessageData {
    fn from(m: &MessageRecord) -> Self {
        Self {
            chat_id: m.chat_id,
            message_id: m.id,
            role: m.role,
            status: m.status,
            content: m.content.clone(),
            seq: m.seq,
            author_id: m.author_id,
            reply_to: m.reply_to,
            model: m.model.clone(),
            error_code: m.error_code,
            created_at: m.created_at,
        }
    }
}

/// `data` of `chat.handoff_requested` and `chat.resolved`.
#[derive(Debug, Clone, Serialize)]
pub struct ChatStateData {
    pub chat_id: ChatId,
    /// What happened (`requested_by_visitor`, `requested_by_model`, `resolved`).
    pub kind: ChatEventKind,
    /// The member who did it, when a member did.
    pub actor_id: Option<UserId>,
    pub at: DateTime<Utc>,
}

impl ChatStateData {
    /// The event a state change is announced as, if any.
    pub fn event(e: &ChatEventRecord) -> Option<(EventType, Self)> {
        let event = match e.kind {
            ChatEventKind::RequestedByVisitor | ChatEventKind::RequestedByModel => {
                EventType::ChatHandoffRequested
            }
            ChatEventKind::Resolved => EventType::ChatResolved,
            _ => return None,
        };
        Some((
            event,
            Self {
                chat_id: e.chat_id,
                kind: e.kind,
                actor_id: e.actor_id,
                at: e.created_at,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_serialise_as_named() {
        for e in EventType::ALL {
            assert_eq!(EventType::parse(e.as_str()), Some(e));
            assert_eq!(
                serde_json::to_value(e).unwrap(),
                serde_json::Value::String(e.as_str().into())
            );
        }
        assert_eq!(EventType::parse(TEST_EVENT), None);
    }
}
