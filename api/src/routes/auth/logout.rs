//! Server-side sign-out: one token (`logout`) or every token of the user
//! (`logout-all`). Both take effect at once on REST (the auth extractor re-checks on
//! every request) and are announced to the realtime nodes, which drop the affected
//! `/agents` sockets within moments.

use kremna_shared::{
    auth::{Agent, Revocation, revocation},
    repo,
};

use crate::{error::ApiError, extract::Member, state::AppState};

/// Revokes the token the request came with.
pub async fn logout(state: &AppState, member: Member<Agent>) -> Result<(), ApiError> {
    let Member { mut tx, claims, .. } = member;
    repo::revoked_tokens::revoke(&mut tx, claims.jti, claims.sub, claims.expires_at()).await?;
    tx.commit().await?;
    tracing::info!(user_id = %claims.sub, tenant_id = %claims.tid, "signed out");
    // Best effort: the nodes' periodic re-check catches it if the message is lost.
    let _ = revocation::publish(
        &state.redis,
        &state.config.redis_prefix,
        Revocation::Token {
            tenant: claims.tid,
            jti: claims.jti,
        },
    )
    .await;
    Ok(())
}

/// Revokes every token of the user, in every workspace, issued until now.
pub async fn logout_all(state: &AppState, member: Member<Agent>) -> Result<(), ApiError> {
    let Member { tx, claims, .. } = member;
    tx.commit().await?;
    let mut utx = state.db.user(claims.sub).await?;
    let version = repo::users::bump_token_version(&mut utx).await?;
    utx.commit().await?;
    tracing::info!(user_id = %claims.sub, version, "signed out everywhere");
    let _ = revocation::publish(
        &state.redis,
        &state.config.redis_prefix,
        Revocation::User { user: claims.sub },
    )
    .await;
    Ok(())
}
