//! The text of a chat message, parsed once at the edge (the widget's `send_message`, an
//! agent's reply, the partner API) so everything past it holds a valid message.

use crate::error_code::ErrorCode;

/// A message's text: not blank, no NUL, at most [`MessageContent::MAX_CHARS`] code points.
/// Kept as typed (not trimmed): people's line breaks and indentation are theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageContent(String);

/// Why a message's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("The message is empty.")]
    Empty,
    #[error("Messages can be at most {max} characters (this one has {chars}).")]
    TooLong { chars: usize, max: usize },
    /// NUL cannot be stored in Postgres text, and no person types it.
    #[error("The message contains a NUL character.")]
    Nul,
}

impl ContentError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::MessageEmpty,
            Self::TooLong { .. } => ErrorCode::MessageTooLong,
            Self::Nul => ErrorCode::InvalidPayload,
        }
    }
}

impl MessageContent {
    /// Unicode scalar values (what a person counts as characters, near enough).
    pub const MAX_CHARS: usize = 4000;

    pub fn parse(raw: impl Into<String>) -> Result<Self, ContentError> {
        let raw = raw.into();
        if raw.contains('\0') {
            return Err(ContentError::Nul);
        }
        if raw.trim().is_empty() {
            return Err(ContentError::Empty);
        }
        let chars = raw.chars().count();
        if chars > Self::MAX_CHARS {
            return Err(ContentError::TooLong {
                chars,
                max: Self::MAX_CHARS,
            });
        }
        Ok(Self(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_and_refuses_blank_and_nul() {
        assert_eq!(MessageContent::parse("  \n"), Err(ContentError::Empty));
        assert!(MessageContent::parse("ş".repeat(4000)).is_ok());
        assert_eq!(
            MessageContent::parse("x".repeat(4001)),
            Err(ContentError::TooLong {
                chars: 4001,
                max: 4000
            })
        );
        assert_eq!(MessageContent::parse("a\0b"), Err(ContentError::Nul));
        assert_eq!(
            MessageContent::parse("  keep\n  my spacing ")
                .unwrap()
                .as_str(),
            "  keep\n  my spacing "
        );
        assert_eq!(ContentError::Nul.code(), ErrorCode::InvalidPayload);
    }
}
