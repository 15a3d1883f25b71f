//! What the realtime tier sends, shared by the realtime node (visitor messages) and the
//! worker (replies), so both emit the same shapes. The wire protocol is documented in
//! `docs/realtime-protocol.md`; payload keys are camelCase, as the original widget's.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    domain::{MessageRole, MessageStatus},
    ids::{AssistantId, ChatId, MessageId, TenantId},
    repo::messages::MessageRecord,
};

pub mod names {
    pub const CHAT_STARTED: &str = "chat_started";
    pub const NEW_MESSAGE: &str = "new_message";
    pub const MESSAGE_DELTA: &str = "message_delta";
    pub const ASSISTANT_TYPING: &str = "assistant_typing";
    pub const ERROR: &str = "error";
}

/// The widget namespace.
pub const WIDGET_NS: &str = "/";
/// The live dashboard namespace (JWT-authenticated).
pub const AGENTS_NS: &str = "/agents";

/// Every socket in a chat, on the widget namespace.
pub fn chat_room(chat: ChatId) -> String {
    format!("chat:{chat}")
}

/// Every dashboard socket of a tenant.
pub fn tenant_room(tenant: TenantId) -> String {
    format!("tenant:{tenant}")
}

/// Dashboard sockets watching one chat (they also get the streaming deltas).
pub fn watch_room(chat: ChatId) -> String {
    format!("watch:{chat}")
}

/// A whole message, as `new_message` carries it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagePayload {
    pub id: MessageId,
    pub chat_id: ChatId,
    pub role: MessageRole,
    pub content: String,
    pub status: MessageStatus,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_message_id: Option<String>,
    /// The message's position in the chat (resume cursor); absent while streaming.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
}

impl From<&MessageRecord> for MessagePayload {
    fn from(m: &MessageRecord) -> Self {
        Self {
            id: m.id,
            chat_id: m.chat_id,
            role: m.role,
            content: m.content.clone(),
            status: m.status,
            created_at: m.created_at,
            client_message_id: m.client_message_id.clone(),
            seq: m.seq,
        }
    }
}

/// One piece of a streaming reply.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeltaPayload {
    pub chat_id: ChatId,
    pub message_id: MessageId,
    /// 0, 1, 2… within one attempt of the reply.
    pub index: u32,
    /// Starts at 1; a retried reply restarts its deltas with a higher attempt.
    pub attempt: u32,
    pub delta: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypingPayload {
    pub chat_id: ChatId,
    pub is_typing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<MessageId>,
}

/// A new chat, as the live dashboard sees it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatOpenedPayload {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    pub visitor_id: String,
    pub origin: Option<String>,
    pub created_at: DateTime<Utc>,
}
