//! Where replies and embeddings come from, behind one seam: a [`ChatProvider`] streams a
//! completion and may embed texts; [`Provider`] wraps one with the time limit, and
//! [`Provider::from_settings`] is the one place a provider is built.
//!
//! `openai_compat` speaks the OpenAI-compatible wire (streamed chat completions and
//! `/v1/embeddings`); `mistral` is Mistral's dialect of it; `demo` answers locally.
//! Roles are serialised only by the provider that sends them.

mod demo;
mod error;
mod handle;
mod mistral;
mod openai_compat;
mod redact;

pub use error::ProviderError;
use futures::future::BoxFuture;
pub use handle::{MAX_BATCH_CHARS, MAX_BATCH_INPUTS, Provider};

/// Who says a turn of the prompt. Each provider writes it in its own wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The assistant's instructions.
    System,
    /// The visitor.
    User,
    /// The model (or a human agent who spoke for it).
    Assistant,
}

/// One turn of the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    pub role: Role,
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

/// Vectors for a list of texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Embeddings {
    /// One vector per text, in the order of the texts.
    pub vectors: Vec<Vec<f32>>,
    /// The model the provider says answered.
    pub model: String,
    /// Tokens the provider counted for the texts, when it says.
    pub prompt_tokens: Option<u32>,
}

/// Where a provider puts the pieces of text as they arrive. A closed receiver is not
/// an error: the reply is still stored and announced whole.
pub type Deltas = tokio::sync::mpsc::UnboundedSender<String>;

/// A source of replies. Implementations speak one wire protocol and leave time limits
/// and batching to [`Provider`].
pub trait ChatProvider: Send + Sync {
    /// Streams one completion, sending each piece of text to `deltas` as it arrives.
    fn stream<'a>(
        &'a self,
        request: &'a ChatRequest,
        deltas: Deltas,
    ) -> BoxFuture<'a, Result<Completion, ProviderError>>;

    /// The provider's embeddings, when this deployment has them.
    fn embeddings(&self) -> Option<&dyn EmbeddingProvider>;
}

/// Turns texts into vectors.
pub trait EmbeddingProvider: Send + Sync {
    /// The model asked for.
    fn model(&self) -> &str;

    /// Embeds one batch (at most [`MAX_BATCH_INPUTS`] texts, [`MAX_BATCH_CHARS`] characters
    /// unless a single text is longer), in one request.
    fn embed<'a>(
        &'a self,
        batch: &'a [&'a str],
    ) -> BoxFuture<'a, Result<Embeddings, ProviderError>>;
}
