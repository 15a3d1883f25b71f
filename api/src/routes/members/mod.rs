//! `/members`: the workspace's team. Any member may list it; admins and owners change
//! roles and remove members, within the rules of [`rules`] (an admin never touches an
//! owner, nobody raises themselves, the last owner stays).

mod dto;
pub mod rules;

use kremna_shared::{
    auth::{
        Admin, Agent,
        revocation::{self, Revocation},
    },
    db::ActingTx,
    error_code::ErrorCode,
    ids::{TenantId, UserId},
    repo,
};
use poem::web::Data;
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

pub use dto::*;
use rules::{Actor, Change, Refusal, Target};

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{JsonBody, Member, Path},
    state::AppState,
};

/// Tells every realtime node that `user`'s membership of `tenant` changed. Best effort:
/// the nodes' periodic re-check catches a lost message within seconds.
async fn notify_sockets(state: &AppState, tenant: TenantId, user: UserId) {
    let _ = revocation::publish(
        &state.redis,
        &state.config.redis_prefix,
        Revocation::Member { tenant, user },
    )
    .await;
}

pub struct MembersApi;

#[derive(ApiResponse)]
pub enum Removed {
    /// Removed from the workspace; their account and other workspaces stay.
    #[oai(status = 204)]
    NoContent,
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Forbidden(message) => ApiError::Forbidden(message),
            Refusal::LastOwner => ApiError::Conflict {
                code: ErrorCode::LastOwner,
                message: "the workspace needs at least one owner; make someone else owner first",
            },
        }
    }
}

/// Locks the owners and the target, then checks `change` against the rules.
async fn checked(tx: &mut ActingTx, target: UserId, change: Change) -> Result<(), ApiError> {
    let principal = *tx.principal();
    let (Some(actor), Some(actor_role)) = (principal.user(), principal.member_role()) else {
        return Err(ApiError::Forbidden("only members manage members"));
    };
    // Owners first, then the target: every member change locks in this order.
    let owners = repo::memberships::lock_owners(tx).await?;
    let target_role = repo::memberships::lock_role(tx, target)
        .await?
        .ok_or(ApiError::NotFound("member"))?;
    // The actor's own role may have changed since the extractor read it.
    let actor_role = if actor == target {
        target_role
    } else {
        repo::memberships::lock_role(tx, actor)
            .await?
            .unwrap_or(actor_role)
    };
    rules::check(
        &Actor {
            user: actor,
            role: actor_role,
        },
        &Target {
            user: target,
            role: target_role,
        },
        change,
        owners.len(),
    )?;
    Ok(())
}

#[OpenApi(tag = "ApiTags::Members")]
impl MembersApi {
    /// List the workspace's members.
    #[oai(path = "/members", method = "get", operation_id = "listMembers")]
    async fn list(&self, member: Member<Agent>) -> ApiResult<Json<MemberList>> {
        let mut tx = member.tx;
        let rows = repo::memberships::list(&mut tx).await?;
        tx.commit().await?;
        Ok(Json(MemberList {
            data: rows.into_iter().map(MemberView::from).collect(),
        }))
    }

    /// Change a member's role.
    ///
    /// Admins manage admins and agents; only owners change owners or make someone an
    /// owner. Nobody raises their own role, and the last owner cannot step down
    /// (`last_owner`).
    #[oai(
        path = "/members/:id",
        method = "patch",
        operation_id = "changeMemberRole"
    )]
    async fn change_role(
        &self,
        state: Data<&AppState>,
        member: Member<Admin>,
        id: Path<UserId>,
        body: JsonBody<ChangeRoleRequest>,
    ) -> ApiResult<Json<MemberView>> {
        let mut tx = member.tx;
        let role = body.0.role;
        checked(&mut tx, id.0, Change::Role(role)).await?;
        repo::memberships::set_role(&mut tx, id.0, role).await?;
        let row = repo::memberships::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("member"))?;
        let tenant = tx.tenant_id();
        tx.commit().await?;
        // Open dashboard sockets re-check the role now, not at the next sweep.
        notify_sockets(&state, tenant, id.0).await;
        tracing::info!(user_id = %id.0, role = %role, "member role changed");
        Ok(Json(row.into()))
    }

    /// Remove a member from the workspace.
    ///
    /// Their account stays (and any other workspace they belong to). Admins remove
    /// admins and agents; only owners remove owners; the last owner stays.
    #[oai(
        path = "/members/:id",
        method = "delete",
        operation_id = "removeMember"
    )]
    async fn remove(
        &self,
        state: Data<&AppState>,
        member: Member<Admin>,
        id: Path<UserId>,
    ) -> ApiResult<Removed> {
        let mut tx = member.tx;
        checked(&mut tx, id.0, Change::Remove).await?;
        repo::memberships::remove(&mut tx, id.0).await?;
        let tenant = tx.tenant_id();
        tx.commit().await?;
        // The removed member's open dashboard sockets end now, not at the next sweep.
        notify_sockets(&state, tenant, id.0).await;
        tracing::info!(user_id = %id.0, "member removed");
        Ok(Removed::NoContent)
    }
}
