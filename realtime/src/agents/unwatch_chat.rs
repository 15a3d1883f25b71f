//! `unwatch_chat {chatId}`: the transcript closed; stop its deltas.

use kremna_shared::{
    events::{WatchChatRequest, names, watch_room},
    ids::ChatId,
};
use serde_json::Value;
use socketioxide::extract::TryData;

use crate::respond::{Refusal, Responder};

pub async fn handle(TryData(data): TryData<Value>, responder: Responder) {
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
