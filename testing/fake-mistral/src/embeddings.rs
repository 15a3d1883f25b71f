//! `POST /v1/embeddings` in the OpenAI/Mistral wire shape, behind the same dials as chat
//! (auth, latency, faults). The vectors are `kremna_shared::embedding`'s hashed word and
//! character-trigram features: deterministic, and similar texts get similar vectors.

use bytes::Bytes;
use hyper::http::request::Parts;
use hyper::{Response, StatusCode};
use kremna_shared::embedding;
use serde::Serialize;
use serde_json::Value;

use crate::config::{Endpoint, FakeConfig, Fault};
use crate::server::{
    Action, Body, BoxError, DISCONNECT_GRACE, Invalid, Shared, TIMEOUT_HOLD, channel_body,
    error_response, json_response, json_response_body, new_record, push_locked, sleep_nonzero,
    status_or_500, unauthorized,
};
use crate::wire::to_json;

struct EmbeddingRequest {
    model: String,
    inputs: Vec<String>,
}

#[derive(Serialize)]
struct ListOut<'a> {
    object: &'static str,
    data: Vec<DatumOut>,
    model: &'a str,
    usage: UsageOut,
}

#[derive(Serialize)]
struct DatumOut {
    object: &'static str,
    index: usize,
    embedding: Vec<f32>,
}

#[derive(Serialize)]
struct UsageOut {
    prompt_tokens: u32,
    total_tokens: u32,
}

pub(crate) async fn handle(
    shared: &Shared,
    parts: &Parts,
    bytes: &Bytes,
) -> Result<Response<Body>, BoxError> {
    let rec = new_record(shared, parts, bytes);
    let validated = validate((!rec.body.is_null()).then_some(&rec.body));
    let (config, action) = {
        let mut st = shared.lock();
        let config = st.config.clone();
        let action = Action::decide(
            &mut st,
            Endpoint::Embeddings,
            &parts.headers,
            validated.is_ok(),
        );
        let (status, outcome) = action.recorded_as(validated.as_ref().err().map(|(c, _)| *c));
        push_locked(&mut st, rec, status, outcome);
        (config, action)
    };
    match action {
        Action::Unauthorized => Ok(unauthorized()),
        Action::Invalid => {
            let (code, message) = validated
                .err()
                .unwrap_or((StatusCode::BAD_REQUEST, "invalid request".into()));
            Ok(error_response(code, &message, None))
        }
        Action::Answer => {
            sleep_nonzero(config.time_to_first_token).await;
            let request = validated.as_ref().ok();
            Ok(json_response(StatusCode::OK, answer(request)))
        }
        Action::Fault(fault) => inject(fault, &config, answer(validated.as_ref().ok())).await,
    }
}

/// The response body; an invalid request (only answered when faulted) gets an empty list.
fn answer(request: Option<&EmbeddingRequest>) -> String {
    let (model, inputs) = request.map_or(("mistral-embed", &[][..]), |r| {
        (r.model.as_str(), r.inputs.as_slice())
    });
    let chars: usize = inputs.iter().map(|t| t.chars().count()).sum();
    let prompt_tokens = u32::try_from(chars.div_ceil(4)).unwrap_or(u32::MAX).max(1);
    to_json(&ListOut {
        object: "list",
        data: inputs
            .iter()
            .enumerate()
            .map(|(index, text)| DatumOut {
                object: "embedding",
                index,
                embedding: embedding::embed(text),
            })
            .collect(),
        model,
        usage: UsageOut {
            prompt_tokens,
            total_tokens: prompt_tokens,
        },
    })
}

async fn inject(
    fault: Fault,
    config: &FakeConfig,
    body: String,
) -> Result<Response<Body>, BoxError> {
    match fault {
        Fault::Status {
            code,
            retry_after_secs,
            message,
        } => Ok(match status_or_500(code) {
            StatusCode::UNAUTHORIZED if message.is_none() => unauthorized(),
            status => error_response(
                status,
                message.as_deref().unwrap_or_default(),
                retry_after_secs,
            ),
        }),
        Fault::Timeout => {
            tokio::time::sleep(TIMEOUT_HOLD).await;
            Err("fake-mistral: injected timeout expired".into())
        }
        Fault::DisconnectAfterChunks(_) => {
            // Half the body, then the connection drops.
            let (tx, stream) = channel_body();
            let ttft = config.time_to_first_token;
            tokio::spawn(async move {
                sleep_nonzero(ttft).await;
                let half = body.len() / 2;
                let cut = Bytes::from(body.into_bytes()).slice(..half);
                if tx.send(Ok(cut)).await.is_ok() {
                    tokio::time::sleep(DISCONNECT_GRACE).await;
                    let _ = tx
                        .send(Err("fake-mistral: injected disconnect".into()))
                        .await;
                }
            });
            Ok(json_response_body(StatusCode::OK, stream))
        }
        Fault::Malformed => {
            sleep_nonzero(config.time_to_first_token).await;
            let half = body.len() / 2;
            Ok(json_response(
                StatusCode::OK,
                body.chars().take(half).collect(),
            ))
        }
    }
}

fn validate(body: Option<&Value>) -> Result<EmbeddingRequest, Invalid> {
    let unprocessable = |msg: String| Err((StatusCode::UNPROCESSABLE_ENTITY, msg));
    let Some(body) = body else {
        return Err((
            StatusCode::BAD_REQUEST,
            "Invalid JSON: the request body could not be parsed".to_string(),
        ));
    };
    let Some(obj) = body.as_object() else {
        return unprocessable("Input should be a valid dictionary or object".to_string());
    };
    let model = match obj.get("model") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        None | Some(Value::Null) => return unprocessable("model: Field required".to_string()),
        Some(_) => return unprocessable("model: Input should be a valid string".to_string()),
    };
    let inputs = match obj.get("input") {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Array(many)) if many.is_empty() => {
            return unprocessable(
                "input: List should have at least 1 item after validation, not 0".to_string(),
            );
        }
        Some(Value::Array(many)) => {
            let mut texts = Vec::with_capacity(many.len());
            for (i, item) in many.iter().enumerate() {
                match item.as_str() {
                    Some(text) => texts.push(text.to_owned()),
                    None => {
                        return unprocessable(format!("input.{i}: Input should be a valid string"));
                    }
                }
            }
            texts
        }
        None | Some(Value::Null) => return unprocessable("input: Field required".to_string()),
        Some(_) => {
            return unprocessable(
                "input: Input should be a valid string or list of strings".to_string(),
            );
        }
    };
    if let Some(i) = inputs.iter().position(String::is_empty) {
        return unprocessable(format!(
            "input.{i}: String should have at least 1 character"
        ));
    }
    Ok(EmbeddingRequest { model, inputs })
}
