//! What the server sends: event payloads and acknowledgements.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    chat::StateChanged,
    domain::{
        ChatEventKind, ChatState, HandoffPolicy, MessageRole, MessageStatus,
        assistant::{LauncherPosition, Theme},
    },
    error_code::ErrorCode,
    ids::{AssistantId, ChatId, MessageId, UserId},
    repo::{chat_events::ChatEventRecord, messages::MessageRecord},
};

/// A whole message, as `new_message` carries it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessagePayload {
    pub id: MessageId,
    pub chat_id: ChatId,
    pub role: MessageRole,
    pub content: String,
    pub status: MessageStatus,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub client_message_id: Option<String>,
    /// The message's position in the chat (resume cursor); absent while streaming.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub seq: Option<i64>,
    /// The display name of the member who wrote it (role `agent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub author_name: Option<String>,
    /// For an assistant's reply: the message it answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reply_to: Option<MessageId>,
    /// The knowledge-base sources a reply was grounded in (issue 13), best first; absent
    /// when there are none (and on replayed messages).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<SourceLink>>", optional))]
    pub sources: Vec<SourceLink>,
}

/// A source a reply was grounded in, as the visitor sees it: the page or document title,
/// and the page's address when it is a web page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceLink {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub url: Option<String>,
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
            author_name: None,
            reply_to: m.reply_to,
            sources: Vec::new(),
        }
    }
}

/// One piece of a streaming reply (`message_delta`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeltaPayload {
    pub chat_id: ChatId,
    pub message_id: MessageId,
    /// 0, 1, 2… within one attempt of the reply.
    pub index: u32,
    /// Starts at 1; a retried reply restarts its deltas with a higher attempt.
    pub attempt: u32,
    pub delta: String,
}

/// The "thinking" state (`assistant_typing`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TypingPayload {
    pub chat_id: ChatId,
    pub is_typing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub message_id: Option<MessageId>,
}

/// A new chat, as the live dashboard sees it (`chat_started` on `/agents`, wrapped in
/// `{chat: …}`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChatOpenedPayload {
    pub id: ChatId,
    pub assistant_id: AssistantId,
    pub visitor_id: String,
    pub origin: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Who the host page said the visitor is, and whether that was verified.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub identity: Option<ChatIdentity>,
}

/// A chat's visitor identity as the dashboard shows it: `verified` only when the host's
/// `userHash` was right; otherwise `name` and `email` are what the page claimed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChatIdentity {
    pub user_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub verified: bool,
}

impl From<&crate::domain::identity::VisitorIdentity> for ChatIdentity {
    fn from(v: &crate::domain::identity::VisitorIdentity) -> Self {
        Self {
            user_id: v.user_id.as_str().to_owned(),
            name: v.name.as_ref().map(|n| n.as_str().to_owned()),
            email: v.email.as_ref().map(|e| e.as_str().to_owned()),
            verified: v.verified,
        }
    }
}

impl ChatIdentity {
    /// The identity a chat record carries, if any.
    pub fn of(chat: &crate::repo::chats::ChatRecord) -> Option<Self> {
        chat.identity_user_id.as_ref().map(|user_id| Self {
            user_id: user_id.clone(),
            name: chat.identity_name.clone(),
            email: chat.identity_email.clone(),
            verified: chat.identity_verified,
        })
    }
}

/// The answer to `start_chat` (the `chat_started` event and the ack's fields).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChatStarted {
    /// The chat id, under the original protocol's key.
    pub id: ChatId,
    pub chat_id: ChatId,
    pub assistant_id: AssistantId,
    pub visitor_id: String,
    pub visitor_token: String,
    pub resumed: bool,
    pub assistant: AssistantCard,
    /// On resume: every final message the widget has not shown, in `seq` order.
    pub messages: Vec<MessagePayload>,
    /// A reply is being written right now.
    pub typing: bool,
    /// Who answers the visitor now (handoff): `open` for a new chat.
    pub state: ChatState,
    /// With `assigned`: the member's display name ("Ayşe is answering").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub agent_name: Option<String>,
    /// With `needs_human` when no member is online: the assistant's message for that.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub offline_message: Option<String>,
    /// The address the visitor left on this chat (`leave_email`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visitor_email: Option<String>,
}

/// What the widget shows of an assistant.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssistantCard {
    pub name: String,
    pub greeting: String,
    pub theme: ThemeCard,
    /// Whether the widget offers "Talk to a person" (`request_human`): not with `never`.
    /// Also in the widget config; here it is as of this (re)connection.
    pub handoff_policy: HandoffPolicy,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThemeCard {
    pub primary_color: String,
    pub position: LauncherPosition,
}

impl From<&Theme> for ThemeCard {
    fn from(t: &Theme) -> Self {
        Self {
            primary_color: t.primary_color.clone(),
            position: t.position,
        }
    }
}

/// The ack of `send_message`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessageSent {
    pub message: MessagePayload,
    /// True when this `clientMessageId` had been stored before: nothing new happened.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub duplicate: bool,
}

/// Why a client event was refused: `{ok: false, error: RefusalBody}` in an ack, or the
/// body of an `error` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefusalBody {
    pub code: ErrorCode,
    /// A sentence for developers; widgets show their own text for the code.
    pub message: String,
    /// Seconds to wait, on `rate_limited`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub retry_after: Option<u64>,
}

/// The `error` event: a refusal of an event sent without an ack callback (`event` names
/// it), or a failure not tied to a request (`chatId`, e.g. `reply_failed`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorEvent {
    #[serde(flatten)]
    pub error: RefusalBody,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub chat_id: Option<ChatId>,
}

/// One stored state change of a chat (the transcript's "Ayşe took over at 14:02").
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChatEventPayload {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: uuid::Uuid,
    pub kind: ChatEventKind,
    pub from_state: ChatState,
    pub to_state: ChatState,
    /// The member who acted; absent for the visitor or the model.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub actor_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub actor_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub assignee_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub assignee_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<&ChatEventRecord> for ChatEventPayload {
    fn from(e: &ChatEventRecord) -> Self {
        Self {
            id: e.id,
            kind: e.kind,
            from_state: e.from_state,
            to_state: e.to_state,
            actor_id: e.actor_id,
            actor_name: e.actor_name.clone(),
            assignee_id: e.assignee_id,
            assignee_name: e.assignee_name.clone(),
            created_at: e.created_at,
        }
    }
}

/// `chat_state_changed` on `/agents`: a chat's handoff state changed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChatStateChangedPayload {
    pub chat_id: ChatId,
    pub state: ChatState,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub assignee_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub assignee_name: Option<String>,
    pub event: ChatEventPayload,
}

impl From<&StateChanged> for ChatStateChangedPayload {
    fn from(c: &StateChanged) -> Self {
        Self {
            chat_id: c.chat,
            state: c.event.to_state,
            assignee_id: c.event.assignee_id,
            assignee_name: c.event.assignee_name.clone(),
            event: ChatEventPayload::from(&c.event),
        }
    }
}

/// `chat_state` on the widget namespace: what the visitor is told about who answers.
/// No member ids; the name is the member's display name.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitorChatState {
    pub chat_id: ChatId,
    pub state: ChatState,
    /// With `assigned`: who joined ("Ayşe joined the chat").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub agent_name: Option<String>,
    /// With `needs_human` when no member is online: the assistant's message for that.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub offline_message: Option<String>,
}

/// The ack of `leave_email`, and `visitor_email` on `/agents`: the address a visitor
/// left on a chat (normalised: trimmed, lower case).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisitorEmailPayload {
    pub chat_id: ChatId,
    pub email: String,
}
