//! Connect middleware for `/agents`: verifies the access token and the current
//! membership before the socket exists.

use kremna_shared::{
    auth::{Agent, TokenError},
    db::SessionError,
    error_code::ErrorCode,
    realtime::Adapter,
};
use serde::Deserialize;
use serde_json::Value;
use socketioxide::extract::{SocketRef, State, TryData};

use super::AgentSession;
use crate::state::NodeState;

/// Why a dashboard connection was refused; its text (the error code) is the
/// `connect_error` message.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.as_str())]
pub struct AgentAuthError(pub ErrorCode);

#[derive(Deserialize)]
struct Auth {
    token: String,
}

#[tracing::instrument(name = "agents_connect", skip_all, fields(tenant_id, user_id))]
pub async fn authenticate(
    socket: SocketRef<Adapter>,
    State(state): State<NodeState>,
    TryData(auth): TryData<Value>,
) -> Result<(), AgentAuthError> {
    let token = auth
        .ok()
        .and_then(|v| serde_json::from_value::<Auth>(v).ok())
        .map(|a| a.token)
        .ok_or(AgentAuthError(ErrorCode::MissingToken))?;
    let claims = state.jwt.verify(&token).map_err(|err| match err {
        TokenError::Expired => AgentAuthError(ErrorCode::TokenExpired),
        TokenError::Invalid => AgentAuthError(ErrorCode::InvalidToken),
    })?;
    let span = tracing::Span::current();
    span.record("tenant_id", tracing::field::display(claims.tid));
    span.record("user_id", tracing::field::display(claims.sub));
    let tx = state
        .db
        .db()
        .member::<Agent>(&claims)
        .await
        .map_err(|err| match err {
            SessionError::Database(e) => {
                tracing::error!(%e, "membership check failed");
                AgentAuthError(ErrorCode::InternalError)
            }
            SessionError::NotMember | SessionError::Revoked | SessionError::Forbidden { .. } => {
                AgentAuthError(ErrorCode::InvalidToken)
            }
        })?;
    tx.commit()
        .await
        .map_err(|_| AgentAuthError(ErrorCode::InternalError))?;
    socket.extensions.insert(AgentSession {
        tenant: claims.tid,
        user: claims.sub,
        claims,
    });
    Ok(())
}
