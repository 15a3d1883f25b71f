//! `/invitations`: joining a workspace by link. Admins create (only owners may invite
//! owners), list and revoke pending invitations; the invitee's page previews one by its
//! token and accepts it with a new account or an existing one. A token works once,
//! until it expires or is revoked; the database keeps only its hash.

mod dto;

use chrono::Utc;
use kremna_shared::{
    auth::{
        Admin,
        invitation::{INVITATION_TTL, InvitationToken, hash_token},
    },
    db::InvitationPreview,
    domain::{AtField, email::Email, password::NewPassword, text::FullName},
    error_code::ErrorCode,
    ids::{InvitationId, UserId},
    repo::{self, invitations::NewInvitation},
};
use poem::{http::StatusCode, web::Data};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

pub use dto::*;

use super::{ApiTags, auth::SessionView, auth::login};
use crate::{
    error::{ApiError, ApiResult},
    extract::{JsonBody, Member, Path},
    state::AppState,
};

pub struct InvitationsApi;

const INVALID_INVITATION: ApiError = ApiError::Refused {
    status: StatusCode::NOT_FOUND,
    code: ErrorCode::InvitationInvalid,
    message: "this invitation link is unknown, expired, revoked or already used",
};

#[derive(ApiResponse)]
pub enum Created {
    #[oai(status = 201)]
    Created(Json<CreatedInvitationView>),
}

#[derive(ApiResponse)]
pub enum Revoked {
    /// Revoked: the link no longer works.
    #[oai(status = 204)]
    NoContent,
}

#[derive(ApiResponse)]
pub enum Joined {
    /// Joined; the session acts in the workspace just joined.
    #[oai(status = 201)]
    Created(Json<SessionView>),
}

async fn preview(state: &AppState, token: &str) -> Result<(Vec<u8>, InvitationPreview), ApiError> {
    let hash = hash_token(token);
    let found = state
        .db
        .invitation_preview(&hash)
        .await?
        .ok_or(INVALID_INVITATION)?;
    Ok((hash, found))
}

/// Joins `user` to the invitation's workspace, consuming it, in one transaction that
/// `create_user` may first use to create the account.
async fn join<F>(
    state: &AppState,
    token: &str,
    user: UserId,
    create_user: F,
) -> Result<SessionView, ApiError>
where
    F: AsyncFnOnce(&mut kremna_shared::db::ActingTx) -> Result<(), ApiError>,
{
    let (hash, found) = preview(state, token).await?;
    let mut tx = state.db.joining(&found, user).await?;
    create_user(&mut tx).await?;
    let role = repo::invitations::consume(&mut tx, &hash, user)
        .await?
        .ok_or(INVALID_INVITATION)?;
    repo::memberships::create(&mut tx, user, role)
        .await
        .map_err(|err| {
            if err.is_conflict_on(repo::memberships::MEMBERSHIP_KEY) {
                ApiError::Conflict {
                    code: ErrorCode::AlreadyMember,
                    message: "this account already belongs to the workspace",
                }
            } else {
                err.into()
            }
        })?;
    tx.commit().await?;
    tracing::info!(tenant_id = %found.tenant_id, user_id = %user, role = %role, "invitation accepted");
    login::session(state, user, Some(found.tenant_id)).await
}

#[OpenApi(tag = "ApiTags::Invitations")]
impl InvitationsApi {
    /// Invite someone by link.
    ///
    /// Answers the link once; only its hash is kept. It works once, for seven days,
    /// and grants `role` (only owners may invite owners).
    #[oai(
        path = "/invitations",
        method = "post",
        operation_id = "createInvitation"
    )]
    async fn create(
        &self,
        state: Data<&AppState>,
        member: Member<Admin>,
        body: JsonBody<CreateInvitationRequest>,
    ) -> ApiResult<Created> {
        let body = body.0;
        let email = body
            .email
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(|e| Email::parse(e).at("email"))
            .transpose()?;
        let mut tx = member.tx;
        let principal = *tx.principal();
        let allowed = principal
            .member_role()
            .is_some_and(|mine| mine.includes(body.role));
        if !allowed {
            return Err(ApiError::Forbidden(
                "you cannot invite with a role above your own",
            ));
        }
        let token = InvitationToken::generate();
        let row = repo::invitations::create(
            &mut tx,
            &NewInvitation {
                token_hash: &token.hash,
                role: body.role,
                email: email.as_ref(),
                created_by: principal.user(),
                expires_at: Utc::now() + INVITATION_TTL,
            },
        )
        .await?;
        tx.commit().await?;
        tracing::info!(invitation_id = %row.id, role = %row.role, "invitation created");
        let url = state
            .config
            .http
            .public_url
            .join(&format!("invite/{}", token.token))
            .map_err(ApiError::internal)?;
        Ok(Created::Created(Json(CreatedInvitationView {
            invitation: row.into(),
            token: token.token,
            url: url.to_string(),
        })))
    }

    /// List pending invitations (not used, revoked or expired).
    #[oai(
        path = "/invitations",
        method = "get",
        operation_id = "listInvitations"
    )]
    async fn list(&self, member: Member<Admin>) -> ApiResult<Json<InvitationList>> {
        let mut tx = member.tx;
        let rows = repo::invitations::list_pending(&mut tx).await?;
        tx.commit().await?;
        Ok(Json(InvitationList {
            data: rows.into_iter().map(InvitationView::from).collect(),
        }))
    }

    /// Revoke a pending invitation.
    ///
    /// Only owners revoke invitations for owners.
    #[oai(
        path = "/invitations/:id",
        method = "delete",
        operation_id = "revokeInvitation"
    )]
    async fn revoke(&self, member: Member<Admin>, id: Path<InvitationId>) -> ApiResult<Revoked> {
        let mut tx = member.tx;
        let mine = tx.principal().member_role();
        let row = repo::invitations::revoke(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("invitation"))?;
        if !mine.is_some_and(|m| m.includes(row.role)) {
            // Dropping the transaction rolls the revocation back.
            return Err(ApiError::Forbidden(
                "only owners revoke invitations for owners",
            ));
        }
        tx.commit().await?;
        tracing::info!(invitation_id = %id.0, "invitation revoked");
        Ok(Revoked::NoContent)
    }

    /// What an invitation link offers (no sign-in needed).
    #[oai(
        path = "/invitations/preview",
        method = "post",
        operation_id = "previewInvitation"
    )]
    async fn preview(
        &self,
        state: Data<&AppState>,
        body: JsonBody<InvitationTokenRequest>,
    ) -> ApiResult<Json<InvitationPreviewView>> {
        let (_, found) = preview(&state, &body.0.token).await?;
        Ok(Json(InvitationPreviewView {
            workspace_id: found.tenant_id,
            workspace_name: found.workspace_name,
            role: found.role,
            expires_at: found.expires_at,
        }))
    }

    /// Accept an invitation with a new account.
    ///
    /// Creates the account and joins the workspace in one step; answers a session.
    #[oai(
        path = "/invitations/accept/register",
        method = "post",
        operation_id = "acceptInvitationWithNewAccount"
    )]
    async fn accept_new(
        &self,
        state: Data<&AppState>,
        body: JsonBody<AcceptWithNewAccountRequest>,
    ) -> ApiResult<Joined> {
        let body = body.0;
        let email = Email::parse(&body.email).at("email")?;
        let password = NewPassword::parse(body.password).at("password")?;
        let full_name = FullName::parse(&body.full_name).at("full_name")?;
        // Refuse a dead link before spending a password hash on it.
        preview(&state, &body.token).await?;
        let hash = state
            .hasher
            .hash(&password)
            .await
            .map_err(ApiError::internal)?;
        let user = UserId::new();
        join(&state, &body.token, user, async |tx| {
            repo::users::create(tx, user, &email, &hash, &full_name)
                .await
                .map_err(|err| {
                    if err.is_conflict_on(repo::users::EMAIL_UNIQUE) {
                        ApiError::Conflict {
                            code: ErrorCode::EmailTaken,
                            message: "an account with this e-mail already exists; sign in to accept",
                        }
                    } else {
                        err.into()
                    }
                })?;
            Ok(())
        })
        .await
        .map(|s| Joined::Created(Json(s)))
    }

    /// Accept an invitation with an existing account.
    ///
    /// Checks the e-mail and password like login (same limits) and joins.
    #[oai(
        path = "/invitations/accept/login",
        method = "post",
        operation_id = "acceptInvitationWithAccount"
    )]
    async fn accept_existing(
        &self,
        state: Data<&AppState>,
        req: &poem::Request,
        body: JsonBody<AcceptWithAccountRequest>,
    ) -> ApiResult<Joined> {
        let body = body.0;
        preview(&state, &body.token).await?;
        let user = login::authenticate(&state, req, &body.email, &body.password).await?;
        join(&state, &body.token, user, async |_| Ok(()))
            .await
            .map(|s| Joined::Created(Json(s)))
    }
}
