//! `send_message`: the visitor writes. The message and its reply job — and, for the
//! first message, the chat itself — are stored in one transaction
//! (`kremna_shared::chat::post_message`) and then announced (the new chat to the
//! dashboards first, then the message).

use kremna_shared::{
    chat::{Author, Post, post_message},
    domain::message::MessageContent,
    events::{MessageSent, SendMessageRequest, names},
    realtime::Adapter,
};

use serde_json::Value;
use socketioxide::{
    ParserError,
    extract::{SocketRef, State, TryData},
};

use super::visitor::{self, Cost};
use crate::{
    payload,
    respond::{Refusal, Responder, internal},
    state::NodeState,
};

const CLIENT_MESSAGE_ID_MAX: usize = 64;

#[tracing::instrument(name = "send_message", skip_all, fields(tenant_id, chat_id))]
pub async fn handle(
    State(state): State<NodeState>,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    let socket = responder.socket().clone();
    let result = send(&state, &socket, data).await;
    responder.respond(result, names::SEND_MESSAGE);
}

async fn send(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    data: Result<Value, ParserError>,
) -> Result<MessageSent, Refusal> {
    let req: SendMessageRequest = payload::parse(data)?;
    let chat = visitor::chat_id(&req.chat_id)?;
    tracing::Span::current().record("chat_id", tracing::field::display(chat));
    let content = MessageContent::parse(req.content)?;
    let client_message_id = payload::short_text(
        "clientMessageId",
        req.client_message_id,
        CLIENT_MESSAGE_ID_MAX,
    )?;
    let who = visitor::authorise(state, socket, chat, req.visitor_token.as_deref())?;
    tracing::Span::current().record("tenant_id", tracing::field::display(who.tenant));
    visitor::current_assistant(state, socket, &who).await?;
    visitor::check_limits(state, socket, &who, chat, Cost::Message).await?;

    let mut tx = state.db.tenant(who.tenant).await.map_err(internal)?;
    let posted = post_message(
        &mut tx,
        &Post {
            chat,
            author: Author::Visitor,
            content: &content,
            client_message_id: client_message_id.as_deref(),
            // The visitor's first message creates the chat.
            opening: Some(who.opening()),
        },
    )
    .await?;
    tx.commit().await.map_err(internal)?;

    state.broadcaster.posted(&posted).await;
    Ok(MessageSent {
        duplicate: !posted.created,
        message: posted.message,
    })
}
