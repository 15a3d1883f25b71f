use chrono::{DateTime, Utc};
use kremna_shared::{
    domain::{ChatStatus, MessageRole, MessageStatus},
    ids::{AssistantId, ChatId, MessageId},
    repo::{
        chats::{ChatRecord, ChatSummary},
        messages::MessageRecord,
    },
};
use poem_openapi::Object;

/// A chat as listed: enough to pick one out without opening it.
#[derive(Object)]
#[oai(rename = "ChatSummary", skip_serializing_if_is_none)]
pub struct ChatSummaryView {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    pub assistant_name: String,
    /// The widget's random id for the visitor's browser.
    pub visitor_id: String,
    pub title: String,
    pub status: ChatStatus,
    /// The page origin the chat was started from.
    pub origin: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
    pub message_count: i64,
    pub last_message: Option<MessagePreview>,
}

#[derive(Object)]
pub struct MessagePreview {
    pub role: MessageRole,
    /// `failed` marks a reply that could not be written.
    pub status: MessageStatus,
    /// The first 140 characters.
    pub content: String,
}

impl From<ChatSummary> for ChatSummaryView {
    fn from(s: ChatSummary) -> Self {
        let c = s.chat;
        Self {
            id: c.id,
            assistant_id: c.assistant_id,
            assistant_name: c.assistant_name,
            visitor_id: c.visitor_id,
            title: c.title,
            status: c.status,
            origin: c.origin,
            created_at: c.created_at,
            last_message_at: c.last_message_at,
            message_count: s.message_count,
            last_message: s
                .last_message_preview
                .zip(s.last_message_role.zip(s.last_message_status))
                .map(|(content, (role, status))| MessagePreview {
                    role,
                    status,
                    content,
                }),
        }
    }
}

#[derive(Object)]
#[oai(rename = "ChatList", skip_serializing_if_is_none)]
pub struct ChatList {
    /// Newest activity first.
    pub data: Vec<ChatSummaryView>,
    pub has_more: bool,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Why a reply failed; for admins only (the visitor saw a polite message).
#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct MessageError {
    pub code: String,
    pub detail: Option<String>,
}

#[derive(Object)]
#[oai(rename = "Message", skip_serializing_if_is_none)]
pub struct MessageView {
    pub id: MessageId,
    pub role: MessageRole,
    pub content: String,
    pub status: MessageStatus,
    /// The model that wrote an assistant reply.
    pub model: Option<String>,
    pub prompt_tokens: Option<i32>,
    pub completion_tokens: Option<i32>,
    /// From the visitor's message to the complete reply.
    pub latency_ms: Option<i32>,
    pub error: Option<MessageError>,
    pub created_at: DateTime<Utc>,
}

impl From<MessageRecord> for MessageView {
    fn from(m: MessageRecord) -> Self {
        Self {
            id: m.id,
            role: m.role,
            content: m.content,
            status: m.status,
            model: m.model,
            prompt_tokens: m.prompt_tokens,
            completion_tokens: m.completion_tokens,
            latency_ms: m.latency_ms,
            error: m.error_code.map(|code| MessageError {
                code,
                detail: m.error_detail,
            }),
            created_at: m.created_at,
        }
    }
}

/// A chat with its whole transcript.
#[derive(Object)]
#[oai(rename = "Chat", skip_serializing_if_is_none)]
pub struct ChatView {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    pub assistant_name: String,
    pub visitor_id: String,
    pub title: String,
    pub status: ChatStatus,
    pub origin: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
    /// Oldest first.
    pub messages: Vec<MessageView>,
}

impl ChatView {
    pub fn new(c: ChatRecord, messages: Vec<MessageRecord>) -> Self {
        Self {
            id: c.id,
            assistant_id: c.assistant_id,
            assistant_name: c.assistant_name,
            visitor_id: c.visitor_id,
            title: c.title,
            status: c.status,
            origin: c.origin,
            created_at: c.created_at,
            last_message_at: c.last_message_at,
            messages: messages.into_iter().map(MessageView::from).collect(),
        }
    }
}
