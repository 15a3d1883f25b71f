//! The OpenAI-compatible wire, which Mistral, OpenAI, vLLM, Ollama and LiteLLM all speak:
//! `POST {base}/v1/chat/completions` with `stream: true` (Server-Sent Events) and
//! `POST {base}/v1/embeddings`. The small differences between servers are a [`Dialect`].

mod chat;
mod embeddings;
mod errors;

use std::time::Duration;

use futures::future::BoxFuture;
use kremna_shared::config::EndpointSettings;
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use self::embeddings::Embedder;
use super::{ChatProvider, ChatRequest, Completion, Deltas, EmbeddingProvider, ProviderError};

/// What one server family does differently on the same wire.
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    /// Send `stream_options: {include_usage: true}`. OpenAI reports token usage in a
    /// stream only when asked (in a last chunk with no choices); Mistral always reports
    /// it on the last content chunk and is not sent the option.
    pub ask_for_stream_usage: bool,
}

impl Dialect {
    pub const OPENAI: Self = Self {
        ask_for_stream_usage: true,
    };
}

/// How requests reach the server: the HTTP client and the bearer key.
#[derive(Clone)]
struct Endpoint {
    http: reqwest::Client,
    api_key: Option<SecretString>,
}

impl Endpoint {
    fn post(&self, url: &Url) -> reqwest::RequestBuilder {
        let call = self.http.post(url.clone());
        match &self.api_key {
            Some(key) => call.bearer_auth(key.expose_secret()),
            None => call,
        }
    }
}

pub struct OpenAiCompatible {
    endpoint: Endpoint,
    chat_url: Url,
    dialect: Dialect,
    embedder: Option<Embedder>,
}

impl OpenAiCompatible {
    pub fn new(settings: &EndpointSettings, dialect: Dialect) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .pool_idle_timeout(Duration::from_secs(90))
            .tcp_nodelay(true)
            .build()?;
        let endpoint = Endpoint {
            http,
            api_key: settings.api_key.clone(),
        };
        let embedder = match &settings.embedding_model {
            Some(model) => Some(Embedder {
                endpoint: endpoint.clone(),
                url: api_url(&settings.base_url, "embeddings")?,
                model: model.clone(),
            }),
            None => None,
        };
        Ok(Self {
            endpoint,
            chat_url: api_url(&settings.base_url, "chat/completions")?,
            dialect,
            embedder,
        })
    }
}

impl ChatProvider for OpenAiCompatible {
    fn stream<'a>(
        &'a self,
        request: &'a ChatRequest,
        deltas: Deltas,
    ) -> BoxFuture<'a, Result<Completion, ProviderError>> {
        Box::pin(chat::stream(
            &self.endpoint,
            &self.chat_url,
            self.dialect,
            request,
            deltas,
        ))
    }

    fn embeddings(&self) -> Option<&dyn EmbeddingProvider> {
        self.embedder.as_ref().map(|e| e as &dyn EmbeddingProvider)
    }
}

/// `{base}/v1/{path}`. A base that already ends in `/v1` (as OpenAI's SDKs write it,
/// `http://ollama:11434/v1`) gets no second one.
fn api_url(base: &Url, path: &str) -> anyhow::Result<Url> {
    // `join` replaces the last segment unless the base ends with `/`
    // (`http://host/openai` must become `http://host/openai/v1/...`).
    let mut base = base.clone();
    let trimmed = base.path().trim_end_matches('/').to_owned();
    base.set_path(&format!("{trimmed}/"));
    let versioned = if trimmed.ends_with("/v1") {
        path.to_owned()
    } else {
        format!("v1/{path}")
    };
    Ok(base.join(&versioned)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(base: &str) -> String {
        api_url(&Url::parse(base).unwrap(), "chat/completions")
            .unwrap()
            .to_string()
    }

    #[test]
    fn the_api_path_follows_the_base_with_one_v1() {
        assert_eq!(
            url("https://api.mistral.ai"),
            "https://api.mistral.ai/v1/chat/completions"
        );
        assert_eq!(
            url("http://gateway/openai"),
            "http://gateway/openai/v1/chat/completions"
        );
        for base in ["http://ollama:11434/v1", "http://ollama:11434/v1/"] {
            assert_eq!(url(base), "http://ollama:11434/v1/chat/completions");
        }
    }
}
