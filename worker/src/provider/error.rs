//! Why a provider call failed, and whether trying again may help.

use std::time::Duration;

use kremna_shared::domain::ReplyCause;

/// `Display` is for the worker's log only (it carries the provider's own words,
/// redacted of anything that looks like a secret); members see [`ProviderError::cause`],
/// visitors a polite sentence.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ProviderError {
    #[error("rate limited by the provider (HTTP 429)")]
    RateLimited { retry_after: Option<Duration> },
    #[error("the provider failed (HTTP {status}): {detail}")]
    Unavailable { status: u16, detail: String },
    #[error("the provider refused the API key (HTTP {status})")]
    Unauthorized { status: u16 },
    #[error("the provider rejected the request (HTTP {status}): {detail}")]
    Rejected { status: u16, detail: String },
    #[error("the provider did not answer in time")]
    Timeout,
    #[error("the stream was cut off: {0}")]
    Interrupted(String),
    #[error("the provider sent something unreadable: {0}")]
    Malformed(String),
    #[error("could not reach the provider: {0}")]
    Connect(String),
    #[error("the provider is configured without embeddings (set EMBEDDING_MODEL)")]
    EmbeddingsUnsupported,
}

impl ProviderError {
    /// Worth another try: the same request may well succeed later.
    pub fn is_retryable(&self) -> bool {
        !matches!(
            self,
            Self::Unauthorized { .. } | Self::Rejected { .. } | Self::EmbeddingsUnsupported
        )
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }

    /// The class of the failure, stored on the reply and shown to members.
    pub fn cause(&self) -> ReplyCause {
        match self {
            Self::RateLimited { .. } => ReplyCause::ProviderRateLimited,
            Self::Unavailable { .. } => ReplyCause::ProviderUnavailable,
            Self::Unauthorized { .. } => ReplyCause::ProviderUnauthorized,
            // Embeddings missing is a configuration the provider cannot serve: to a
            // member it reads like any other refused request.
            Self::Rejected { .. } | Self::EmbeddingsUnsupported => ReplyCause::ProviderRejected,
            Self::Timeout => ReplyCause::ProviderTimeout,
            Self::Interrupted(_) => ReplyCause::StreamInterrupted,
            Self::Malformed(_) => ReplyCause::ProviderMalformed,
            Self::Connect(_) => ReplyCause::ProviderUnreachable,
        }
    }
}
