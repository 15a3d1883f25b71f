//! Answers to client events, and the one place refusals are made: an ack when the client
//! asked for one, otherwise (the original widget sends no ack callbacks) an `error` event
//! — so nothing is ever dropped silently.

use std::{convert::Infallible, sync::Arc, time::Duration};

use kremna_shared::{
    chat::{OpenError, PostError},
    domain::message::ContentError,
    error_code::ErrorCode,
    events::{ErrorEvent, RefusalBody, names},
    realtime::Adapter,
};
use serde::Serialize;
use serde_json::{Value, json};
use socketioxide::{
    extract::{AckSender, Event, SocketRef},
    handler::FromMessageParts,
    socket::Socket,
};

/// A refusal, with a stable code from `docs/realtime-protocol.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: ErrorCode,
    pub message: String,
    pub retry_after: Option<Duration>,
}

impl Refusal {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidPayload, message)
    }

    pub fn chat_not_found() -> Self {
        Self::new(
            ErrorCode::ChatNotFound,
            "This chat does not exist or cannot be opened from here.",
        )
    }

    pub fn rate_limited(retry_after: Duration, what: &str) -> Self {
        Self {
            code: ErrorCode::RateLimited,
            message: format!(
                "Too many {what}; try again in {} s.",
                retry_after.as_secs().max(1)
            ),
            retry_after: Some(retry_after),
        }
    }

    /// A service the event needs (Redis) is gone for now; nothing was stored, and the
    /// same event a moment later may work (the widget retries it by itself).
    pub fn unavailable() -> Self {
        Self {
            code: ErrorCode::ServiceUnavailable,
            message: "The chat service is briefly unavailable; nothing was stored. Try again in a moment."
                .to_owned(),
            retry_after: Some(UNAVAILABLE_RETRY_AFTER),
        }
    }

    /// Something broke on our side; the cause is logged where it happened.
    pub fn internal() -> Self {
        Self::new(
            ErrorCode::InternalError,
            "Something went wrong on our side; nothing was stored. Please try again.",
        )
    }

    pub fn body(&self) -> RefusalBody {
        RefusalBody {
            code: self.code,
            message: self.message.clone(),
            retry_after: self.retry_after.map(|d| d.as_secs().max(1)),
        }
    }
}

/// When a client should try again after `service_unavailable`: about as long as Redis
/// takes to come back after a restart.
const UNAVAILABLE_RETRY_AFTER: Duration = Duration::from_secs(2);

/// Logs a dependency that is down (with the handler's span) and refuses retryably.
pub fn unavailable(err: impl std::fmt::Display) -> Refusal {
    tracing::warn!(error = %err, "socket event refused: a dependency is unavailable");
    Refusal::unavailable()
}

/// Logs an internal failure where it happened (with the handler's span: tenant, chat)
/// and refuses opaquely. A database that is out of reach for now (a full pool, a
/// restart) is not a bug: the visitor is told to try again shortly.
pub fn internal<E: std::error::Error + 'static>(err: E) -> Refusal {
    if kremna_shared::db::is_unavailable(&err) {
        return unavailable(err);
    }
    tracing::error!(error = %err, "socket event failed");
    Refusal::internal()
}

impl From<ContentError> for Refusal {
    fn from(err: ContentError) -> Self {
        Self::new(err.code(), err.to_string())
    }
}

impl From<OpenError> for Refusal {
    fn from(err: OpenError) -> Self {
        match err {
            // An admin deleted it: exactly as if it had never existed.
            OpenError::Deleted => Self::chat_not_found(),
            OpenError::Database(err) => internal(err),
        }
    }
}

impl From<PostError> for Refusal {
    fn from(err: PostError) -> Self {
        match err {
            PostError::ChatNotFound => Self::chat_not_found(),
            PostError::AssistantPaused => Self::new(
                ErrorCode::AssistantPaused,
                "This assistant is not taking messages right now.",
            ),
            PostError::Database(err) => internal(err),
        }
    }
}

/// Extracts the ack (if any) and the socket, to answer with [`Responder::ok`] or
/// [`Responder::refuse`].
pub struct Responder {
    ack: AckSender<Adapter>,
    wants_ack: bool,
    socket: SocketRef<Adapter>,
}

impl FromMessageParts<Adapter> for Responder {
    type Error = Infallible;

    fn from_message_parts(
        s: &Arc<Socket<Adapter>>,
        v: &mut socketioxide::handler::Value,
        ack_id: &Option<i64>,
    ) -> Result<Self, Infallible> {
        Ok(Self {
            ack: AckSender::from_message_parts(s, v, ack_id)?,
            wants_ack: ack_id.is_some(),
            socket: SocketRef::from_message_parts(s, v, ack_id)?,
        })
    }
}

impl Responder {
    /// `{ok: true, ...fields}`; `fields` must serialize to an object.
    pub fn ok<T: Serialize>(self, fields: &T) {
        let mut body = serde_json::to_value(fields).unwrap_or_else(|_| json!({}));
        if let Some(obj) = body.as_object_mut() {
            obj.insert("ok".into(), Value::Bool(true));
        }
        if let Err(err) = self.ack.send(&body) {
            tracing::debug!(%err, "ack not sent (client gone)");
        }
    }

    pub fn refuse(self, refusal: &Refusal, event: &str) {
        tracing::debug!(code = %refusal.code, event, "refused");
        if self.wants_ack {
            if let Err(err) = self
                .ack
                .send(&json!({ "ok": false, "error": refusal.body() }))
            {
                tracing::debug!(%err, "ack not sent (client gone)");
            }
        } else {
            let body = ErrorEvent {
                error: refusal.body(),
                event: Some(event.to_owned()),
                chat_id: None,
            };
            if let Err(err) = self.socket.emit(names::ERROR, &body) {
                tracing::debug!(%err, "error event not sent (client gone)");
            }
        }
    }

    pub fn socket(&self) -> &SocketRef<Adapter> {
        &self.socket
    }

    pub fn respond<T: Serialize>(self, result: Result<T, Refusal>, event: &str) {
        match result {
            Ok(fields) => self.ok(&fields),
            Err(refusal) => self.refuse(&refusal, event),
        }
    }
}

/// Every namespace's fallback: an event the server does not know is answered (ack or
/// `error` event) with `unknown_event`, instead of leaving the client waiting.
pub async fn unknown_event(Event(event): Event, responder: Responder) {
    let name: String = event.chars().take(64).collect();
    responder.refuse(
        &Refusal::new(
            ErrorCode::UnknownEvent,
            format!("There is no event `{name}` here."),
        ),
        &name,
    );
}
