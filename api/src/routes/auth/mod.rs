//! `/auth`: register, login, me.

mod dto;
mod login;
mod register;

use kremna_shared::{auth::Agent, repo};
use poem::web::Data;
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

pub use dto::*;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{JsonBody, Member},
    state::AppState,
};

pub struct AuthApi;

#[derive(ApiResponse)]
pub enum RegisterResponse {
    /// The account and its workspace were created; the session is signed in.
    #[oai(status = 201)]
    Created(Json<SessionView>),
}

#[OpenApi(tag = "ApiTags::Auth")]
impl AuthApi {
    /// Create an account and its workspace.
    ///
    /// The new user owns the new workspace. The response is a signed-in session, as
    /// from login. Registrations are limited per client address and hour.
    #[oai(path = "/auth/register", method = "post", operation_id = "register")]
    async fn register(
        &self,
        state: Data<&AppState>,
        req: &poem::Request,
        body: JsonBody<RegisterRequest>,
    ) -> ApiResult<RegisterResponse> {
        register::register(&state, req, body.0)
            .await
            .map(|s| RegisterResponse::Created(Json(s)))
    }

    /// Sign in.
    ///
    /// A wrong e-mail and a wrong password get the same answer. Attempts are limited
    /// per e-mail and client address, and per client address (429); an e-mail with many
    /// recent failures is never locked, but every attempt on it is answered more slowly.
    #[oai(path = "/auth/login", method = "post", operation_id = "login")]
    async fn login(
        &self,
        state: Data<&AppState>,
        req: &poem::Request,
        body: JsonBody<LoginRequest>,
    ) -> ApiResult<Json<SessionView>> {
        login::login(&state, req, body.0).await.map(Json)
    }

    /// The signed-in user and workspace.
    #[oai(path = "/auth/me", method = "get", operation_id = "getMe")]
    async fn me(&self, state: Data<&AppState>, member: Member<Agent>) -> ApiResult<Json<MeView>> {
        // The extractor proved the membership exists and read the current role.
        let role = member.tx.principal().member_role().ok_or_else(|| {
            ApiError::internal(anyhow::anyhow!("a member session without a role"))
        })?;
        member.tx.commit().await?;

        let mut utx = state.db.user(member.claims.sub).await?;
        let user = repo::users::current(&mut utx)
            .await?
            .ok_or(ApiError::NotFound("user"))?;
        let workspaces = repo::memberships::workspaces(&mut utx).await?;
        utx.commit().await?;

        let tenant = workspaces
            .iter()
            .find(|w| w.tenant_id == member.claims.tid)
            .map(WorkspaceView::from)
            .map(|mut w| {
                w.role = role;
                w
            })
            .ok_or(ApiError::NotFound("workspace"))?;
        Ok(Json(MeView {
            user: user.into(),
            tenant,
            workspaces: workspaces.iter().map(WorkspaceView::from).collect(),
        }))
    }
}
