//! `/auth`: register, login, me, sign out (one token or everywhere).

mod dto;
pub(crate) mod login;
mod logout;
mod profile;
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

#[derive(ApiResponse)]
pub enum SignedOutResponse {
    /// Signed out: the token (or every token) is refused from now on, and open live
    /// dashboard connections that used it are closed within seconds.
    #[oai(status = 204)]
    SignedOut,
}

#[derive(ApiResponse)]
pub enum PasswordChanged {
    /// The password was changed.
    #[oai(status = 204)]
    NoContent,
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

    /// Sign out.
    ///
    /// Revokes the access token the request carries: it is refused from now on, by the
    /// API and by the live dashboard connection, which is closed within seconds.
    #[oai(path = "/auth/logout", method = "post", operation_id = "logout")]
    async fn logout(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
    ) -> ApiResult<SignedOutResponse> {
        logout::logout(&state, member).await?;
        Ok(SignedOutResponse::SignedOut)
    }

    /// Sign out everywhere.
    ///
    /// Revokes every access token of the signed-in user, in every workspace and on every
    /// device, issued until now (this one included).
    #[oai(path = "/auth/logout-all", method = "post", operation_id = "logoutAll")]
    async fn logout_all(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
    ) -> ApiResult<SignedOutResponse> {
        logout::logout_all(&state, member).await?;
        Ok(SignedOutResponse::SignedOut)
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
            realtime_url: state
                .config
                .realtime
                .public_url
                .as_str()
                .trim_end_matches('/')
                .to_owned(),
        }))
    }

    /// Switch to another of the user's workspaces.
    ///
    /// Answers a new session acting in that workspace, without signing in again. A
    /// workspace the user does not belong to answers `not_found`.
    #[oai(
        path = "/auth/switch",
        method = "post",
        operation_id = "switchWorkspace"
    )]
    async fn switch(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        body: JsonBody<SwitchWorkspaceRequest>,
    ) -> ApiResult<Json<SessionView>> {
        member.tx.commit().await?;
        login::session(&state, member.claims.sub, Some(body.0.tenant_id))
            .await
            .map(Json)
    }

    /// Change the signed-in user's name or e-mail.
    ///
    /// An e-mail another account uses answers `email_taken`.
    #[oai(path = "/auth/me", method = "patch", operation_id = "updateProfile")]
    async fn update_profile(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        body: JsonBody<UpdateProfileRequest>,
    ) -> ApiResult<Json<UserView>> {
        member.tx.commit().await?;
        profile::update(&state, member.claims.sub, body.0)
            .await
            .map(Json)
    }

    /// Change the signed-in user's password.
    ///
    /// The current password is required (`wrong_password` otherwise).
    #[oai(
        path = "/auth/me/password",
        method = "post",
        operation_id = "changePassword"
    )]
    async fn change_password(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        body: JsonBody<ChangePasswordRequest>,
    ) -> ApiResult<PasswordChanged> {
        member.tx.commit().await?;
        profile::change_password(&state, member.claims.sub, body.0).await?;
        Ok(PasswordChanged::NoContent)
    }
}
