//! The demo responder: lets a fresh machine show the whole message path (streaming,
//! storage, analytics) with no AI provider. Every reply says plainly what it is.
//! Used only in development with no provider configured, or when `REPLY_PROVIDER=demo`.

use std::time::Duration;

use super::{ChatRequest, Completion, ProviderError, Usage};

pub struct Demo {
    pub inter_token_delay: Duration,
}

pub const MODEL: &str = "kremna-demo";

impl Demo {
    pub async fn stream(
        &self,
        request: &ChatRequest,
        deltas: super::Deltas,
    ) -> Result<Completion, ProviderError> {
        let last: String = request
            .messages
            .iter()
            .rev()
            .find(|m| m.role == "user")
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
        Ok(Completion {
            content: text,
            usage: Some(Usage {
                prompt_tokens: u32::try_from(prompt_chars.div_ceil(4)).unwrap_or(u32::MAX),
                completion_tokens: sent,
            }),
            model: MODEL.to_owned(),
        })
    }
}
