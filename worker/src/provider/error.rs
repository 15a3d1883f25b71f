//! Why a provider call failed, and whether trying again may help.

use std::time::Duration;

/// `Display` is for admins (the transcript), never visitors.
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

    /// A stable code for the transcript and analytics.
    pub fn code(&self) -> &'static str {
        match self {
            Self::RateLimited { .. } => "provider_rate_limited",
            Self::Unavailable { .. } => "provider_unavailable",
            Self::Unauthorized { .. } => "provider_unauthorized",
            Self::Rejected { .. } => "provider_rejected",
            Self::Timeout => "provider_timeout",
            Self::Interrupted(_) => "stream_interrupted",
            Self::Malformed(_) => "provider_malformed",
            Self::Connect(_) => "provider_unreachable",
            Self::EmbeddingsUnsupported => "embeddings_unsupported",
        }
    }
}
