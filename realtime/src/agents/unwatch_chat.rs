//! `unwatch_chat {chatId}`: the transcript closed; stop its deltas.

use kremna_shared::{
    events::{WatchChatRequest, names, watch_room},
    ids::ChatId,
};
use serde_json::Value;
use socketioxide::extract::{State, TryData};

use super::access;
use crate::{
    respond::{Refusal, Responder},
    state::NodeState,
};

pub async fn handle(
    State(state): State<NodeState>,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    if let Err(code) = access::guard(&state, responder.socket()).await {
        return access::refuse_and_end(responder, code, names::UNWATCH_CHAT);
    }
    let chat = data
        .ok()
        .and_then(|v| serde_json::from_value::<WatchChatRequest>(v).ok())
        .and_then(|w| uuid::Uuid::parse_str(w.chat_id.trim()).ok())
        .map(ChatId::from_uuid);
    match chat {
        Some(chat) => {
            responder.socket().leave(watch_room(chat));
            responder.ok(&serde_json::json!({ "chatId": chat }));
        }
        None => responder.refuse(
            &Refusal::invalid("`chatId` must be a UUID."),
            names::UNWATCH_CHAT,
        ),
    }
}
