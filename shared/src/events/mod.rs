//! The realtime protocol, shared by the realtime node (visitor messages) and the worker
//! (replies), so both emit the same shapes: event names, rooms, and every payload in
//! both directions. The wire protocol is documented in `docs/realtime-protocol.md`;
//! payload keys are camelCase, as the original widget's.
//!
//! With the `ts` feature, the payloads also derive TypeScript declarations; a test
//! (`bindings.rs`) writes them into the widget and the dashboard and fails when the
//! committed copies are stale.

#[cfg(all(test, feature = "ts"))]
mod bindings;
pub mod client;
pub mod server;

pub use client::{
    IdentifyRequest, LeaveEmailRequest, RequestHumanRequest, SendMessageRequest, StartChatRequest,
    WatchChatRequest,
};
pub use server::{
    AssistantCard, ChatEventPayload, ChatIdentity, ChatOpenedPayload, ChatStarted,
    ChatStateChangedPayload, DeltaPayload, ErrorEvent, MessagePayload, MessageSent, RefusalBody,
    SourceLink, ThemeCard, TypingPayload, VisitorChatState, VisitorEmailPayload,
};

use crate::ids::{ChatId, TenantId};

pub mod names {
    // Client → server, widget namespace.
    pub const START_CHAT: &str = "start_chat";
    pub const SEND_MESSAGE: &str = "send_message";
    /// The visitor asks for a person.
    pub const REQUEST_HUMAN: &str = "request_human";
    /// The visitor leaves an e-mail address for a reply.
    pub const LEAVE_EMAIL: &str = "leave_email";
    // Client → server, dashboard namespace.
    pub const WATCH_CHAT: &str = "watch_chat";
    pub const UNWATCH_CHAT: &str = "unwatch_chat";
    // Server → client.
    pub const CHAT_STARTED: &str = "chat_started";
    pub const NEW_MESSAGE: &str = "new_message";
    pub const MESSAGE_DELTA: &str = "message_delta";
    pub const ASSISTANT_TYPING: &str = "assistant_typing";
    /// `/agents`: a chat's handoff state changed.
    pub const CHAT_STATE_CHANGED: &str = "chat_state_changed";
    /// Widget: who answers the visitor now.
    pub const CHAT_STATE: &str = "chat_state";
    /// `/agents`: a visitor left an e-mail address on a chat.
    pub const VISITOR_EMAIL: &str = "visitor_email";
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
