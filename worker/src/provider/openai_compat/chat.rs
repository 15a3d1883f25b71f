//! Streamed chat completions: the request body, then Server-Sent Events of
//! `chat.completion.chunk` objects, usage on the last content chunk (Mistral) or on a
//! chunk of its own with no choices (OpenAI, when asked), then `data: [DONE]`.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures::StreamExt;
use reqwest::header;
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Dialect, Endpoint, errors};
use crate::provider::{ChatRequest, Completion, Deltas, ProviderError, Role, Usage};

/// The longest silence tolerated between two chunks of one stream.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Serialize)]
struct Body<'a> {
    model: &'a str,
    messages: Vec<WireMessage<'a>>,
    temperature: f32,
    stream: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_options: Option<StreamOptions>,
}

#[derive(Serialize)]
struct WireMessage<'a> {
    role: &'static str,
    content: &'a str,
}

#[derive(Serialize)]
struct StreamOptions {
    include_usage: bool,
}

fn wire_role(role: Role) -> &'static str {
    match role {
        Role::System => "system",
        Role::User => "user",
        Role::Assistant => "assistant",
    }
}

fn body(request: &ChatRequest, dialect: Dialect) -> Body<'_> {
    Body {
        model: &request.model,
        messages: request
            .messages
            .iter()
            .map(|m| WireMessage {
                role: wire_role(m.role),
                content: &m.content,
            })
            .collect(),
        temperature: request.temperature,
        stream: true,
        stream_options: dialect.ask_for_stream_usage.then_some(StreamOptions {
            include_usage: true,
        }),
    }
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

pub(super) async fn stream(
    endpoint: &Endpoint,
    url: &Url,
    dialect: Dialect,
    request: &ChatRequest,
    deltas: Deltas,
) -> Result<Completion, ProviderError> {
    let response = endpoint
        .post(url)
        .header(header::ACCEPT, "text/event-stream")
        .json(&body(request, dialect))
        .send()
        .await
        .map_err(errors::unsent)?;
    let status = response.status();
    if !status.is_success() {
        return Err(errors::for_status(status, response).await);
    }

    let mut events = response.bytes_stream().eventsource();
    let mut completion = Completion {
        content: String::new(),
        usage: None,
        model: request.model.clone(),
    };
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
            return Ok(completion);
        }
        if data.is_empty() {
            continue;
        }
        let chunk: Chunk = serde_json::from_str(data)
            .map_err(|e| ProviderError::Malformed(format!("chunk is not JSON ({e})")))?;
        if let Some(model) = chunk.model {
            completion.model = model;
        }
        if let Some(u) = chunk.usage {
            completion.usage = Some(Usage {
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
                completion.content.push_str(&text);
                let _ = deltas.send(text);
            }
            if choice.finish_reason.is_some() {
                finished = true;
            }
        }
    }
    // Some compatible servers end without `[DONE]`; a finish reason is as good.
    if finished {
        Ok(completion)
    } else {
        Err(ProviderError::Interrupted(
            "the connection closed before the reply finished".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::provider::ChatMessage;

    fn request() -> ChatRequest {
        let turn = |role, content: &str| ChatMessage {
            role,
            content: content.to_owned(),
        };
        ChatRequest {
            model: "m".into(),
            temperature: 0.5,
            messages: vec![
                turn(Role::System, "Be brief."),
                turn(Role::User, "Hi"),
                turn(Role::Assistant, "Hello!"),
                turn(Role::User, "Bye"),
            ],
        }
    }

    fn wire(dialect: Dialect) -> Value {
        serde_json::to_value(body(&request(), dialect)).unwrap()
    }

    #[test]
    fn roles_are_written_in_the_wire_form() {
        let sent = wire(Dialect::OPENAI);
        let roles: Vec<&str> = sent["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["role"].as_str().unwrap())
            .collect();
        assert_eq!(roles, ["system", "user", "assistant", "user"]);
        assert_eq!(sent["messages"][2]["content"], "Hello!");
        assert_eq!(sent["stream"], true);
        assert_eq!(sent["model"], "m");
    }

    #[test]
    fn only_dialects_that_need_it_ask_for_stream_usage() {
        assert_eq!(
            wire(Dialect::OPENAI)["stream_options"],
            json!({"include_usage": true})
        );
        let quiet = wire(Dialect {
            ask_for_stream_usage: false,
        });
        assert!(quiet.get("stream_options").is_none(), "{quiet}");
    }
}
