//! `watch_chat {chatId}`: a dashboard opens a transcript and wants its streaming deltas.

use kremna_shared::{
    events::{WatchChatRequest, names, watch_room},
    ids::ChatId,
    repo,
};
use serde_json::Value;
use socketioxide::extract::{State, TryData};

use super::{AgentSession, access};
use crate::{
    payload,
    respond::{Refusal, Responder, internal},
    state::NodeState,
};

#[tracing::instrument(name = "watch_chat", skip_all, fields(tenant_id, chat_id))]
pub async fn handle(
    State(state): State<NodeState>,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    let socket = responder.socket().clone();
    let session = match access::guard(&state, &socket).await {
        Ok(session) => session,
        Err(code) => return access::refuse_and_end(responder, code, names::WATCH_CHAT),
    };
    tracing::Span::current().record("tenant_id", tracing::field::display(session.tenant));
    match chat_of_tenant(&state, &session, data.map_err(drop)).await {
        Ok(chat) => {
            socket.join(watch_room(chat));
            responder.ok(&serde_json::json!({ "chatId": chat }));
        }
        Err(refusal) => responder.refuse(&refusal, names::WATCH_CHAT),
    }
}

/// The chat, if it belongs to the socket's tenant (another tenant's looks missing).
async fn chat_of_tenant(
    state: &NodeState,
    session: &AgentSession,
    data: Result<Value, ()>,
) -> Result<ChatId, Refusal> {
    let data = data.map_err(|()| Refusal::invalid("The payload must be a JSON object."))?;
    let req: WatchChatRequest = serde_json::from_value(data)
        .map_err(|_| Refusal::invalid("`chatId` is missing or has the wrong type."))?;
    let chat = payload::uuid("chatId", &req.chat_id)
        .map(ChatId::from_uuid)
        .map_err(|_| Refusal::chat_not_found())?;
    tracing::Span::current().record("chat_id", tracing::field::display(chat));
    let mut tx = state.db.tenant(session.tenant).await.map_err(internal)?;
    let exists = repo::chats::get(&mut tx, chat)
        .await
        .map_err(internal)?
        .is_some();
    tx.commit().await.map_err(internal)?;
    exists.then_some(chat).ok_or_else(Refusal::chat_not_found)
}
