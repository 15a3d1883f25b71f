//! `request_human`: the visitor asks for a person ("Talk to a person"). Allowed only when
//! the assistant's handoff policy lets visitors ask. The chat moves to `needs_human`
//! through the one state machine (`kremna_shared::chat::change_state`, stored in the
//! chat's history with the visitor as actor), the tenant's dashboards get
//! `chat_state_changed`, and the visitor `chat_state` — with the assistant's offline
//! message when no member has the dashboard open.

use kremna_shared::{
    chat::{HandoffError, Transition, change_state, open_chat},
    domain::ChatState,
    error_code::ErrorCode,
    events::{RequestHumanRequest, VisitorChatState, names},
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

#[tracing::instrument(name = "request_human", skip_all, fields(tenant_id, chat_id))]
pub async fn handle(
    State(state): State<NodeState>,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    let socket = responder.socket().clone();
    let result = request(&state, &socket, data).await;
    responder.respond(result, names::REQUEST_HUMAN);
}

fn not_allowed() -> Refusal {
    Refusal::new(
        ErrorCode::HandoffNotAllowed,
        "This assistant does not hand chats to people.",
    )
}

async fn request(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    data: Result<Value, ParserError>,
) -> Result<VisitorChatState, Refusal> {
    let req: RequestHumanRequest = payload::parse(data)?;
    let chat = visitor::chat_id(&req.chat_id)?;
    tracing::Span::current().record("chat_id", tracing::field::display(chat));
    let who = visitor::authorise(state, socket, chat, req.visitor_token.as_deref())?;
    tracing::Span::current().record("tenant_id", tracing::field::display(who.tenant));
    let assistant = visitor::current_assistant(state, socket, &who).await?;
    // Refused before it counts or writes anything; `change_state` checks it again under
    // the chat's lock.
    if !assistant.handoff_policy.visitor_may_ask() {
        return Err(not_allowed());
    }
    visitor::check_limits(state, socket, &who, chat, Cost::Action).await?;

    let mut tx = state.db.tenant(who.tenant).await.map_err(internal)?;
    // Asking for a person before writing still makes an inbox entry.
    let opened = open_chat(&mut tx, chat, &who.opening()).await?;
    let change = change_state(&mut tx, chat, Transition::VisitorRequest)
        .await
        .map_err(|err| match err {
            HandoffError::ChatNotFound => Refusal::chat_not_found(),
            HandoffError::NotAllowed => not_allowed(),
            other => internal(other),
        })?;
    // Already waiting for a person, or with one: say who answers now.
    let now = repo::chats::get(&mut tx, chat)
        .await
        .map_err(internal)?
        .ok_or_else(Refusal::chat_not_found)?;
    tx.commit().await.map_err(internal)?;

    if let Some(opened) = &opened {
        state.broadcaster.chat_opened(who.tenant, opened).await;
    }
    let offline = match &change {
        Some(change) => state
            .broadcaster
            .handoff_requested(change, &assistant.offline_message)
            .await
            .map(str::to_owned),
        None if now.state == ChatState::NeedsHuman => state
            .broadcaster
            .offline_notice(who.tenant, &assistant.offline_message)
            .await
            .map(str::to_owned),
        None => None,
    };
    Ok(VisitorChatState {
        chat_id: chat,
        state: now.state,
        agent_name: now
            .assignee_name
            .filter(|_| now.state == ChatState::Assigned),
        offline_message: offline,
    })
}
