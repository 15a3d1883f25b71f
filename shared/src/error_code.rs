//! Every machine-readable error code a client can receive, REST or Socket.IO.
//!
//! One closed set, published in the OpenAPI spec as an enum (so the dashboard's generated
//! client has a union type) and exported to TypeScript for the widget. A client maps a
//! code to text in its own language; the English `message` beside it is for developers.
//! Adding a code is adding a variant here: nothing compares free strings.

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($(#[$meta:meta])* $variant:ident => $text:literal),+ $(,)?) => {
        /// A stable, snake_case error code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
        #[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum ErrorCode {
            $($(#[$meta])* $variant),+
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(Self::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }
    };
}

error_codes! {
    // Requests that cannot be read.
    /// The body is not JSON, or not a JSON object.
    MalformedBody => "malformed_body",
    /// A path or query parameter could not be parsed.
    InvalidParameter => "invalid_parameter",
    /// The body must be `application/json`.
    UnsupportedMediaType => "unsupported_media_type",
    /// The route exists but not with this method.
    MethodNotAllowed => "method_not_allowed",
    /// The request (or socket frame) is larger than allowed.
    PayloadTooLarge => "payload_too_large",
    /// Well-formed input with a field that does not fit; `details.field` names it.
    ValidationFailed => "validation_failed",
    /// A socket event's payload has the wrong shape.
    InvalidPayload => "invalid_payload",
    /// A socket event the server does not know.
    UnknownEvent => "unknown_event",

    // Who is asking.
    /// No credentials were sent.
    MissingToken => "missing_token",
    /// The credentials are not valid (or no longer: a removed member, a signed-out token).
    InvalidToken => "invalid_token",
    /// The access token has expired; sign in again.
    TokenExpired => "token_expired",
    /// Wrong e-mail or password.
    InvalidCredentials => "invalid_credentials",
    /// Signed in, but the role or permission does not allow this.
    Forbidden => "forbidden",
    /// The API key was revoked.
    ApiKeyRevoked => "api_key_revoked",
    /// The API key's expiry has passed.
    ApiKeyExpired => "api_key_expired",

    // What is asked for.
    /// No such resource in this workspace (another workspace's ids answer the same).
    NotFound => "not_found",
    /// The e-mail address already has an account.
    EmailTaken => "email_taken",
    /// The password is too easy to guess.
    WeakPassword => "weak_password",
    /// An `Idempotency-Key` sent again with a different request.
    IdempotencyKeyReused => "idempotency_key_reused",
    /// The first request with this `Idempotency-Key` is still running.
    IdempotencyKeyInProgress => "idempotency_key_in_progress",
    /// A webhook URL whose host is on a private, loopback or link-local network (or
    /// cannot be found), which webhooks may not reach.
    WebhookUrlRefused => "webhook_url_refused",

    // The team.
    /// The change would leave the workspace without an owner.
    LastOwner => "last_owner",
    /// The account already belongs to this workspace.
    AlreadyMember => "already_member",
    /// The invitation link is unknown, expired, revoked or already used.
    InvitationInvalid => "invitation_invalid",
    /// The current password given to confirm a change is wrong.
    WrongPassword => "wrong_password",

    // Live chat.
    /// The assistant does not exist.
    AssistantNotFound => "assistant_not_found",
    /// The assistant is paused and takes no chats or messages.
    AssistantPaused => "assistant_paused",
    /// The page's origin is not in the assistant's allowed origins.
    OriginNotAllowed => "origin_not_allowed",
    /// The chat does not exist or cannot be opened from here.
    ChatNotFound => "chat_not_found",
    /// The message is empty.
    MessageEmpty => "message_empty",
    /// The message is longer than allowed.
    MessageTooLong => "message_too_long",
    /// The assistant could not write a reply; the visitor may try again.
    ReplyFailed => "reply_failed",
    /// The chat's handoff state does not allow this (e.g. handing back a chat nobody has).
    ChatStateConflict => "chat_state_conflict",
    /// The chat is assigned to another member; take it over explicitly or ask them.
    ChatAssignedElsewhere => "chat_assigned_elsewhere",
    /// The assistant does not hand chats to people.
    HandoffNotAllowed => "handoff_not_allowed",

    // Try again later.
    /// Too many requests; `retry_after` says when to try again.
    RateLimited => "rate_limited",
    /// A service this request needs is unavailable; try again shortly.
    ServiceUnavailable => "service_unavailable",
    /// Something broke on our side; it has been logged.
    InternalError => "internal_error",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ErrorCode {
    /// The REST error envelope (`{"error":{"code","message","details"}}`) as JSON text, for
    /// the small plain-HTTP servers (the realtime node's and the worker's health ports) that
    /// answer outside poem but must speak the same shape as the API.
    pub fn envelope_json(self, message: &str) -> String {
        serde_json::json!({
            "error": { "code": self, "message": message, "details": null }
        })
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_has_the_api_shape() {
        let body: serde_json::Value =
            serde_json::from_str(&ErrorCode::NotFound.envelope_json("route not found")).unwrap();
        assert_eq!(body["error"]["code"], "not_found");
        assert_eq!(body["error"]["message"], "route not found");
        assert!(body["error"]["details"].is_null());
    }

    #[test]
    fn serde_and_as_str_agree() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, code.as_str(), "{code:?}");
            let back: ErrorCode = serde_json::from_value(json).unwrap();
            assert_eq!(back, *code);
        }
    }
}
