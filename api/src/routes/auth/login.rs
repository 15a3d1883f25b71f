use kremna_shared::{
    domain::{AtField, email::Email},
    error_code::ErrorCode,
    ids::{TenantId, UserId},
    ratelimit::{Bucket, Decision, Limit},
    repo,
};

use super::{LoginRequest, SessionView, WorkspaceView};
use crate::{error::ApiError, extract::client_ip, state::AppState};

/// The longest password login accepts (as `LoginRequest` declares).
const MAX_PASSWORD_CHARS: usize = 1024;

const INVALID_CREDENTIALS: ApiError = ApiError::Unauthorized {
    code: ErrorCode::InvalidCredentials,
    message: "the e-mail or password is wrong",
};

/// Counts the attempt against the client's budgets, refusing when one is spent: tightly
/// per (e-mail, address) and loosely per address. The e-mail alone is never refused, so
/// an attacker cannot lock its owner out; instead, once it has many recent failures,
/// every attempt on it waits, longer with each failure (the attacker slows himself down;
/// the owner waits a few seconds once). Counting happens before the password check, so
/// guessing costs the same whether it succeeds or not.
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
    let mut checks = Vec::new();
    if let Some(ip) = ip {
        checks.push((
            Bucket::LoginEmailFromIp(email, ip),
            per(limits.per_email_and_ip),
        ));
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
    if let Some(retry_after) = longest_wait {
        return Err(ApiError::RateLimited { retry_after });
    }
    let failures = state
        .limiter
        .count(Bucket::LoginEmail(email))
        .await
        .map_err(|err| ApiError::Unavailable(err.into()))?;
    let delay = limits.delay_after(failures);
    if !delay.is_zero() {
        tracing::info!(failures, delay_ms = delay.as_millis(), "login slowed down");
        tokio::time::sleep(delay).await;
    }
    Ok(())
}

/// Counts a failed attempt on the e-mail (from any address), for the delays.
async fn count_failure(state: &AppState, email: &Email) {
    let limit = Limit {
        max: u32::MAX,
        window: state.config.login_limits.window,
    };
    if let Err(err) = state.limiter.hit(Bucket::LoginEmail(email), limit).await {
        tracing::warn!(error = %err, "could not count a failed login");
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
    // The spec's bound (`maxLength: 1024`): a longer password is a bad request, not a
    // wrong one, and is never hashed.
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(ApiError::validation(
            "password",
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
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
        count_failure(state, &email).await;
        return Err(INVALID_CREDENTIALS);
    };
    drop(tx);
    // The owner's own address starts afresh; the e-mail's failure count (which slows
    // an attacker elsewhere) runs out with its window.
    if let Some(ip) = ip
        && let Err(err) = state
            .limiter
            .reset(Bucket::LoginEmailFromIp(&email, ip))
            .await
    {
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
        .issue(
            record.id,
            chosen.tenant_id,
            chosen.role,
            record.token_version,
        )
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
