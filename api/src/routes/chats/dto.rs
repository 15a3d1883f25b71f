use chrono::{DateTime, Utc};
use std::collections::HashMap;

use kremna_shared::{
    domain::{ChatEventKind, ChatState, ChatStatus, MessageRole, MessageStatus, ReplyCause},
    events::MessagePayload,
    ids::{AssistantId, ChatId, MessageId, UserId},
    repo::{
        chat_events::ChatEventRecord,
        chats::{ChatRecord, ChatSummary, LinkedChat},
        messages::MessageRecord,
    },
};
use poem_openapi::Object;
use serde::Deserialize;

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
    /// Who answers: the assistant (`open`), nobody yet (`needs_human`), a member
    /// (`assigned`), or nobody (`resolved`).
    pub state: ChatState,
    pub assignee_id: Option<UserId>,
    pub assignee_name: Option<String>,
    /// An address the visitor left for a reply.
    pub visitor_email: Option<String>,
    /// Visitor messages the signed-in member has not read yet (absent for API keys,
    /// which read nothing).
    pub unread_count: Option<i64>,
    /// Who the host page said the visitor is (`Kremna.identify`), if it said.
    pub identity: Option<ChatIdentityView>,
}

/// A chat's visitor identity. `verified`: the host's `userHash` was right for the
/// assistant's identity secret. Otherwise `name` and `email` are only what the page
/// claimed, and the chat is never linked with a verified user's chats.
#[derive(Object)]
#[oai(rename = "ChatIdentity", skip_serializing_if_is_none)]
pub struct ChatIdentityView {
    /// The host's id for its user.
    pub user_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub verified: bool,
}

impl ChatIdentityView {
    fn of(c: &ChatRecord) -> Option<Self> {
        c.identity_user_id.as_ref().map(|user_id| Self {
            user_id: user_id.clone(),
            name: c.identity_name.clone(),
            email: c.identity_email.clone(),
            verified: c.identity_verified,
        })
    }
}

/// Another chat of the same verified user in this workspace.
#[derive(Object)]
#[oai(rename = "LinkedChat")]
pub struct LinkedChatView {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    pub title: String,
    pub state: ChatState,
    pub last_message_at: DateTime<Utc>,
}

impl From<LinkedChat> for LinkedChatView {
    fn from(c: LinkedChat) -> Self {
        Self {
            id: c.id,
            assistant_id: c.assistant_id,
            title: c.title,
            state: c.state,
            last_message_at: c.last_message_at,
        }
    }
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
            identity: ChatIdentityView::of(&c),
            id: c.id,
            assistant_id: c.assistant_id,
            assistant_name: c.assistant_name,
            visitor_id: c.visitor_id,
            title: c.title,
            status: c.status,
            origin: c.origin,
            created_at: c.created_at,
            last_message_at: c.last_message_at,
            state: c.state,
            assignee_id: c.assignee_id,
            assignee_name: c.assignee_name,
            visitor_email: c.visitor_email,
            message_count: s.message_count,
            unread_count: None,
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
    /// Pass as `after` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Why a reply failed (or was handed over), as a class: the provider's own error text
/// is never stored nor shown (the worker logs it). The visitor saw a polite message.
#[derive(Object)]
pub struct MessageError {
    pub code: ReplyCause,
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
    /// The member who wrote it (role `agent`).
    pub author_id: Option<UserId>,
    pub author_name: Option<String>,
    /// Its place among the chat's final messages (1, 2, 3…), for `POST
    /// /chats/{id}/read`; absent while a reply is still being written.
    pub seq: Option<i64>,
}

impl MessageView {
    fn new(m: MessageRecord, authors: &HashMap<UserId, String>) -> Self {
        Self {
            author_id: m.author_id,
            author_name: m.author_id.and_then(|a| authors.get(&a).cloned()),
            id: m.id,
            seq: m.seq,
            role: m.role,
            content: m.content,
            status: m.status,
            model: m.model,
            prompt_tokens: m.prompt_tokens,
            completion_tokens: m.completion_tokens,
            latency_ms: m.latency_ms,
            error: m.error_code.map(|code| MessageError { code }),
            created_at: m.created_at,
        }
    }
}

/// One change of a chat's handoff state: "Ayşe took over at 14:02".
#[derive(Object)]
#[oai(rename = "ChatEvent", skip_serializing_if_is_none)]
pub struct ChatEventView {
    pub id: uuid::Uuid,
    pub kind: ChatEventKind,
    pub from_state: ChatState,
    pub to_state: ChatState,
    /// The member who acted; absent for the visitor, the model, or a removed member.
    pub actor_id: Option<UserId>,
    pub actor_name: Option<String>,
    pub assignee_id: Option<UserId>,
    pub assignee_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<ChatEventRecord> for ChatEventView {
    fn from(e: ChatEventRecord) -> Self {
        Self {
            id: e.id,
            kind: e.kind,
            from_state: e.from_state,
            to_state: e.to_state,
            actor_id: e.actor_id,
            actor_name: e.actor_name,
            assignee_id: e.assignee_id,
            assignee_name: e.assignee_name,
            created_at: e.created_at,
        }
    }
}

/// `POST /chats/{id}/assign`.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignChatRequest {
    /// A member of this workspace.
    pub member_id: UserId,
}

/// `POST /chats/{id}/read`: how far the signed-in member has read the chat.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkReadRequest {
    /// Read up to this message `seq`; absent: everything in the chat now. A mark
    /// never moves back.
    #[oai(validator(minimum(value = "0")))]
    pub seq: Option<i64>,
}

/// Where the member's read mark now is.
#[derive(Object)]
pub struct ChatReadView {
    pub read_seq: i64,
}

/// `GET /chats/unread`: what the navigation's badge shows.
#[derive(Object)]
pub struct UnreadSummary {
    /// Chats with a visitor message the signed-in member has not read.
    pub chats: i64,
}

/// `POST /chats/{id}/messages`: a member answers in person.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentMessageRequest {
    /// 1–4,000 characters.
    #[oai(validator(
        max_length = 4000,
        pattern = r"^[^\x00]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00][^\x00]*$"
    ))]
    pub content: String,
    /// Retrying with the same id never stores the message twice.
    #[oai(validator(min_length = 1, max_length = 64))]
    pub client_message_id: Option<String>,
}

/// A member's message as stored (and as the widget received it).
#[derive(Object)]
#[oai(rename = "AgentMessage", skip_serializing_if_is_none)]
pub struct AgentMessageView {
    pub id: MessageId,
    pub chat_id: ChatId,
    pub role: MessageRole,
    pub content: String,
    pub status: MessageStatus,
    pub created_at: DateTime<Utc>,
    pub seq: Option<i64>,
    pub client_message_id: Option<String>,
    pub author_name: Option<String>,
}

impl From<MessagePayload> for AgentMessageView {
    fn from(m: MessagePayload) -> Self {
        Self {
            id: m.id,
            chat_id: m.chat_id,
            role: m.role,
            content: m.content,
            status: m.status,
            created_at: m.created_at,
            seq: m.seq,
            client_message_id: m.client_message_id,
            author_name: m.author_name,
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
    pub state: ChatState,
    pub assignee_id: Option<UserId>,
    pub assignee_name: Option<String>,
    pub state_changed_at: DateTime<Utc>,
    /// An address the visitor left for a reply.
    pub visitor_email: Option<String>,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    /// Every change of the handoff state, oldest first.
    pub history: Vec<ChatEventView>,
    /// Who the host page said the visitor is (`Kremna.identify`), if it said.
    pub identity: Option<ChatIdentityView>,
    /// The same verified user's other chats in this workspace, newest activity first
    /// (at most 20). Always empty unless `identity.verified`.
    pub verified_user_chats: Vec<LinkedChatView>,
}

impl ChatView {
    pub fn new(
        c: ChatRecord,
        messages: Vec<MessageRecord>,
        history: Vec<ChatEventRecord>,
        authors: &HashMap<UserId, String>,
        linked: Vec<LinkedChat>,
    ) -> Self {
        Self {
            identity: ChatIdentityView::of(&c),
            verified_user_chats: linked.into_iter().map(LinkedChatView::from).collect(),
            id: c.id,
            assistant_id: c.assistant_id,
            assistant_name: c.assistant_name,
            visitor_id: c.visitor_id,
            title: c.title,
            status: c.status,
            origin: c.origin,
            created_at: c.created_at,
            last_message_at: c.last_message_at,
            state: c.state,
            assignee_id: c.assignee_id,
            assignee_name: c.assignee_name,
            state_changed_at: c.state_changed_at,
            visitor_email: c.visitor_email,
            messages: messages
                .into_iter()
                .map(|m| MessageView::new(m, authors))
                .collect(),
            history: history.into_iter().map(ChatEventView::from).collect(),
        }
    }
}
