//! HTTP failures mapped to [`ProviderError`], the same for chat and embeddings, so both
//! are retried (or not) alike.

use std::time::Duration;

use reqwest::{StatusCode, header};

use crate::provider::{ProviderError, redact};

/// Provider error bodies go to the log, shortened and redacted.
const DETAIL_CHARS: usize = 300;

/// A request that got no response.
pub(super) fn unsent(err: reqwest::Error) -> ProviderError {
    if err.is_timeout() {
        ProviderError::Timeout
    } else {
        ProviderError::Connect(redact::secrets(&err.without_url().to_string()))
    }
}

/// A response whose status is not a success.
pub(super) async fn for_status(status: StatusCode, response: reqwest::Response) -> ProviderError {
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let body: String = response
        .text()
        .await
        .unwrap_or_default()
        .chars()
        .take(DETAIL_CHARS)
        .collect();
    let detail = redact::secrets(&body);
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
