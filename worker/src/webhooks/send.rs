//! One signed request to one endpoint. The host is resolved and checked first (unless
//! `WEBHOOK_ALLOW_PRIVATE_NETWORKS`), and the request is pinned to the checked address,
//! so a name cannot answer public for the check and private for the connection.
//! Redirects are never followed: a 3xx is a failed attempt.

use std::time::Instant;

use kremna_shared::{
    config::WebhookConfig,
    outbound::{self, Refused},
    webhooks::{sign, url::EndpointUrl},
};

/// What one attempt did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The receiver's status code, when it answered.
    pub status: Option<u16>,
    pub latency_ms: i32,
    /// Why the attempt failed, in words for the delivery log; `None` on success.
    pub error: Option<String>,
    /// Whether another attempt could help (false for an address Kremna refuses).
    pub retryable: bool,
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        self.error.is_none()
    }

    fn failed(status: Option<u16>, started: Instant, error: String, retryable: bool) -> Self {
        Self {
            status,
            latency_ms: elapsed_ms(started),
            error: Some(error),
            retryable,
        }
    }
}

fn elapsed_ms(started: Instant) -> i32 {
    i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX)
}

/// The signed parts of one request.
pub struct Signed<'a> {
    pub event_id: &'a str,
    pub key: &'a [u8],
    pub body: &'a str,
}

pub async fn send(url: &EndpointUrl, signed: &Signed<'_>, config: &WebhookConfig) -> Outcome {
    let started = Instant::now();
    let (host, port) = url.host_and_port();
    let addr = match outbound::resolve(&host, port, config.allow_private_networks).await {
        Ok(addr) => addr,
        Err(refused @ Refused::Internal { .. }) => {
            return Outcome::failed(None, started, format!("Refused: {refused}."), false);
        }
        Err(refused) => return Outcome::failed(None, started, format!("{refused}."), true),
    };
    let client = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .resolve(&host, addr)
        .timeout(config.timeout)
        .user_agent("Kremna-Webhooks/1.0")
        .build()
    {
        Ok(client) => client,
        Err(_) => {
            return Outcome::failed(None, started, "Could not prepare the request.".into(), true);
        }
    };
    let timestamp = chrono::Utc::now().timestamp();
    let signature = sign::signature(signed.key, signed.event_id, timestamp, signed.body);
    let response = client
        .post(url.as_url().clone())
        .header("content-type", "application/json")
        .header("webhook-id", signed.event_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(signed.body.to_owned())
        .send()
        .await;
    let response = match response {
        Ok(response) => response,
        Err(err) => {
            let reason = if err.is_timeout() {
                format!("No answer within {} seconds.", config.timeout.as_secs())
            } else if err.is_connect() {
                "The connection was refused or failed.".to_owned()
            } else {
                "The request failed before an answer arrived.".to_owned()
            };
            return Outcome::failed(None, started, reason, true);
        }
    };
    let status = response.status();
    // The body is not read: it is the receiver's, and nothing of it is kept.
    drop(response);
    if status.is_success() {
        return Outcome {
            status: Some(status.as_u16()),
            latency_ms: elapsed_ms(started),
            error: None,
            retryable: false,
        };
    }
    let reason = if status.is_redirection() {
        "Answered with a redirect, which webhooks do not follow.".to_owned()
    } else {
        format!("Answered {}.", status.as_u16())
    };
    Outcome::failed(Some(status.as_u16()), started, reason, true)
}
