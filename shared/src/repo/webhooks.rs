//! A workspace's webhook endpoints and their deliveries. The signing secret is never in
//! an [`EndpointRecord`] (records get logged and debug-printed); it is read on its own,
//! wrapped in a [`SecretString`], by the two callers that need it: reveal and delivery.

use chrono::{DateTime, Utc};
use secrecy::SecretString;

use crate::{
    db::{RepoError, TenantTx},
    ids::{TenantId, WebhookDeliveryId, WebhookEndpointId},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EndpointRecord {
    pub id: WebhookEndpointId,
    pub tenant_id: TenantId,
    pub url: String,
    pub description: String,
    pub event_types: Vec<String>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const ENDPOINT_COLUMNS: &str =
    "id, tenant_id, url, description, event_types, enabled, created_at, updated_at";

pub struct NewEndpoint<'a> {
    pub url: &'a str,
    pub description: &'a str,
    pub event_types: &'a [String],
    pub secret: &'a str,
}

pub async fn create_endpoint(
    tx: &mut TenantTx,
    new: &NewEndpoint<'_>,
) -> Result<EndpointRecord, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO webhook_endpoints (tenant_id, id, url, description, event_types, secret)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {ENDPOINT_COLUMNS}"
    )))
    .bind(tenant)
    .bind(WebhookEndpointId::new())
    .bind(new.url)
    .bind(new.description)
    .bind(new.event_types)
    .bind(new.secret)
    .fetch_one(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// Every endpoint of the workspace, newest first.
pub async fn list_endpoints(tx: &mut TenantTx) -> Result<Vec<EndpointRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1
         ORDER BY created_at DESC, id DESC"
    )))
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn get_endpoint(
    tx: &mut TenantTx,
    id: WebhookEndpointId,
) -> Result<Option<EndpointRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// What an update may change; `None` keeps the stored value.
#[derive(Default)]
pub struct EndpointChanges<'a> {
    pub url: Option<&'a str>,
    pub description: Option<&'a str>,
    pub event_types: Option<&'a [String]>,
    pub enabled: Option<bool>,
}

pub async fn update_endpoint(
    tx: &mut TenantTx,
    id: WebhookEndpointId,
    changes: &EndpointChanges<'_>,
) -> Result<Option<EndpointRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE webhook_endpoints SET
             url = COALESCE($3, url),
             description = COALESCE($4, description),
             event_types = COALESCE($5, event_types),
             enabled = COALESCE($6, enabled),
             updated_at = now()
         WHERE tenant_id = $1 AND id = $2 RETURNING {ENDPOINT_COLUMNS}"
    )))
    .bind(tenant)
    .bind(id)
    .bind(changes.url)
    .bind(changes.description)
    .bind(changes.event_types)
    .bind(changes.enabled)
    .fetch_optional(tx.conn())
    .await?)
}

/// Deletes an endpoint and its delivery log. False when there was none.
pub async fn delete_endpoint(tx: &mut TenantTx, id: WebhookEndpointId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query("DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2")
        .bind(tenant)
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the signing secret. False when there is no such endpoint.
pub async fn set_secret(
    tx: &mut TenantTx,
    id: WebhookEndpointId,
    secret: &str,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET secret = $3, updated_at = now()
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .bind(secret)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn secret(
    tx: &mut TenantTx,
    id: WebhookEndpointId,
) -> Result<Option<SecretString>, RepoError> {
    let tenant = tx.tenant_id();
    let secret: Option<String> =
        sqlx::query_scalar("SELECT secret FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2")
            .bind(tenant)
            .bind(id)
            .fetch_optional(tx.conn())
            .await?;
    Ok(secret.map(SecretString::from))
}

/// The enabled endpoints subscribed to `event_type`.
pub async fn subscribed(
    tx: &mut TenantTx,
    event_type: &str,
) -> Result<Vec<WebhookEndpointId>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "SELECT id FROM webhook_endpoints
         WHERE tenant_id = $1 AND enabled AND $2 = ANY (event_types)",
    )
    .bind(tenant)
    .bind(event_type)
    .fetch_all(tx.conn())
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryRecord {
    pub id: WebhookDeliveryId,
    pub endpoint_id: WebhookEndpointId,
    pub event_id: String,
    pub event_type: String,
    pub payload: String,
    pub status: String,
    pub attempt_count: i32,
    pub last_status_code: Option<i32>,
    pub last_latency_ms: Option<i32>,
    pub last_error: Option<String>,
    /// `[{attempt, at, status_code, latency_ms, error}]`, oldest first.
    pub attempts: serde_json::Value,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const DELIVERY_COLUMNS: &str = "id, endpoint_id, event_id, event_type, payload, status, \
    attempt_count, last_status_code, last_latency_ms, last_error, attempts, next_attempt_at, \
    created_at, updated_at";

pub struct NewDelivery<'a> {
    pub endpoint: WebhookEndpointId,
    pub event_id: &'a str,
    pub event_type: &'a str,
    pub payload: &'a str,
}

pub async fn insert_delivery(
    tx: &mut TenantTx,
    new: &NewDelivery<'_>,
) -> Result<DeliveryRecord, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO webhook_deliveries
             (tenant_id, id, endpoint_id, event_id, event_type, payload, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING {DELIVERY_COLUMNS}"
    )))
    .bind(tenant)
    .bind(WebhookDeliveryId::new())
    .bind(new.endpoint)
    .bind(new.event_id)
    .bind(new.event_type)
    .bind(new.payload)
    .fetch_one(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// One page of an endpoint's deliveries, newest first, after the delivery `after`.
pub async fn list_deliveries(
    tx: &mut TenantTx,
    endpoint: WebhookEndpointId,
    after: Option<WebhookDeliveryId>,
    limit: u32,
) -> Result<Vec<DeliveryRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries
         WHERE tenant_id = $1 AND endpoint_id = $2 AND ($3::uuid IS NULL OR id < $3)
         ORDER BY id DESC LIMIT $4"
    )))
    .bind(tenant)
    .bind(endpoint)
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(tx.conn())
    .await?)
}

pub async fn get_delivery(
    tx: &mut TenantTx,
    id: WebhookDeliveryId,
) -> Result<Option<DeliveryRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// What the worker needs to make one attempt.
#[derive(sqlx::FromRow)]
pub struct DeliveryTarget {
    pub event_id: String,
    pub payload: String,
    pub status: String,
    pub attempt_count: i32,
    pub url: String,
    pub secret: String,
    pub enabled: bool,
}

pub async fn target(
    tx: &mut TenantTx,
    id: WebhookDeliveryId,
) -> Result<Option<DeliveryTarget>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT d.event_id, d.payload, d.status, d.attempt_count, e.url, e.secret, e.enabled
         FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
         WHERE d.tenant_id = $1 AND d.id = $2",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// How one attempt went.
pub struct Attempt<'a> {
    /// 1-based.
    pub number: i32,
    pub status_code: Option<u16>,
    pub latency_ms: i32,
    /// Why it failed, in words for the log (never the receiver's body).
    pub error: Option<&'a str>,
    /// `succeeded`, `failed` (given up) or `pending` (another attempt at `next_at`).
    pub status: &'a str,
    pub next_at: Option<DateTime<Utc>>,
}

/// Appends an attempt to the delivery's log. False when this attempt was already
/// recorded (a duplicate job) or the delivery is no longer pending: then nothing changes.
pub async fn record_attempt(
    tx: &mut TenantTx,
    id: WebhookDeliveryId,
    attempt: &Attempt<'_>,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET
             attempt_count = $3,
             status = $4,
             last_status_code = $5,
             last_latency_ms = $6,
             last_error = $7,
             next_attempt_at = $8,
             attempts = attempts || jsonb_build_array(jsonb_build_object(
                 'attempt', $3, 'at', now(), 'status_code', $5, 'latency_ms', $6,
                 'error', $7)),
             updated_at = now()
         WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND attempt_count = $3 - 1",
    )
    .bind(tenant)
    .bind(id)
    .bind(attempt.number)
    .bind(attempt.status)
    .bind(attempt.status_code.map(i32::from))
    .bind(attempt.latency_ms)
    .bind(attempt.error)
    .bind(attempt.next_at)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}
