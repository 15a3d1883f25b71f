//! Authentication and authorization, resolved before a handler's body runs.
//!
//! `BearerAuth` checks the token (signature, algorithm, issuer, audience, expiry) as a
//! poem-openapi security scheme; `BearerAuth::session` then opens the tenant-scoped
//! transaction, re-reading the membership so a removed or demoted member is refused
//! at once. Handlers start with one line: `let mut tx = auth.session(&state, role).await?;`

use kremna_shared::{
    auth::{AccessClaims, JwtKeys},
    db::TenantTx,
    domain::MemberRole,
};
use poem::Request;
use poem_openapi::{SecurityScheme, auth::Bearer};

use crate::{error::ApiError, state::AppState};

/// A dashboard access token from `POST /auth/login`.
#[derive(SecurityScheme)]
#[oai(
    rename = "bearerAuth",
    ty = "bearer",
    bearer_format = "JWT",
    checker = "verify_bearer"
)]
pub struct BearerAuth(pub AccessClaims);

async fn verify_bearer(req: &Request, bearer: Bearer) -> poem::Result<AccessClaims> {
    let keys = req
        .data::<JwtKeys>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("JwtKeys missing from request data")))?;
    keys.verify(&bearer.token)
        .map_err(|err| ApiError::from(err).into())
}

impl BearerAuth {
    pub fn claims(&self) -> &AccessClaims {
        &self.0
    }

    /// Opens a transaction scoped to the token's tenant for a member with at least
    /// `required` role.
    pub async fn session(
        &self,
        state: &AppState,
        required: MemberRole,
    ) -> Result<TenantTx, ApiError> {
        Ok(state.db.member(self.0.tid, self.0.sub, required).await?)
    }
}
