use chrono::{DateTime, Utc};
use kremna_shared::{
    domain::{ChatState, MessageRole, MessageStatus},
    ids::{AssistantId, ChatId, MessageId},
    realtime::feed::FeedMessage,
    repo::{conversations::ConversationRecord, messages::MessageRecord},
};
use poem_openapi::Object;
use serde::Deserialize;

/// `POST /conversations`: start a conversation for one of your users.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartConversationRequest {
    pub assistant_id: AssistantId,
    /// Your id for the end user (1–100 characters), to find their conversations later.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    ))]
    pub user_id: String,
}

/// A conversation a partner's backend runs with an assistant (no widget).
#[derive(Object)]
#[oai(rename = "Conversation")]
pub struct ConversationView {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    /// Your id for the end user.
    pub user_id: String,
    /// Who answers: the assistant (`open`), nobody yet (`needs_human`), a member of
    /// the workspace (`assigned`; the assistant is silent), or nobody (`resolved`).
    pub state: ChatState,
    pub created_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
}

impl From<ConversationRecord> for ConversationView {
    fn from(c: ConversationRecord) -> Self {
        Self {
            id: c.id,
            assistant_id: c.assistant_id,
            user_id: c.user_id,
            state: c.state,
            created_at: c.created_at,
            last_message_at: c.last_message_at,
        }
    }
}

/// One page of conversations, newest first.
#[derive(Object)]
#[oai(rename = "ConversationList", skip_serializing_if_is_none)]
pub struct ConversationList {
    pub data: Vec<ConversationView>,
    pub has_more: bool,
    /// Pass as `after` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// `POST /conversations/{id}/messages`: the end user's message.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversationMessageRequest {
    /// 1–4,000 characters.
    #[oai(validator(
        max_length = 4000,
        pattern = r"^[^\x00]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00][^\x00]*$"
    ))]
    pub content: String,
    /// Retrying with the same id never stores the message twice (an `Idempotency-Key`
    /// header is used when this is absent).
    #[oai(validator(min_length = 1, max_length = 64))]
    pub client_message_id: Option<String>,
}

/// A stored message of a conversation.
#[derive(Object)]
#[oai(rename = "ConversationMessage", skip_serializing_if_is_none)]
pub struct ConversationMessageView {
    pub id: MessageId,
    pub conversation_id: ChatId,
    /// `user` (your end user), `assistant`, or `agent` (a member answering in person).
    pub role: MessageRole,
    pub content: String,
    /// `complete`, or `failed` for a reply that could not be written.
    pub status: MessageStatus,
    pub created_at: DateTime<Utc>,
    /// The message's position in the conversation.
    pub seq: Option<i64>,
    pub client_message_id: Option<String>,
    /// For a reply: the message it answers.
    pub reply_to: Option<MessageId>,
}

impl From<&MessageRecord> for ConversationMessageView {
    fn from(m: &MessageRecord) -> Self {
        Self {
            id: m.id,
            conversation_id: m.chat_id,
            role: m.role,
            // A failed reply's stored text is the polite failure sentence, never the cause.
            content: m.content.clone(),
            status: m.status,
            created_at: m.created_at,
            seq: m.seq,
            client_message_id: m.client_message_id.clone(),
            reply_to: m.reply_to,
        }
    }
}

/// One page of a conversation's messages, oldest first.
#[derive(Object)]
#[oai(rename = "ConversationMessageList", skip_serializing_if_is_none)]
pub struct ConversationMessageList {
    pub data: Vec<ConversationMessageView>,
    pub has_more: bool,
    /// Pass as `after` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The end user's message and, when the assistant answered in time, its reply.
#[derive(Object)]
#[oai(rename = "ConversationExchange", skip_serializing_if_is_none)]
pub struct ExchangeView {
    pub message: ConversationMessageView,
    /// The assistant's reply (`failed` when it could not be written); absent when a
    /// member has the conversation (no AI reply) or the wait ran out (`reply_pending`).
    pub reply: Option<ConversationMessageView>,
    /// True when a reply is still being written: read it later from the messages list.
    pub reply_pending: bool,
    pub state: ChatState,
}

impl From<&FeedMessage> for ConversationMessageView {
    fn from(m: &FeedMessage) -> Self {
        Self {
            id: m.id,
            conversation_id: m.chat_id,
            role: m.role,
            content: m.content.clone(),
            status: m.status,
            created_at: m.created_at,
            seq: m.seq,
            client_message_id: m.client_message_id.clone(),
            reply_to: m.reply_to,
        }
    }
}
