use kremna_shared::{
    domain::{
        AtField, FieldError, MemberRole,
        email::Email,
        password::NewPassword,
        text::{FullName, WorkspaceName},
    },
    error_code::ErrorCode,
    ids::{TenantId, UserId},
    ratelimit::{Bucket, Decision, Limit},
    repo::{self, memberships::Workspace},
};

use super::{RegisterRequest, SessionView, WorkspaceView};
use crate::{error::ApiError, extract::client_ip, state::AppState};

struct Registration {
    email: Email,
    password: NewPassword,
    full_name: FullName,
    workspace: WorkspaceName,
}

fn parse(body: RegisterRequest) -> Result<Registration, ApiError> {
    let email = Email::parse(&body.email).at("email")?;
    let password = NewPassword::parse(body.password).at("password")?;
    let full_name = FullName::parse(&body.full_name).at("full_name")?;
    let workspace = match body.workspace_name {
        Some(name) => WorkspaceName::parse(&name).at("workspace_name")?,
        None => {
            let default: String = format!("{}'s workspace", full_name.as_str())
                .chars()
                .take(WorkspaceName::MAX_CHARS)
                .collect();
            WorkspaceName::parse(&default).at("full_name")?
        }
    };
    password
        .check_strength(&[email.as_str(), full_name.as_str(), workspace.as_str()])
        .map_err(|err| ApiError::WeakPassword(FieldError::new("password", err.0)))?;
    Ok(Registration {
        email,
        password,
        full_name,
        workspace,
    })
}

/// Counts the registration against the client address's hourly budget.
async fn limit_registrations(state: &AppState, req: &poem::Request) -> Result<(), ApiError> {
    let Some(ip) = client_ip(req, state.config.http.trust_proxy_headers) else {
        return Ok(());
    };
    let limit = Limit::per_hour(state.config.login_limits.registrations_per_ip_per_hour);
    match state
        .limiter
        .hit(Bucket::RegistrationsFromIp(ip), limit)
        .await
    {
        Ok(Decision::Allowed { .. }) => Ok(()),
        Ok(Decision::Limited { retry_after }) => {
            tracing::warn!("registrations limited for a client address");
            Err(ApiError::RateLimited { retry_after })
        }
        Err(err) => Err(ApiError::Unavailable(err.into())),
    }
}

pub async fn register(
    state: &AppState,
    req: &poem::Request,
    body: RegisterRequest,
) -> Result<SessionView, ApiError> {
    let reg = parse(body)?;
    limit_registrations(state, req).await?;
    let hash = state
        .hasher
        .hash(&reg.password)
        .await
        .map_err(ApiError::internal)?;

    let (tenant_id, user_id) = (TenantId::new(), UserId::new());
    let mut tx = state.db.registration(tenant_id, user_id).await?;
    let tenant = repo::tenants::create(&mut tx, &reg.workspace).await?;
    let user = repo::users::create(&mut tx, user_id, &reg.email, &hash, &reg.full_name)
        .await
        .map_err(|err| {
            if err.is_conflict_on(repo::users::EMAIL_UNIQUE) {
                ApiError::Conflict {
                    code: ErrorCode::EmailTaken,
                    message: "an account with this e-mail already exists; sign in instead",
                }
            } else {
                err.into()
            }
        })?;
    repo::memberships::create(&mut tx, user_id, MemberRole::Owner).await?;
    tx.commit().await?;
    tracing::info!(tenant_id = %tenant_id, user_id = %user_id, "workspace registered");

    let workspace = Workspace {
        tenant_id,
        tenant_name: tenant.name,
        role: MemberRole::Owner,
        joined_at: tenant.created_at,
    };
    let issued = state
        .jwt
        .issue(user_id, tenant_id, MemberRole::Owner, user.token_version)
        .map_err(ApiError::internal)?;
    let view = WorkspaceView::from(&workspace);
    Ok(SessionView {
        access_token: issued.token,
        token_type: "Bearer".into(),
        expires_in: issued.expires_in.as_secs(),
        user: user.into(),
        tenant: view.clone(),
        workspaces: vec![view],
    })
}
