//! `leave_email`: the visitor leaves an address for a reply (the widget offers it while
//! a person was asked for and nobody is online). Kept on the chat (`visitor_email`,
//! shown to members with the chat) and announced to the tenant's dashboards.

use kremna_shared::{
    chat::open_chat,
    domain::email::Email,
    error_code::ErrorCode,
    events::{LeaveEmailRequest, VisitorEmailPayload, names},
    realtime::Adapter,
    repo,
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

#[tracing::instrument(name = "leave_email", skip_all, fields(tenant_id, chat_id))]
pub async fn handle(
    State(state): State<NodeState>,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    let socket = responder.socket().clone();
    let result = leave(&state, &socket, data).await;
    responder.respond(result, names::LEAVE_EMAIL);
}

async fn leave(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    data: Result<Value, ParserError>,
) -> Result<VisitorEmailPayload, Refusal> {
    let req: LeaveEmailRequest = payload::parse(data)?;
    let chat = visitor::chat_id(&req.chat_id)?;
    tracing::Span::current().record("chat_id", tracing::field::display(chat));
    let email =
        Email::parse(&req.email).map_err(|err| Refusal::invalid(format!("`email` {}.", err.0)))?;
    let who = visitor::authorise(state, socket, chat, req.visitor_token.as_deref())?;
    tracing::Span::current().record("tenant_id", tracing::field::display(who.tenant));
    let assistant = visitor::current_assistant(state, socket, &who).await?;
    // An address is only asked for when a person was; an assistant that never hands
    // off has no use for one.
    if !assistant.handoff_policy.visitor_may_ask() {
        return Err(Refusal::new(
            ErrorCode::HandoffNotAllowed,
            "This assistant does not hand chats to people.",
        ));
    }
    visitor::check_limits(state, socket, &who, chat, Cost::Action).await?;

    let mut tx = state.db.tenant(who.tenant).await.map_err(internal)?;
    let opened = open_chat(&mut tx, chat, &who.opening()).await?;
    if !repo::chats::set_visitor_email(&mut tx, chat, &email)
        .await
        .map_err(internal)?
    {
        return Err(Refusal::chat_not_found());
    }
    tx.commit().await.map_err(internal)?;
    tracing::info!("visitor left an e-mail address");

    if let Some(opened) = &opened {
        state.broadcaster.chat_opened(who.tenant, opened).await;
    }
    let left = VisitorEmailPayload {
        chat_id: chat,
        email: email.as_str().to_owned(),
    };
    state.broadcaster.visitor_email(who.tenant, &left).await;
    Ok(left)
}
