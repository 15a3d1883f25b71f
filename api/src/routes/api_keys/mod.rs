//! `/api-keys`: partners' keys for the workspace. Created, listed and revoked by admins
//! signed in to the dashboard (a key cannot manage keys). The secret is shown once.

mod dto;

use chrono::Utc;
use kremna_shared::{
    auth::{Admin, NewKeySecret},
    ids::ApiKeyId,
    repo::{self, api_keys::NewApiKey},
};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

pub use dto::*;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{JsonBody, Member, Path},
};

pub struct ApiKeysApi;

#[derive(ApiResponse)]
pub enum KeyCreated {
    #[oai(status = 201)]
    Created(Json<CreatedApiKey>),
}

#[OpenApi(tag = "ApiTags::ApiKeys")]
impl ApiKeysApi {
    /// List the workspace's API keys (never their secrets), newest first.
    #[oai(path = "/api-keys", method = "get", operation_id = "listApiKeys")]
    async fn list(&self, member: Member<Admin>) -> ApiResult<Json<ApiKeyList>> {
        let mut tx = member.tx;
        let rows = repo::api_keys::list(&mut tx).await?;
        tx.commit().await?;
        let now = Utc::now();
        Ok(Json(ApiKeyList {
            data: rows.into_iter().map(|r| ApiKeyView::new(r, now)).collect(),
        }))
    }

    /// Create an API key. The answer holds the secret: it is shown this once.
    #[oai(path = "/api-keys", method = "post", operation_id = "createApiKey")]
    async fn create(
        &self,
        member: Member<Admin>,
        body: JsonBody<CreateApiKeyRequest>,
    ) -> ApiResult<KeyCreated> {
        let now = Utc::now();
        body.0.validate(now)?;
        let permissions = body.0.permissions();
        let secret = NewKeySecret::generate();
        let mut tx = member.tx;
        let created_by = tx.principal().user();
        let row = repo::api_keys::create(
            &mut tx,
            &NewApiKey {
                name: body.0.name.trim(),
                prefix: &secret.prefix,
                hash: &secret.hash,
                permissions: &permissions,
                expires_at: body.0.expires_at,
                rate_limit_per_minute: body.0.rate_limit_per_minute,
                created_by,
            },
        )
        .await?;
        tx.commit().await?;
        tracing::info!(api_key_id = %row.id, tenant_id = %row.tenant_id, "api key created");
        Ok(KeyCreated::Created(Json(CreatedApiKey {
            secret: secret.secret,
            key: ApiKeyView::new(row, now),
        })))
    }

    /// Get an API key.
    #[oai(path = "/api-keys/:id", method = "get", operation_id = "getApiKey")]
    async fn get(&self, member: Member<Admin>, id: Path<ApiKeyId>) -> ApiResult<Json<ApiKeyView>> {
        let mut tx = member.tx;
        let row = repo::api_keys::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("api_key"))?;
        tx.commit().await?;
        Ok(Json(ApiKeyView::new(row, Utc::now())))
    }

    /// Revoke an API key. It stops working at once; it stays listed as revoked.
    #[oai(
        path = "/api-keys/:id",
        method = "delete",
        operation_id = "revokeApiKey"
    )]
    async fn revoke(
        &self,
        member: Member<Admin>,
        id: Path<ApiKeyId>,
    ) -> ApiResult<Json<ApiKeyView>> {
        let mut tx = member.tx;
        let row = repo::api_keys::revoke(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("api_key"))?;
        tx.commit().await?;
        tracing::info!(api_key_id = %row.id, "api key revoked");
        Ok(Json(ApiKeyView::new(row, Utc::now())))
    }
}
