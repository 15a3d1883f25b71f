//! Domain values. Request bodies are parsed into these at the edge, so code past the
//! edge never sees an over-long name, an origin with a path, or a negative temperature.

pub mod assistant;
pub mod email;
pub mod enums;
pub mod identity;
pub mod message;
pub mod origin;
pub mod password;
pub mod text;

pub use enums::{
    AssistantStatus, ChatChannel, ChatEventKind, ChatState, ChatStatus, HandoffPolicy,
    KnowledgeFailure, KnowledgeKind, KnowledgeState, MemberRole, MessageRole, MessageStatus,
    ReplyCause,
};

/// A value that failed to parse, and why, in words fit for the API's `message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidValue(pub String);

/// An invalid value together with the request field it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// The field's path in the request, e.g. `name` or `allowed_origins[2]`.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Attaches a field name to a value's parse error.
pub trait AtField<T> {
    fn at(self, field: &str) -> Result<T, FieldError>;
}

impl<T> AtField<T> for Result<T, InvalidValue> {
    fn at(self, field: &str) -> Result<T, FieldError> {
        self.map_err(|InvalidValue(message)| FieldError::new(field, message))
    }
}
