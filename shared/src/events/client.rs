//! What clients send. Parsed leniently into these (missing optional fields are fine,
//! unknown ones ignored: old widgets in customer pages must keep working).

use serde::Deserialize;

/// `start_chat`: open a new chat, or resume one with its visitor token.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StartChatRequest {
    pub assistant_id: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visitor_id: Option<String>,
    /// Resume this chat (needs `visitorToken`).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub chat_id: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visitor_token: Option<String>,
    /// The newest final message the widget shows (older widgets' resume cursor; ignored
    /// when `lastSeq` is given).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub last_message_id: Option<String>,
    /// The resume cursor: the highest seq up to which the widget has every final
    /// message. Every final message with a higher seq is replayed.
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub last_seq: Option<i64>,
    /// Who the host page says the visitor is (`Kremna.identify(..)`), for a new chat.
    /// Verified when `userHash` is the hex HMAC-SHA256 of `userId` under the
    /// assistant's identity secret; otherwise kept on the chat as an unverified claim.
    /// Ignored on resume (the chat keeps what it recorded).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub identity: Option<IdentifyRequest>,
}

/// `Kremna.identify({ userId, name, email, userHash })`, as the widget passes it on.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IdentifyRequest {
    /// The host's id for its signed-in user, 1–255 characters, exactly as hashed.
    pub user_id: String,
    /// Up to 200 characters.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub email: Option<String>,
    /// 64 hex digits: HMAC-SHA256(key = identity secret, message = userId).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub user_hash: Option<String>,
}

/// `send_message`: the visitor writes.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendMessageRequest {
    pub chat_id: String,
    pub content: String,
    /// Needed unless this socket started or resumed the chat.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visitor_token: Option<String>,
    /// The widget's id for the message: a retry with the same id never duplicates it.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub client_message_id: Option<String>,
}

/// `watch_chat` / `unwatch_chat` on the dashboard namespace.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WatchChatRequest {
    pub chat_id: String,
}

/// `request_human`: the visitor asks for a person ("Talk to a person" in the widget).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestHumanRequest {
    pub chat_id: String,
    /// Needed unless this socket started or resumed the chat.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visitor_token: Option<String>,
}

/// `leave_email`: the visitor leaves an address for a reply (offered while nobody is
/// online to take the chat).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LeaveEmailRequest {
    pub chat_id: String,
    pub email: String,
    /// Needed unless this socket started or resumed the chat.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visitor_token: Option<String>,
}
