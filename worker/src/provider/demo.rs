//! The demo responder: lets a fresh machine show the whole message path (streaming,
//! storage, analytics) with no AI provider. Every reply says plainly what it is.
//! Used only in development with no provider configured, or when `REPLY_PROVIDER=demo`.
//! It embeds too, with the same hashed n-grams as the fake Mistral.

use std::time::Duration;

use futures::future::BoxFuture;
use kremna_shared::embedding;

use super::{
    ChatProvider, ChatRequest, Completion, Deltas, EmbeddingProvider, Embeddings, ProviderError,
    Role, Usage,
};

pub struct Demo {
    inter_token_delay: Duration,
}

const MODEL: &str = "kremna-demo";

impl Default for Demo {
    fn default() -> Self {
        Self {
            inter_token_delay: Duration::from_millis(25),
        }
    }
}

impl Demo {
    async fn answer(&self, request: &ChatRequest, deltas: Deltas) -> Completion {
        let last: String = request
            .messages
            .iter()
            .rev()
            .find(|m| m.role == Role::User)
            .map(|m| m.content.chars().take(200).collect())
            .unwrap_or_default();
        let text = format!(
            "(Demo reply: no AI provider is configured, so this is not a real answer. \
             Set MISTRAL_API_KEY for real replies.) You wrote: \u{201c}{last}\u{201d}"
        );
        let mut sent = 0u32;
        for piece in text.split_inclusive(' ') {
            tokio::time::sleep(self.inter_token_delay).await;
            let _ = deltas.send(piece.to_owned());
            sent += 1;
        }
        let prompt_chars: usize = request.messages.iter().map(|m| m.content.len()).sum();
        Completion {
            content: text,
            usage: Some(Usage {
                prompt_tokens: u32::try_from(prompt_chars.div_ceil(4)).unwrap_or(u32::MAX),
                completion_tokens: sent,
            }),
            model: MODEL.to_owned(),
        }
    }
}

impl ChatProvider for Demo {
    fn stream<'a>(
        &'a self,
        request: &'a ChatRequest,
        deltas: Deltas,
    ) -> BoxFuture<'a, Result<Completion, ProviderError>> {
        Box::pin(async move { Ok(self.answer(request, deltas).await) })
    }

    fn embeddings(&self) -> Option<&dyn EmbeddingProvider> {
        Some(self)
    }
}

impl EmbeddingProvider for Demo {
    fn model(&self) -> &str {
        embedding::MODEL
    }

    fn embed<'a>(
        &'a self,
        batch: &'a [&'a str],
    ) -> BoxFuture<'a, Result<Embeddings, ProviderError>> {
        let chars: usize = batch.iter().map(|t| t.chars().count()).sum();
        let embeddings = Embeddings {
            vectors: batch.iter().map(|text| embedding::embed(text)).collect(),
            model: embedding::MODEL.to_owned(),
            prompt_tokens: Some(u32::try_from(chars.div_ceil(4)).unwrap_or(u32::MAX)),
        };
        Box::pin(async move { Ok(embeddings) })
    }
}
