//! Where replies come from: Mistral (or any OpenAI-compatible server) over streamed
//! chat completions, or the local demo responder.

mod demo;
mod mistral;

use std::time::Duration;

pub use demo::Demo;
pub use mistral::Mistral;
use serde::Serialize;

/// One turn of the prompt, in the chat-completions wire format.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChatMessage {
    pub role: &'static str,
    pub content: String,
}

#[derive(Debug, Clone)]
pub struct ChatRequest {
    pub model: String,
    pub temperature: f32,
    pub messages: Vec<ChatMessage>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
}

/// A finished generation.
#[derive(Debug, Clone)]
pub struct Completion {
    pub content: String,
    pub usage: Option<Usage>,
    /// The model the provider says answered (may differ from the one asked for).
    pub model: String,
}

/// Why a provider call failed. `Display` is for admins (the transcript), never visitors.
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
}

impl ProviderError {
    /// Worth another try: the same request may well succeed later.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, Self::Unauthorized { .. } | Self::Rejected { .. })
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
        }
    }
}

/// Where a provider puts the pieces of text as they arrive. A closed receiver is not
/// an error: the reply is still stored and announced whole.
pub type Deltas = tokio::sync::mpsc::UnboundedSender<String>;

pub enum Provider {
    Mistral(Mistral),
    Demo(Demo),
}

impl Provider {
    /// Streams one completion, sending each piece of text to `deltas` as it arrives.
    /// Bounded by `timeout` from the request to the last byte.
    pub async fn stream(
        &self,
        request: &ChatRequest,
        timeout: Duration,
        deltas: Deltas,
    ) -> Result<Completion, ProviderError> {
        let call = async {
            match self {
                Self::Mistral(m) => m.stream(request, deltas).await,
                Self::Demo(d) => d.stream(request, deltas).await,
            }
        };
        tokio::time::timeout(timeout, call)
            .await
            .unwrap_or(Err(ProviderError::Timeout))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Self::Mistral(_) => "mistral",
            Self::Demo(_) => "demo",
        }
    }
}
