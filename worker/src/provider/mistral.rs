//! Mistral chat completions with `stream: true`: Server-Sent Events of
//! `chat.completion.chunk` objects, `usage` on the last content chunk, then `[DONE]`.
//! Works with any OpenAI-compatible server at the same path.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures::StreamExt;
use reqwest::{StatusCode, header};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::json;
use url::Url;

use super::{ChatRequest, Completion, ProviderError, Usage};

/// The longest silence tolerated between two chunks of one stream.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Provider error bodies are kept for admins, shortened.
const DETAIL_CHARS: usize = 300;

pub struct Mistral {
    http: reqwest::Client,
    endpoint: Url,
    api_key: Option<SecretString>,
}

#[derive(Deserialize)]
struct Chunk {
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct Choice {
    #[serde(default)]
    delta: Option<Delta>,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Delta {
    #[serde(default)]
    content: Option<String>,
}

#[derive(Deserialize)]
struct WireUsage {
    prompt_tokens: u32,
    completion_tokens: u32,
}

impl Mistral {
    pub fn new(base_url: &Url, api_key: Option<SecretString>) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .pool_idle_timeout(Duration::from_secs(90))
            .tcp_nodelay(true)
            .build()?;
        // `join` replaces the last segment unless the base ends with `/`
        // (`http://host/openai` must become `http://host/openai/v1/...`).
        let mut base = base_url.clone();
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let endpoint = base.join("v1/chat/completions")?;
        Ok(Self {
            http,
            endpoint,
            api_key,
        })
    }

    pub async fn stream(
        &self,
        request: &ChatRequest,
        deltas: super::Deltas,
    ) -> Result<Completion, ProviderError> {
        let body = json!({
            "model": request.model,
            "messages": request.messages,
            "temperature": request.temperature,
            "stream": true,
        });
        let mut call = self
            .http
            .post(self.endpoint.clone())
            .header(header::ACCEPT, "text/event-stream")
            .json(&body);
        if let Some(key) = &self.api_key {
            call = call.bearer_auth(key.expose_secret());
        }
        let response = call.send().await.map_err(|e| {
            if e.is_timeout() {
                ProviderError::Timeout
            } else {
                ProviderError::Connect(e.without_url().to_string())
            }
        })?;
        let status = response.status();
        if !status.is_success() {
            return Err(error_for(status, response).await);
        }

        let mut events = response.bytes_stream().eventsource();
        let mut content = String::new();
        let mut usage = None;
        let mut model = request.model.clone();
        let mut finished = false;
        loop {
            let next = tokio::time::timeout(IDLE_TIMEOUT, events.next())
                .await
                .map_err(|_| ProviderError::Timeout)?;
            let event = match next {
                None => break,
                Some(Ok(event)) => event,
                Some(Err(err)) => return Err(ProviderError::Interrupted(err.to_string())),
            };
            let data = event.data.trim();
            if data == "[DONE]" {
                return Ok(Completion {
                    content,
                    usage,
                    model,
                });
            }
            if data.is_empty() {
                continue;
            }
            let chunk: Chunk = serde_json::from_str(data)
                .map_err(|e| ProviderError::Malformed(format!("chunk is not JSON ({e})")))?;
            if let Some(m) = chunk.model {
                model = m;
            }
            if let Some(u) = chunk.usage {
                usage = Some(Usage {
                    prompt_tokens: u.prompt_tokens,
                    completion_tokens: u.completion_tokens,
                });
            }
            for choice in chunk.choices {
                if let Some(text) = choice
                    .delta
                    .and_then(|d| d.content)
                    .filter(|t| !t.is_empty())
                {
                    content.push_str(&text);
                    let _ = deltas.send(text);
                }
                if choice.finish_reason.is_some() {
                    finished = true;
                }
            }
        }
        // Some compatible servers end without `[DONE]`; a finish reason is as good.
        if finished {
            Ok(Completion {
                content,
                usage,
                model,
            })
        } else {
            Err(ProviderError::Interrupted(
                "the connection closed before the reply finished".into(),
            ))
        }
    }
}

async fn error_for(status: StatusCode, response: reqwest::Response) -> ProviderError {
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let detail: String = response
        .text()
        .await
        .unwrap_or_default()
        .chars()
        .take(DETAIL_CHARS)
        .collect();
    let code = status.as_u16();
    match status {
        StatusCode::TOO_MANY_REQUESTS => ProviderError::RateLimited { retry_after },
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
            ProviderError::Unauthorized { status: code }
        }
        StatusCode::REQUEST_TIMEOUT => ProviderError::Timeout,
        s if s.is_server_error() => ProviderError::Unavailable {
            status: code,
            detail,
        },
        _ => ProviderError::Rejected {
            status: code,
            detail,
        },
    }
}
