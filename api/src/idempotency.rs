//! `Idempotency-Key` for API-key requests: a `POST` retried with the same key gets the
//! first answer again, and nothing is done twice.
//!
//! The record lives in Redis under the tenant, the API key and the SHA-256 of the
//! idempotency key, for [`TTL`]. It is claimed (`SET NX`) *before* the handler runs, so
//! two concurrent requests with one key cannot both run: the second is told the first
//! is still in progress (409). It holds a fingerprint of the request (method, path, body);
//! the same key with another request is refused (422 `idempotency_key_reused`). An answer
//! of 5xx is not kept, so the client's retry runs again.

use base64::{Engine, engine::general_purpose::STANDARD};
use kremna_shared::{db::KeyLookup, error_code::ErrorCode};
use poem::{
    Body, Endpoint, IntoResponse, Request, Response,
    http::{HeaderValue, Method, StatusCode, header},
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{error::ApiError, state::AppState};

pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
/// On a replayed answer.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// How long a key and its answer are kept.
pub const TTL_SECONDS: u64 = 24 * 3600;
const MAX_KEY_LEN: usize = 255;

#[derive(Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
enum Record {
    Pending {
        fingerprint: String,
    },
    Done {
        fingerprint: String,
        status: u16,
        content_type: Option<String>,
        body: String,
    },
}

impl Record {
    fn fingerprint(&self) -> &str {
        match self {
            Self::Pending { fingerprint } | Self::Done { fingerprint, .. } => fingerprint,
        }
    }
}

/// Runs `inner` for a key's request, honouring its `Idempotency-Key` on `POST`.
pub async fn guard<E: Endpoint>(
    inner: &E,
    mut req: Request,
    key: &KeyLookup,
) -> Result<Response, ApiError> {
    let header = req.headers().get(IDEMPOTENCY_HEADER).cloned();
    let (Method::POST, Some(header)) = (req.method().clone(), header) else {
        return Ok(call(inner, req).await);
    };
    let idempotency_key = header.to_str().unwrap_or_default().to_owned();
    if idempotency_key.is_empty() || idempotency_key.len() > MAX_KEY_LEN {
        return Err(ApiError::InvalidParameter {
            name: "Idempotency-Key".into(),
            message: format!("must be 1 to {MAX_KEY_LEN} visible ASCII characters"),
        });
    }
    let state = req
        .data::<AppState>()
        .cloned()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
    // Read no more than a handler would (the body is held to fingerprint it).
    let limit = state.config.http.max_body_bytes;
    let body = req
        .take_body()
        .into_bytes_limit(limit)
        .await
        .map_err(|e| match e {
            poem::error::ReadBodyError::PayloadTooLarge => ApiError::PayloadTooLarge { limit },
            other => ApiError::MalformedBody(other.to_string()),
        })?;
    let fingerprint = {
        let mut h = Sha256::new();
        h.update(req.method().as_str());
        h.update([0]);
        h.update(req.uri().path());
        h.update([0]);
        h.update(&body);
        hex::encode(h.finalize())
    };
    req.set_body(Body::from(body));
    let redis_key = format!(
        "{}:idem:{}:{}:{}",
        state.config.redis_prefix,
        key.tenant_id,
        key.id,
        hex::encode(Sha256::digest(idempotency_key.as_bytes()))
    );
    let mut redis = state.redis.clone();
    let pending = serde_json::to_string(&Record::Pending {
        fingerprint: fingerprint.clone(),
    })
    .map_err(ApiError::internal)?;
    let claimed: Option<String> = redis::cmd("SET")
        .arg(&redis_key)
        .arg(&pending)
        .arg("NX")
        .arg("EX")
        .arg(TTL_SECONDS)
        .query_async(&mut redis)
        .await
        .map_err(|e| ApiError::Unavailable(e.into()))?;
    if claimed.is_none() {
        let stored: Option<String> = redis::cmd("GET")
            .arg(&redis_key)
            .query_async(&mut redis)
            .await
            .map_err(|e| ApiError::Unavailable(e.into()))?;
        let record: Record = match stored.as_deref().map(serde_json::from_str) {
            Some(Ok(record)) => record,
            // Expired between the two calls, or unreadable: treat as in progress.
            _ => return Err(in_progress()),
        };
        if record.fingerprint() != fingerprint {
            return Err(ApiError::Conflict {
                code: ErrorCode::IdempotencyKeyReused,
                message: "this Idempotency-Key was used with a different request",
            });
        }
        return match record {
            Record::Pending { .. } => Err(in_progress()),
            Record::Done {
                status,
                content_type,
                body,
                ..
            } => replay(status, content_type, &body),
        };
    }

    let mut response = call(inner, req).await;
    // Not kept: after a 5xx the retry should run again; a stream would be held back
    // until it ended (its handler names the message by the key instead, so a retry
    // attaches to the same message).
    if response.status().is_server_error() || is_event_stream(&response) {
        let _: Result<(), _> = redis::cmd("DEL")
            .arg(&redis_key)
            .query_async(&mut redis)
            .await;
        return Ok(response);
    }
    let bytes = response
        .take_body()
        .into_bytes()
        .await
        .map_err(ApiError::internal)?;
    let record = Record::Done {
        fingerprint,
        status: response.status().as_u16(),
        content_type: response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        body: STANDARD.encode(&bytes),
    };
    response.set_body(bytes);
    if let Ok(json) = serde_json::to_string(&record) {
        let stored: Result<(), _> = redis::cmd("SET")
            .arg(&redis_key)
            .arg(json)
            .arg("EX")
            .arg(TTL_SECONDS)
            .query_async(&mut redis)
            .await;
        if let Err(err) = stored {
            tracing::warn!(error = %err, "idempotency record not stored");
        }
    }
    Ok(response)
}

fn is_event_stream(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/event-stream"))
}

async fn call<E: Endpoint>(inner: &E, req: Request) -> Response {
    match inner.call(req).await {
        Ok(response) => response.into_response(),
        Err(err) => ApiError::from_poem(err).into_response(),
    }
}

fn in_progress() -> ApiError {
    ApiError::Conflict {
        code: ErrorCode::IdempotencyKeyInProgress,
        message: "a request with this Idempotency-Key is still running; retry shortly",
    }
}

fn replay(status: u16, content_type: Option<String>, body: &str) -> Result<Response, ApiError> {
    let bytes = STANDARD.decode(body).map_err(ApiError::internal)?;
    let mut response = Response::builder()
        .status(StatusCode::from_u16(status).map_err(ApiError::internal)?)
        .body(bytes);
    if let Some(ct) = content_type.and_then(|ct| HeaderValue::from_str(&ct).ok()) {
        response.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    response
        .headers_mut()
        .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    Ok(response)
}
