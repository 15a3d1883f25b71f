//! The provider the worker holds: one [`ChatProvider`] behind an `Arc`, the time limit
//! on every call, and the batching of embedding requests.

use std::{sync::Arc, time::Duration};

use kremna_shared::config::ProviderSettings;

use super::{
    ChatProvider, ChatRequest, Completion, Deltas, Embeddings, ProviderError,
    demo::Demo,
    mistral,
    openai_compat::{Dialect, OpenAiCompatible},
};

/// At most this many texts go into one embedding request.
pub const MAX_BATCH_INPUTS: usize = 32;
/// And at most this many characters (a single longer text goes alone): about 4,000
/// tokens of English, well under the per-request limits of Mistral and OpenAI even for
/// scripts that take more tokens per character.
pub const MAX_BATCH_CHARS: usize = 16_000;

#[derive(Clone)]
pub struct Provider {
    inner: Arc<dyn ChatProvider>,
    /// The longest one call may take, from the request to the last byte.
    timeout: Duration,
}

impl Provider {
    /// Builds the configured provider. Adding a provider is one file in this folder and
    /// one arm here (plus its variant in `ProviderSettings`).
    pub fn from_settings(settings: &ProviderSettings, timeout: Duration) -> anyhow::Result<Self> {
        let inner: Arc<dyn ChatProvider> = match settings {
            ProviderSettings::Mistral(endpoint) => Arc::new(mistral::client(endpoint)?),
            ProviderSettings::OpenAiCompatible(endpoint) => {
                Arc::new(OpenAiCompatible::new(endpoint, Dialect::OPENAI)?)
            }
            ProviderSettings::Demo => Arc::new(Demo::default()),
        };
        Ok(Self { inner, timeout })
    }

    /// Streams one completion, sending each piece of text to `deltas` as it arrives.
    pub async fn stream(
        &self,
        request: &ChatRequest,
        deltas: Deltas,
    ) -> Result<Completion, ProviderError> {
        tokio::time::timeout(self.timeout, self.inner.stream(request, deltas))
            .await
            .unwrap_or(Err(ProviderError::Timeout))
    }

    /// The embedding model, or `None` when this deployment has no embeddings.
    pub fn embedding_model(&self) -> Option<&str> {
        self.inner.embeddings().map(|e| e.model())
    }

    /// One vector per text, in order, all of one length. Texts are sent in bounded
    /// batches, each request under the time limit; the first failure ends the call.
    pub async fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Embeddings, ProviderError> {
        let embedder = self
            .inner
            .embeddings()
            .ok_or(ProviderError::EmbeddingsUnsupported)?;
        let texts: Vec<&str> = texts.iter().map(AsRef::as_ref).collect();
        let mut all = Embeddings {
            vectors: Vec::with_capacity(texts.len()),
            model: embedder.model().to_owned(),
            prompt_tokens: None,
        };
        let mut tokens = Some(0u32);
        for batch in batches(&texts) {
            let part = tokio::time::timeout(self.timeout, embedder.embed(batch))
                .await
                .unwrap_or(Err(ProviderError::Timeout))?;
            if part.vectors.len() != batch.len() {
                return Err(ProviderError::Malformed(format!(
                    "{} vectors for {} texts",
                    part.vectors.len(),
                    batch.len()
                )));
            }
            tokens = tokens
                .zip(part.prompt_tokens)
                .map(|(a, b)| a.saturating_add(b));
            all.prompt_tokens = tokens;
            all.model = part.model;
            all.vectors.extend(part.vectors);
        }
        let dimensions = all.vectors.first().map_or(0, Vec::len);
        if all
            .vectors
            .iter()
            .any(|v| v.is_empty() || v.len() != dimensions)
        {
            return Err(ProviderError::Malformed(
                "the vectors differ in length".into(),
            ));
        }
        Ok(all)
    }
}

/// Consecutive runs of `texts` within [`MAX_BATCH_INPUTS`] and [`MAX_BATCH_CHARS`].
fn batches<'a>(texts: &'a [&'a str]) -> Vec<&'a [&'a str]> {
    let mut out = Vec::new();
    let (mut start, mut chars) = (0, 0);
    for (i, text) in texts.iter().enumerate() {
        let len = text.chars().count();
        let full = i - start == MAX_BATCH_INPUTS || chars + len > MAX_BATCH_CHARS;
        if i > start && full {
            out.push(&texts[start..i]);
            (start, chars) = (i, 0);
        }
        chars += len;
    }
    if start < texts.len() {
        out.push(&texts[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(texts: &[&str]) -> Vec<usize> {
        batches(texts).iter().map(|b| b.len()).collect()
    }

    #[test]
    fn batches_are_bounded_by_count_and_characters_and_keep_order() {
        assert!(batches(&[]).is_empty());
        let short = vec!["a short text"; 70];
        assert_eq!(sizes(&short), vec![32, 32, 6]);

        let long = "x".repeat(6_000);
        let texts = vec![long.as_str(); 5];
        assert_eq!(sizes(&texts), vec![2, 2, 1], "16,000 characters at most");

        let huge = "y".repeat(MAX_BATCH_CHARS + 1);
        let texts = ["a", huge.as_str(), "b"];
        assert_eq!(
            sizes(&texts),
            vec![1, 1, 1],
            "a text over the bound goes alone"
        );

        let numbered: Vec<String> = (0..100).map(|i| i.to_string()).collect();
        let refs: Vec<&str> = numbered.iter().map(String::as_str).collect();
        let rejoined: Vec<&str> = batches(&refs).concat();
        assert_eq!(rejoined, refs);
    }
}
