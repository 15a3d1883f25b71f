//! The live dashboard namespace `/agents`. The connection carries an access token in
//! its auth payload; the socket joins its tenant's room and sees that tenant only.

use kremna_shared::{
    auth::TokenError,
    domain::MemberRole,
    events::{tenant_room, watch_room},
    ids::{ChatId, TenantId},
    realtime::Adapter,
    repo,
};
use serde::Deserialize;
use serde_json::Value;
use socketioxide::extract::{SocketRef, State, TryData};

use crate::{
    respond::{Refusal, Responder},
    state::NodeState,
};

/// Why a dashboard connection was refused; its text is the `connect_error` message.
#[derive(Debug, thiserror::Error)]
pub enum AgentAuthError {
    #[error("missing_token")]
    Missing,
    #[error("invalid_token")]
    Invalid,
    #[error("token_expired")]
    Expired,
    #[error("internal_error")]
    Internal,
}

#[derive(Deserialize)]
struct Auth {
    token: String,
}

/// The tenant a dashboard socket acts for.
#[derive(Clone, Copy)]
pub struct AgentSession {
    pub tenant: TenantId,
}

/// Connect middleware: verifies the token and the current membership.
pub async fn authenticate(
    socket: SocketRef<Adapter>,
    State(state): State<NodeState>,
    TryData(auth): TryData<Value>,
) -> Result<(), AgentAuthError> {
    let token = auth
        .ok()
        .and_then(|v| serde_json::from_value::<Auth>(v).ok())
        .map(|a| a.token)
        .ok_or(AgentAuthError::Missing)?;
    let claims = state.jwt.verify(&token).map_err(|err| match err {
        TokenError::Expired => AgentAuthError::Expired,
        TokenError::Invalid => AgentAuthError::Invalid,
    })?;
    let tx = state
        .db
        .member(claims.tid, claims.sub, MemberRole::Agent)
        .await
        .map_err(|err| match err {
            kremna_shared::db::SessionError::Database(e) => {
                tracing::error!(%e, "membership check failed");
                AgentAuthError::Internal
            }
            _ => AgentAuthError::Invalid,
        })?;
    tx.commit().await.map_err(|_| AgentAuthError::Internal)?;
    socket
        .extensions
        .insert(AgentSession { tenant: claims.tid });
    Ok(())
}

pub async fn on_connect(socket: SocketRef<Adapter>) {
    let Some(session) = socket.extensions.get::<AgentSession>() else {
        let _ = socket.disconnect();
        return;
    };
    socket.join(tenant_room(session.tenant));
    socket.on("watch_chat", watch);
    socket.on("unwatch_chat", unwatch);
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WatchChat {
    chat_id: String,
}

async fn chat_of_tenant(
    state: &NodeState,
    tenant: TenantId,
    data: Value,
) -> Result<ChatId, Refusal> {
    let req: WatchChat = serde_json::from_value(data)
        .map_err(|_| Refusal::invalid("`chatId` is missing or has the wrong type."))?;
    let chat = uuid::Uuid::parse_str(&req.chat_id)
        .map(ChatId::from_uuid)
        .map_err(|_| Refusal::chat_not_found())?;
    let mut tx = state.db.tenant(tenant).await.map_err(|e| {
        tracing::error!(%e, "watch_chat failed");
        Refusal::internal()
    })?;
    let exists = repo::chats::get(&mut tx, chat)
        .await
        .map_err(|e| {
            tracing::error!(%e, "watch_chat failed");
            Refusal::internal()
        })?
        .is_some();
    let _ = tx.commit().await;
    exists.then_some(chat).ok_or_else(Refusal::chat_not_found)
}

async fn watch(
    State(state): State<NodeState>,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    let socket = responder.socket().clone();
    let Some(session) = socket.extensions.get::<AgentSession>() else {
        return responder.refuse(&Refusal::chat_not_found(), "watch_chat");
    };
    let result = match data {
        Ok(data) => chat_of_tenant(&state, session.tenant, data).await,
        Err(_) => Err(Refusal::invalid("The payload must be a JSON object.")),
    };
    match result {
        Ok(chat) => {
            socket.join(watch_room(chat));
            responder.ok(&serde_json::json!({ "chatId": chat }));
        }
        Err(refusal) => responder.refuse(&refusal, "watch_chat"),
    }
}

async fn unwatch(TryData(data): TryData<Value>, responder: Responder) {
    let chat = data
        .ok()
        .and_then(|v| serde_json::from_value::<WatchChat>(v).ok())
        .and_then(|w| uuid::Uuid::parse_str(&w.chat_id).ok())
        .map(ChatId::from_uuid);
    match chat {
        Some(chat) => {
            responder.socket().leave(watch_room(chat));
            responder.ok(&serde_json::json!({ "chatId": chat }));
        }
        None => responder.refuse(
            &Refusal::invalid("`chatId` must be a UUID."),
            "unwatch_chat",
        ),
    }
}
