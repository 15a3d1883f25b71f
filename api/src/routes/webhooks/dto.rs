//! The shapes of `/webhooks`: endpoints (never their secret, except in the answers that
//! exist to show it) and deliveries.

use chrono::{DateTime, Utc};
use kremna_shared::{
    domain::{AtField, FieldError},
    ids::{WebhookDeliveryId, WebhookEndpointId},
    repo::webhooks::{DeliveryRecord, EndpointRecord},
    webhooks::{EventType, url::EndpointUrl},
};
use poem_openapi::{Enum, Object};
use serde::Deserialize;

/// A new endpoint.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookEndpoint {
    /// Where events are POSTed (http or https). The host must resolve, and not to a
    /// private, loopback or link-local address (`webhook_url_refused`): a DNS answer the
    /// schema cannot state.
    #[oai(validator(
        max_length = 2000,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[hH][tT][tT][pP][sS]?://(([A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*|((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|\[(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,7}:|([0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,5}(:[0-9A-Fa-f]{1,4}){1,2}|([0-9A-Fa-f]{1,4}:){1,4}(:[0-9A-Fa-f]{1,4}){1,3}|([0-9A-Fa-f]{1,4}:){1,3}(:[0-9A-Fa-f]{1,4}){1,4}|([0-9A-Fa-f]{1,4}:){1,2}(:[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(:[0-9A-Fa-f]{1,4}){1,6}|:((:[0-9A-Fa-f]{1,4}){1,7}|:)|::([fF]{4}(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|([0-9A-Fa-f]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))\])(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?][^#\x00-\x20\x7f-\x9f]*)?[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub url: String,
    /// A note for people ("Order system").
    #[oai(validator(max_length = 200))]
    pub description: Option<String>,
    /// The events to receive; at least one.
    #[oai(validator(min_items = 1, max_items = 6))]
    pub event_types: Vec<EventType>,
}

/// Changes to an endpoint; absent fields stay as they are.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhookEndpoint {
    /// As at creation: the host must resolve, and not to an internal address.
    #[oai(validator(
        max_length = 2000,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[hH][tT][tT][pP][sS]?://(([A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*|((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|\[(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,7}:|([0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,5}(:[0-9A-Fa-f]{1,4}){1,2}|([0-9A-Fa-f]{1,4}:){1,4}(:[0-9A-Fa-f]{1,4}){1,3}|([0-9A-Fa-f]{1,4}:){1,3}(:[0-9A-Fa-f]{1,4}){1,4}|([0-9A-Fa-f]{1,4}:){1,2}(:[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(:[0-9A-Fa-f]{1,4}){1,6}|:((:[0-9A-Fa-f]{1,4}){1,7}|:)|::([fF]{4}(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|([0-9A-Fa-f]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))\])(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?][^#\x00-\x20\x7f-\x9f]*)?[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub url: Option<String>,
    #[oai(validator(max_length = 200))]
    pub description: Option<String>,
    #[oai(validator(min_items = 1, max_items = 6))]
    pub event_types: Option<Vec<EventType>>,
    /// A disabled endpoint receives nothing new; pending retries fail.
    pub enabled: Option<bool>,
}

/// The subscribed event types, de-duplicated in the canonical order.
pub fn event_names(types: &[EventType]) -> Result<Vec<String>, FieldError> {
    if types.is_empty() {
        return Err(FieldError::new(
            "event_types",
            "must name at least one event",
        ));
    }
    Ok(EventType::ALL
        .into_iter()
        .filter(|e| types.contains(e))
        .map(|e| e.as_str().to_owned())
        .collect())
}

/// A description, trimmed; at most 200 characters.
pub fn parse_description(raw: &str) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    if trimmed.chars().count() > 200 {
        return Err(FieldError::new(
            "description",
            "must be at most 200 characters",
        ));
    }
    Ok(trimmed.to_owned())
}

pub fn parse_url(raw: &str) -> Result<EndpointUrl, FieldError> {
    EndpointUrl::parse(raw).at("url")
}

/// An endpoint, as listed.
#[derive(Object)]
#[oai(rename = "WebhookEndpoint")]
pub struct WebhookEndpointView {
    pub id: WebhookEndpointId,
    pub url: String,
    pub description: String,
    pub event_types: Vec<EventType>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<EndpointRecord> for WebhookEndpointView {
    fn from(r: EndpointRecord) -> Self {
        Self {
            id: r.id,
            url: r.url,
            description: r.description,
            event_types: r
                .event_types
                .iter()
                .filter_map(|e| EventType::parse(e))
                .collect(),
            enabled: r.enabled,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

#[derive(Object)]
#[oai(rename = "WebhookEndpointList")]
pub struct WebhookEndpointList {
    pub data: Vec<WebhookEndpointView>,
}

/// A new endpoint with its signing secret: shown this once.
#[derive(Object)]
#[oai(rename = "CreatedWebhookEndpoint")]
pub struct CreatedWebhookEndpoint {
    pub endpoint: WebhookEndpointView,
    /// `whsec_…`: verify `webhook-signature` with it (Standard Webhooks).
    pub secret: String,
}

/// An endpoint's signing secret.
#[derive(Object)]
#[oai(rename = "WebhookSecret")]
pub struct WebhookSecretView {
    pub secret: String,
}

/// Where a delivery is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename = "WebhookDeliveryStatus", rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or its next retry.
    Pending,
    Succeeded,
    /// Every attempt failed (or the address is refused).
    Failed,
}

impl DeliveryStatus {
    fn parse(s: &str) -> Self {
        match s {
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            _ => Self::Pending,
        }
    }
}

/// One attempt of a delivery.
#[derive(Object, Deserialize)]
#[oai(rename = "WebhookAttempt", skip_serializing_if_is_none)]
pub struct AttemptView {
    pub attempt: i32,
    pub at: DateTime<Utc>,
    /// The receiver's status code, when it answered.
    pub status_code: Option<i32>,
    pub latency_ms: i32,
    /// Why it failed; absent on success.
    pub error: Option<String>,
}

/// One event sent to one endpoint.
#[derive(Object)]
#[oai(rename = "WebhookDelivery", skip_serializing_if_is_none)]
pub struct DeliveryView {
    pub id: WebhookDeliveryId,
    pub endpoint_id: WebhookEndpointId,
    /// The `webhook-id` header: the same on every attempt and replay (de-duplicate on it).
    pub event_id: String,
    /// `chat.started`, …, or `webhook.test`.
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempt_count: i32,
    pub last_status_code: Option<i32>,
    pub last_latency_ms: Option<i32>,
    pub last_error: Option<String>,
    /// When the next attempt is due (pending deliveries).
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The JSON body sent (`{"type", "timestamp", "data"}`).
    pub payload: String,
    /// Every attempt, oldest first.
    pub attempts: Vec<AttemptView>,
}

impl From<DeliveryRecord> for DeliveryView {
    fn from(r: DeliveryRecord) -> Self {
        let pending = r.status == "pending";
        Self {
            id: r.id,
            endpoint_id: r.endpoint_id,
            event_id: r.event_id,
            event_type: r.event_type,
            status: DeliveryStatus::parse(&r.status),
            attempt_count: r.attempt_count,
            last_status_code: r.last_status_code,
            last_latency_ms: r.last_latency_ms,
            last_error: r.last_error,
            next_attempt_at: r.next_attempt_at.filter(|_| pending),
            created_at: r.created_at,
            updated_at: r.updated_at,
            payload: r.payload,
            // Written only by `record_attempt`, so always this shape.
            attempts: serde_json::from_value(r.attempts).unwrap_or_default(),
        }
    }
}

/// A page of deliveries, newest first.
#[derive(Object)]
#[oai(rename = "WebhookDeliveryList", skip_serializing_if_is_none)]
pub struct DeliveryList {
    pub data: Vec<DeliveryView>,
    pub has_more: bool,
    /// Pass as `after` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}
