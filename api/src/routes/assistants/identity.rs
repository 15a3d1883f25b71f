//! `/assistants/{id}/identity-secret`: the key a host's server signs its users' ids with
//! (`userHash` = hex HMAC-SHA256 of the user id) so the widget's `Kremna.identify(..)`
//! claims can be verified. Admins only, and only by a signed-in member: an API key never
//! reads it. Another workspace's assistant answers 404 like a missing one.

use kremna_shared::{auth::Admin, auth::identity, ids::AssistantId, repo};
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};
use secrecy::ExposeSecret;

use super::super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{Member, Path},
};

pub struct AssistantIdentityApi;

/// An assistant's identity secret.
#[derive(Object)]
#[oai(rename = "IdentitySecret", skip_serializing_if_is_none)]
pub struct IdentitySecretView {
    /// `kis_…` (keep it on your server). Absent: there is none, and every identity
    /// is recorded as unverified.
    pub secret: Option<String>,
}

#[derive(ApiResponse)]
pub enum SecretRemoved {
    /// Removed: identities are recorded as unverified from now on.
    #[oai(status = 204)]
    NoContent,
}

#[OpenApi(tag = "ApiTags::Assistants")]
impl AssistantIdentityApi {
    /// Show an assistant's identity secret.
    #[oai(
        path = "/assistants/:id/identity-secret",
        method = "get",
        operation_id = "revealIdentitySecret"
    )]
    async fn reveal(
        &self,
        member: Member<Admin>,
        id: Path<AssistantId>,
    ) -> ApiResult<Json<IdentitySecretView>> {
        let mut tx = member.tx;
        let secret = repo::assistants::identity_secret(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("assistant"))?;
        tx.commit().await?;
        tracing::info!(assistant_id = %id.0, "identity secret revealed");
        Ok(Json(IdentitySecretView {
            secret: secret.map(|s| s.expose_secret().to_owned()),
        }))
    }

    /// Make a new identity secret (the first, or in place of the current one: hashes
    /// made with the old one stop verifying at once). The answer holds the new one.
    #[oai(
        path = "/assistants/:id/identity-secret/rotate",
        method = "post",
        operation_id = "rotateIdentitySecret"
    )]
    async fn rotate(
        &self,
        member: Member<Admin>,
        id: Path<AssistantId>,
    ) -> ApiResult<Json<IdentitySecretView>> {
        let secret = identity::generate();
        let mut tx = member.tx;
        if !repo::assistants::set_identity_secret(&mut tx, id.0, Some(&secret)).await? {
            return Err(ApiError::NotFound("assistant"));
        }
        tx.commit().await?;
        tracing::info!(assistant_id = %id.0, "identity secret rotated");
        Ok(Json(IdentitySecretView {
            secret: Some(secret),
        }))
    }

    /// Remove the identity secret: identity verification is off.
    #[oai(
        path = "/assistants/:id/identity-secret",
        method = "delete",
        operation_id = "removeIdentitySecret"
    )]
    async fn remove(
        &self,
        member: Member<Admin>,
        id: Path<AssistantId>,
    ) -> ApiResult<SecretRemoved> {
        let mut tx = member.tx;
        if !repo::assistants::set_identity_secret(&mut tx, id.0, None).await? {
            return Err(ApiError::NotFound("assistant"));
        }
        tx.commit().await?;
        tracing::info!(assistant_id = %id.0, "identity secret removed");
        Ok(SecretRemoved::NoContent)
    }
}
