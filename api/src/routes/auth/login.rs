use kremna_shared::{
    domain::{AtField, email::Email},
    error_code::ErrorCode,
    ids::{TenantId, UserId},
    ratelimit::{Bucket, Decision, Limit},
    repo,
};

use super::{LoginRequest, SessionView, WorkspaceView};
use crate::{error::ApiError, extract::client_ip, state::AppState};

const INVALID_CREDENTIALS: ApiError = ApiError::Unauthorized {
    code: ErrorCode::InvalidCredentials,
    message: "the e-mail or password is wrong",
};

/// Counts the attempt against both the e-mail's and the client's budgets (always both,
/// so one cannot be spent without the other noticing) and refuses when either is
/// spent. Counting happens before the password check, so guessing costs the same
/// whether it succeeds or not.
async fn limit_attempts(
    state: &AppState,
    email: &Email,
    ip: Option<std::net::IpAddr>,
) -> Result<(), ApiError> {
    let limits = state.config.login_limits;
    let per = |max| Limit {
        max,
        window: limits.window,
    };
    let mut checks = vec![(Bucket::LoginEmail(email), per(limits.per_email))];
    if let Some(ip) = ip {
        checks.push((Bucket::LoginIp(ip), per(limits.per_ip)));
    }
    let mut longest_wait = None;
    for (bucket, limit) in checks {
        match state.limiter.hit(bucket, limit).await {
            Ok(Decision::Allowed { .. }) => {}
            Ok(Decision::Limited { retry_after }) => {
                tracing::warn!(?bucket, "login attempts limited");
                longest_wait = longest_wait.max(Some(retry_after));
            }
            // Without the limiter, login would be open to unlimited guessing: fail closed.
            Err(err) => return Err(ApiError::Unavailable(err.into())),
        }
    }
    match longest_wait {
        Some(retry_after) => Err(ApiError::RateLimited { retry_after }),
        None => Ok(()),
    }
}

/// Checks an e-mail and password (with the attempt limits) and returns the account.
/// Login and accepting an invitation with an existing account both come through here.
pub(crate) async fn authenticate(
    state: &AppState,
    req: &poem::Request,
    email: &str,
    password: &str,
) -> Result<UserId, ApiError> {
    let email = Email::parse(email).at("email")?;
    let ip = client_ip(req, state.config.http.trust_proxy_headers);
    limit_attempts(state, &email, ip).await?;

    let mut tx = state.db.login(&email).await?;
    let credentials = repo::users::find_credentials(&mut tx).await?;
    let verified = state
        .hasher
        .verify(
            password,
            credentials.as_ref().map(|c| c.password_hash.as_str()),
        )
        .await;
    let Some(credentials) = credentials.filter(|_| verified) else {
        return Err(INVALID_CREDENTIALS);
    };
    drop(tx);
    if let Err(err) = state.limiter.reset(Bucket::LoginEmail(&email)).await {
        tracing::warn!(error = %err, "could not reset the login counter");
    }
    Ok(credentials.id)
}

/// A signed-in session for `user` in `tenant` (which must be one of their workspaces,
/// else `not_found`), with the role the database knows now.
pub(crate) async fn session(
    state: &AppState,
    user: UserId,
    tenant: Option<TenantId>,
) -> Result<SessionView, ApiError> {
    let mut tx = state.db.user(user).await?;
    let record = repo::users::current(&mut tx)
        .await?
        .ok_or(INVALID_CREDENTIALS)?;
    let workspaces = repo::memberships::workspaces(&mut tx).await?;
    tx.commit().await?;

    let chosen = match tenant {
        Some(wanted) => workspaces
            .iter()
            .find(|w| w.tenant_id == wanted)
            .ok_or(ApiError::NotFound("workspace"))?,
        None => workspaces.first().ok_or(ApiError::Forbidden(
            "this account does not belong to any workspace",
        ))?,
    };
    let issued = state
        .jwt
        .issue(record.id, chosen.tenant_id, chosen.role, record.token_version)
        .map_err(ApiError::internal)?;
    tracing::info!(user_id = %record.id, tenant_id = %chosen.tenant_id, "session issued");
    Ok(SessionView {
        access_token: issued.token,
        token_type: "Bearer".into(),
        expires_in: issued.expires_in.as_secs(),
        user: record.into(),
        tenant: WorkspaceView::from(chosen),
        workspaces: workspaces.iter().map(WorkspaceView::from).collect(),
    })
}

pub async fn login(
    state: &AppState,
    req: &poem::Request,
    body: LoginRequest,
) -> Result<SessionView, ApiError> {
    let user = authenticate(state, req, &body.email, &body.password).await?;
    session(state, user, body.tenant_id)
        .await
        .map_err(|err| match err {
            // Kept from before: naming a workspace the account is not in is a 403 here.
            ApiError::NotFound(_) => {
                ApiError::Forbidden("this account is not a member of that workspace")
            }
            other => other,
        })
}
