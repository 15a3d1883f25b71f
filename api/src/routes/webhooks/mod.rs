//! `/webhooks`: a workspace's signed webhook endpoints and their delivery log (issue 11).
//! Admins, or API keys with write access to `webhooks`. The signing secret appears only
//! in the answers made to show it: creation, rotation and reveal.

mod dto;

use kremna_shared::{
    auth::Admin,
    db::TenantTx,
    error_code::ErrorCode,
    ids::{WebhookDeliveryId, WebhookEndpointId},
    outbound::{self, Refused},
    repo::{
        self,
        webhooks::{EndpointChanges, NewEndpoint},
    },
    webhooks::{self, TEST_EVENT, secret, url::EndpointUrl},
};
use poem::{http::StatusCode, web::Data};
use poem_openapi::{ApiResponse, OpenApi, param::Query, payload::Json};
use secrecy::ExposeSecret;
use serde_json::json;

pub use dto::*;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{Caller, JsonBody, Path, res},
    state::AppState,
};

pub struct WebhooksApi;

type WebhookAdmin = Caller<Admin, res::Webhooks>;

const DEFAULT_PAGE: u32 = 20;

#[derive(ApiResponse)]
pub enum EndpointCreated {
    #[oai(status = 201)]
    Created(Json<CreatedWebhookEndpoint>),
}

#[derive(ApiResponse)]
pub enum EndpointDeleted {
    /// Deleted, with its delivery log; pending retries stop.
    #[oai(status = 204)]
    NoContent,
}

#[derive(ApiResponse)]
pub enum DeliveryQueued {
    /// Stored and queued; the worker sends it within moments.
    #[oai(status = 202)]
    Accepted(Json<DeliveryView>),
}

/// Refuses an address the worker would refuse: a host on an internal network (unless
/// the operator allows them) or one that cannot be found.
async fn check_reachable(url: &EndpointUrl, state: &AppState) -> ApiResult<()> {
    let (host, port) = url.host_and_port();
    let allow = state.config.webhooks.allow_private_networks;
    match outbound::resolve(&host, port, allow).await {
        Ok(_) => Ok(()),
        Err(Refused::Internal { .. }) => Err(ApiError::Refused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: ErrorCode::WebhookUrlRefused,
            message: "`url` points at a private, loopback or link-local address, \
                      which webhooks may not reach",
        }),
        Err(Refused::NotFound(_)) => Err(ApiError::Refused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: ErrorCode::WebhookUrlRefused,
            message: "`url` names a host that could not be found",
        }),
    }
}

async fn endpoint_or_404(
    tx: &mut TenantTx,
    id: WebhookEndpointId,
) -> ApiResult<repo::webhooks::EndpointRecord> {
    repo::webhooks::get_endpoint(tx, id)
        .await?
        .ok_or(ApiError::NotFound("webhook_endpoint"))
}

#[OpenApi(tag = "ApiTags::Webhooks")]
impl WebhooksApi {
    /// List the workspace's webhook endpoints (never their secrets), newest first.
    #[oai(
        path = "/webhooks/endpoints",
        method = "get",
        operation_id = "listWebhookEndpoints"
    )]
    async fn list(&self, caller: WebhookAdmin) -> ApiResult<Json<WebhookEndpointList>> {
        let mut tx = caller.tx;
        let rows = repo::webhooks::list_endpoints(&mut tx).await?;
        tx.commit().await?;
        Ok(Json(WebhookEndpointList {
            data: rows.into_iter().map(Into::into).collect(),
        }))
    }

    /// Add an endpoint. The answer holds its signing secret: it is shown this once (an
    /// admin can reveal or rotate it later).
    #[oai(
        path = "/webhooks/endpoints",
        method = "post",
        operation_id = "createWebhookEndpoint"
    )]
    async fn create(
        &self,
        caller: WebhookAdmin,
        state: Data<&AppState>,
        body: JsonBody<CreateWebhookEndpoint>,
    ) -> ApiResult<EndpointCreated> {
        let url = parse_url(&body.0.url).map_err(ApiError::Validation)?;
        let events = event_names(&body.0.event_types).map_err(ApiError::Validation)?;
        let description = parse_description(body.0.description.as_deref().unwrap_or(""))
            .map_err(ApiError::Validation)?;
        check_reachable(&url, &state).await?;
        let secret = secret::generate();
        let mut tx = caller.tx;
        let row = repo::webhooks::create_endpoint(
            &mut tx,
            &NewEndpoint {
                url: url.as_str(),
                description: &description,
                event_types: &events,
                secret: &secret,
            },
        )
        .await?;
        tx.commit().await?;
        tracing::info!(endpoint_id = %row.id, tenant_id = %row.tenant_id, "webhook endpoint created");
        Ok(EndpointCreated::Created(Json(CreatedWebhookEndpoint {
            endpoint: row.into(),
            secret,
        })))
    }

    /// Get an endpoint.
    #[oai(
        path = "/webhooks/endpoints/:id",
        method = "get",
        operation_id = "getWebhookEndpoint"
    )]
    async fn get(
        &self,
        caller: WebhookAdmin,
        id: Path<WebhookEndpointId>,
    ) -> ApiResult<Json<WebhookEndpointView>> {
        let mut tx = caller.tx;
        let row = endpoint_or_404(&mut tx, id.0).await?;
        tx.commit().await?;
        Ok(Json(row.into()))
    }

    /// Change an endpoint's address, description, events, or turn it off and on.
    #[oai(
        path = "/webhooks/endpoints/:id",
        method = "patch",
        operation_id = "updateWebhookEndpoint"
    )]
    async fn update(
        &self,
        caller: WebhookAdmin,
        state: Data<&AppState>,
        id: Path<WebhookEndpointId>,
        body: JsonBody<UpdateWebhookEndpoint>,
    ) -> ApiResult<Json<WebhookEndpointView>> {
        let url = match body.0.url.as_deref() {
            Some(raw) => {
                let url = parse_url(raw).map_err(ApiError::Validation)?;
                check_reachable(&url, &state).await?;
                Some(url)
            }
            None => None,
        };
        let events = body
            .0
            .event_types
            .as_deref()
            .map(event_names)
            .transpose()
            .map_err(ApiError::Validation)?;
        let description = body
            .0
            .description
            .as_deref()
            .map(parse_description)
            .transpose()
            .map_err(ApiError::Validation)?;
        let mut tx = caller.tx;
        let row = repo::webhooks::update_endpoint(
            &mut tx,
            id.0,
            &EndpointChanges {
                url: url.as_ref().map(EndpointUrl::as_str),
                description: description.as_deref(),
                event_types: events.as_deref(),
                enabled: body.0.enabled,
            },
        )
        .await?
        .ok_or(ApiError::NotFound("webhook_endpoint"))?;
        tx.commit().await?;
        Ok(Json(row.into()))
    }

    /// Delete an endpoint and its delivery log.
    #[oai(
        path = "/webhooks/endpoints/:id",
        method = "delete",
        operation_id = "deleteWebhookEndpoint"
    )]
    async fn delete(
        &self,
        caller: WebhookAdmin,
        id: Path<WebhookEndpointId>,
    ) -> ApiResult<EndpointDeleted> {
        let mut tx = caller.tx;
        if !repo::webhooks::delete_endpoint(&mut tx, id.0).await? {
            return Err(ApiError::NotFound("webhook_endpoint"));
        }
        tx.commit().await?;
        tracing::info!(endpoint_id = %id.0, "webhook endpoint deleted");
        Ok(EndpointDeleted::NoContent)
    }

    /// Show an endpoint's signing secret.
    #[oai(
        path = "/webhooks/endpoints/:id/secret",
        method = "get",
        operation_id = "revealWebhookSecret"
    )]
    async fn reveal(
        &self,
        caller: WebhookAdmin,
        id: Path<WebhookEndpointId>,
    ) -> ApiResult<Json<WebhookSecretView>> {
        let mut tx = caller.tx;
        let secret = repo::webhooks::secret(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("webhook_endpoint"))?;
        tx.commit().await?;
        tracing::info!(endpoint_id = %id.0, "webhook secret revealed");
        Ok(Json(WebhookSecretView {
            secret: secret.expose_secret().to_owned(),
        }))
    }

    /// Replace an endpoint's signing secret. The old one stops at once; the answer holds
    /// the new one.
    #[oai(
        path = "/webhooks/endpoints/:id/secret/rotate",
        method = "post",
        operation_id = "rotateWebhookSecret"
    )]
    async fn rotate(
        &self,
        caller: WebhookAdmin,
        id: Path<WebhookEndpointId>,
    ) -> ApiResult<Json<WebhookSecretView>> {
        let secret = secret::generate();
        let mut tx = caller.tx;
        if !repo::webhooks::set_secret(&mut tx, id.0, &secret).await? {
            return Err(ApiError::NotFound("webhook_endpoint"));
        }
        tx.commit().await?;
        tracing::info!(endpoint_id = %id.0, "webhook secret rotated");
        Ok(Json(WebhookSecretView { secret }))
    }

    /// Send a `webhook.test` event to the endpoint now.
    #[oai(
        path = "/webhooks/endpoints/:id/test",
        method = "post",
        operation_id = "sendWebhookTest"
    )]
    async fn test(
        &self,
        caller: WebhookAdmin,
        id: Path<WebhookEndpointId>,
    ) -> ApiResult<DeliveryQueued> {
        let mut tx = caller.tx;
        let endpoint = endpoint_or_404(&mut tx, id.0).await?;
        let payload = webhooks::body(
            TEST_EVENT,
            &json!({ "endpoint_id": endpoint.id, "message": "A test event from Kremna." }),
        )?;
        let mut rows = webhooks::deliver(
            &mut tx,
            &[endpoint.id],
            &webhooks::new_event_id(),
            TEST_EVENT,
            &payload,
        )
        .await?;
        tx.commit().await?;
        let row = rows
            .pop()
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no delivery")))?;
        Ok(DeliveryQueued::Accepted(Json(row.into())))
    }

    /// An endpoint's deliveries, newest first (`limit`, `after` = `next_cursor`).
    #[oai(
        path = "/webhooks/endpoints/:id/deliveries",
        method = "get",
        operation_id = "listWebhookDeliveries"
    )]
    async fn deliveries(
        &self,
        caller: WebhookAdmin,
        id: Path<WebhookEndpointId>,
        /// `next_cursor` of the previous page (a delivery id).
        #[oai(validator(
            max_length = 100,
            pattern = r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
        ))]
        after: Query<Option<String>>,
        /// Page size, 1–100 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<Json<DeliveryList>> {
        let after = after
            .0
            .as_deref()
            .map(str::parse::<WebhookDeliveryId>)
            .transpose()
            .map_err(|_| ApiError::InvalidParameter {
                name: "after".into(),
                message: "is not a cursor this API issued (use `next_cursor` as given)".into(),
            })?;
        let limit = limit.0.unwrap_or(DEFAULT_PAGE);
        let mut tx = caller.tx;
        endpoint_or_404(&mut tx, id.0).await?;
        // One extra row tells whether another page exists.
        let mut rows = repo::webhooks::list_deliveries(&mut tx, id.0, after, limit + 1).await?;
        tx.commit().await?;
        let has_more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = has_more
            .then(|| rows.last().map(|r| r.id.to_string()))
            .flatten();
        Ok(Json(DeliveryList {
            data: rows.into_iter().map(Into::into).collect(),
            has_more,
            next_cursor,
        }))
    }

    /// One delivery, with its body and every attempt.
    #[oai(
        path = "/webhooks/deliveries/:id",
        method = "get",
        operation_id = "getWebhookDelivery"
    )]
    async fn delivery(
        &self,
        caller: WebhookAdmin,
        id: Path<WebhookDeliveryId>,
    ) -> ApiResult<Json<DeliveryView>> {
        let mut tx = caller.tx;
        let row = repo::webhooks::get_delivery(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("webhook_delivery"))?;
        tx.commit().await?;
        Ok(Json(row.into()))
    }

    /// Send a delivery's event again, as a new delivery with the same `webhook-id` and
    /// body (receivers that de-duplicate drop it if they had it).
    #[oai(
        path = "/webhooks/deliveries/:id/replay",
        method = "post",
        operation_id = "replayWebhookDelivery"
    )]
    async fn replay(
        &self,
        caller: WebhookAdmin,
        id: Path<WebhookDeliveryId>,
    ) -> ApiResult<DeliveryQueued> {
        let mut tx = caller.tx;
        let old = repo::webhooks::get_delivery(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("webhook_delivery"))?;
        let mut rows = webhooks::deliver(
            &mut tx,
            &[old.endpoint_id],
            &old.event_id,
            &old.event_type,
            &old.payload,
        )
        .await?;
        tx.commit().await?;
        tracing::info!(delivery_id = %id.0, "webhook delivery replayed");
        let row = rows
            .pop()
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no delivery")))?;
        Ok(DeliveryQueued::Accepted(Json(row.into())))
    }
}
