//! `start_chat`: open a new chat with an assistant, or resume one with its visitor token.
//!
//! Opening stores nothing (issue 10): it mints the chat's id and the visitor token and
//! remembers on the socket what the row will be made of ([`Grant`]). The first visitor
//! event that writes to the chat creates it (`kremna_shared::chat::open_chat`), so an
//! opened-but-silent widget leaves no row, no inbox entry and no `chat.started` webhook.

use kremna_shared::{
    db::WidgetAssistant,
    domain::identity::{IdentityClaim, VisitorIdentity},
    domain::{AssistantStatus, ChatState},
    error_code::ErrorCode,
    events::{
        AssistantCard, ChatStarted, MessagePayload, StartChatRequest, ThemeCard, chat_room, names,
    },
    ids::{AssistantId, ChatId, MessageId},
    ratelimit::{Bucket, Decision, Limit},
    realtime::Adapter,
    repo::{self, chats::ChatRecord},
};
use std::collections::HashMap;

use serde_json::Value;
use socketioxide::{
    ParserError,
    extract::{SocketRef, State, TryData},
};

use super::{
    cursors::Cursors,
    grants::{Grant, Grants},
    identity,
};
use crate::{
    client, payload,
    respond::{Refusal, Responder, internal, unavailable},
    state::NodeState,
};

const VISITOR_ID_MAX: usize = 100;

#[tracing::instrument(
    name = "start_chat",
    skip_all,
    fields(tenant_id, assistant_id, chat_id)
)]
pub async fn handle(
    State(state): State<NodeState>,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    let socket = responder.socket().clone();
    let result = start(&state, &socket, data).await;
    if let Ok(started) = &result
        && let Err(err) = socket.emit(names::CHAT_STARTED, started)
    {
        tracing::debug!(%err, "chat_started not sent (client gone)");
    }
    responder.respond(result, names::START_CHAT);
}

async fn start(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    data: Result<Value, ParserError>,
) -> Result<ChatStarted, Refusal> {
    let req: StartChatRequest = payload::parse(data)?;
    let assistant_id = AssistantId::from_uuid(payload::uuid("assistantId", &req.assistant_id)?);
    let span = tracing::Span::current();
    span.record("assistant_id", tracing::field::display(assistant_id));
    let assistant = state
        .db
        .db()
        .widget_assistant(assistant_id)
        .await
        .map_err(internal)?
        .ok_or_else(|| Refusal::new(ErrorCode::AssistantNotFound, "There is no such assistant."))?;
    span.record("tenant_id", tracing::field::display(assistant.tenant_id));
    if assistant.status != AssistantStatus::Active {
        return Err(Refusal::new(
            ErrorCode::AssistantPaused,
            "This assistant is not taking chats right now.",
        ));
    }
    let parts = socket.req_parts();
    let origin = client::origin(parts);
    if !assistant.allows_origin(origin.as_deref(), &state.config.platform_origin()) {
        tracing::info!(origin, %assistant_id, "origin not allowed");
        return Err(Refusal::new(
            ErrorCode::OriginNotAllowed,
            "This website is not allowed to use this assistant.",
        ));
    }

    let (started, has_up_to, verified) = match req.chat_id {
        Some(chat_id) => {
            let from = ResumeFrom::parse(req.last_seq, req.last_message_id)?;
            let (started, has_up_to) =
                resume(state, socket, &assistant, &chat_id, req.visitor_token, from).await?;
            (started, has_up_to, None)
        }
        None => {
            let visitor_id = payload::short_text("visitorId", req.visitor_id, VISITOR_ID_MAX)?
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            let claim = identity::parse(req.identity)?;
            let ip = client::ip(parts, state.config.http.trust_proxy_headers);
            let (started, decided) = open(state, &assistant, visitor_id, ip, claim).await?;
            (started, 0, decided)
        }
    };
    span.record("chat_id", tracing::field::display(started.chat_id));

    socket.join(chat_room(started.chat_id));
    // What this socket now has: if the node later loses broadcasts, it replays from here.
    if let Some(cursors) = socket.extensions.get::<Cursors>() {
        cursors.advance(started.chat_id, assistant.tenant_id, has_up_to);
    }
    if let Some(grants) = socket.extensions.get::<Grants>() {
        grants.insert(
            started.chat_id,
            Grant {
                tenant: assistant.tenant_id,
                assistant: assistant.id,
                visitor: started.visitor_id.clone(),
                origin,
                identity: verified.map(std::sync::Arc::new),
            },
        );
    }
    Ok(started)
}

fn card(assistant: &WidgetAssistant) -> AssistantCard {
    AssistantCard {
        name: assistant.name.clone(),
        greeting: assistant.greeting.clone(),
        theme: ThemeCard::from(&assistant.theme.0),
        handoff_policy: assistant.handoff_policy,
    }
}

/// A new chat: an id and its visitor token, counted against the address's new chats.
/// No row yet; nothing is announced until the chat has something in it.
async fn open(
    state: &NodeState,
    assistant: &WidgetAssistant,
    visitor_id: String,
    ip: Option<std::net::IpAddr>,
    claim: Option<IdentityClaim>,
) -> Result<(ChatStarted, Option<VisitorIdentity>), Refusal> {
    if let Some(ip) = ip {
        let limit = Limit::per_hour(state.config.realtime.limits.chats_per_ip_per_hour);
        match state.limiter.hit(Bucket::ChatsFromIp(ip), limit).await {
            Ok(Decision::Allowed { .. }) => {}
            Ok(Decision::Limited { retry_after }) => {
                return Err(Refusal::rate_limited(
                    retry_after,
                    "new chats from this address",
                ));
            }
            // Redis is gone: say so, and that trying again shortly may work.
            Err(err) => return Err(unavailable(err)),
        }
    }

    let chat = ChatId::new();
    // The page's claim is decided now, against the assistant's current secret, and
    // travels with the grant and the token to whichever event creates the row.
    let decided = match claim {
        Some(claim) => {
            let mut tx = state
                .db
                .tenant(assistant.tenant_id)
                .await
                .map_err(internal)?;
            let decided = identity::decide(&mut tx, assistant.id, claim)
                .await
                .map_err(internal)?;
            tx.commit().await.map_err(internal)?;
            Some(decided)
        }
        None => None,
    };
    let visitor_token = state
        .visitors
        .issue_with(
            chat,
            assistant.tenant_id,
            assistant.id,
            &visitor_id,
            decided.as_ref(),
        )
        .map_err(internal)?;
    let started = ChatStarted {
        id: chat,
        chat_id: chat,
        assistant_id: assistant.id,
        visitor_id,
        visitor_token,
        resumed: false,
        assistant: card(assistant),
        messages: Vec::new(),
        typing: false,
        state: ChatState::Open,
        agent_name: None,
        offline_message: None,
        visitor_email: None,
    };
    Ok((started, decided))
}

async fn resume(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    assistant: &WidgetAssistant,
    chat_id: &str,
    visitor_token: Option<String>,
    from: ResumeFrom,
) -> Result<(ChatStarted, i64), Refusal> {
    // A malformed chat id is refused like a wrong one: nothing to learn by probing.
    let chat_id = uuid::Uuid::parse_str(chat_id.trim())
        .map(ChatId::from_uuid)
        .map_err(|_| Refusal::chat_not_found())?;
    let token = visitor_token.ok_or_else(Refusal::chat_not_found)?;
    let claims = state
        .visitors
        .verify(&token, chat_id)
        .filter(|c| c.aid == assistant.id && c.tid == assistant.tenant_id)
        .ok_or_else(Refusal::chat_not_found)?;

    // Join before reading what was missed: a reply that finishes between the read and
    // the join would otherwise be neither replayed nor received live. Something that
    // finishes after the join may arrive both ways; the widget keeps one per id.
    let room = chat_room(chat_id);
    socket.join(room.clone());
    let replay = read_missed(state, &claims, chat_id, from).await;
    if replay.is_err() {
        socket.leave(room);
    }
    let Some((chat, after_seq, missed, typing)) = replay? else {
        // Opened, never written to: the row comes with the first message. Answer like
        // an empty open chat.
        let started = ChatStarted {
            id: chat_id,
            chat_id,
            assistant_id: claims.aid,
            visitor_id: claims.vid,
            visitor_token: token,
            resumed: true,
            assistant: card(assistant),
            messages: Vec::new(),
            typing: false,
            state: ChatState::Open,
            agent_name: None,
            offline_message: None,
            visitor_email: None,
        };
        return Ok((started, 0));
    };
    // A visitor back while waiting for a person is told again whether anyone is there.
    let offline_message = match chat.state {
        ChatState::NeedsHuman => state
            .broadcaster
            .offline_notice(assistant.tenant_id, &assistant.offline_message)
            .await
            .map(str::to_owned),
        _ => None,
    };
    // The widget now has every final message up to the last one replayed.
    let has_up_to = missed
        .iter()
        .filter_map(|m| m.seq)
        .fold(after_seq, i64::max);
    let started = ChatStarted {
        id: chat_id,
        chat_id,
        assistant_id: chat.assistant_id,
        visitor_id: claims.vid,
        visitor_token: token,
        resumed: true,
        assistant: card(assistant),
        messages: missed,
        typing,
        state: chat.state,
        agent_name: chat
            .assignee_name
            .filter(|_| chat.state == ChatState::Assigned),
        offline_message,
        visitor_email: chat.visitor_email,
    };
    Ok((started, has_up_to))
}

/// Where a resume starts: after a seq (`lastSeq`), after the message the widget names
/// (`lastMessageId`, older widgets), or from the start.
enum ResumeFrom {
    Seq(i64),
    Message(MessageId),
    Start,
}

impl ResumeFrom {
    /// `lastSeq` wins: older widgets' `lastMessageId` is the newest message shown,
    /// which a reply missed while connected can sit below.
    fn parse(last_seq: Option<i64>, last_message_id: Option<String>) -> Result<Self, Refusal> {
        if let Some(seq) = last_seq {
            if seq < 0 {
                return Err(Refusal::invalid("lastSeq must be a non-negative integer."));
            }
            return Ok(Self::Seq(seq));
        }
        Ok(match last_message_id {
            Some(raw) => Self::Message(MessageId::from_uuid(payload::uuid("lastMessageId", &raw)?)),
            None => Self::Start,
        })
    }
}

/// What a resuming widget needs, read in one transaction: the chat (with who answers
/// it), where the replay starts, every final message after that, and whether a reply is
/// being written. `None` for a chat not created yet (nothing written to it); a chat an
/// admin deleted is `chat_not_found`.
async fn read_missed(
    state: &NodeState,
    claims: &kremna_shared::auth::VisitorClaims,
    chat_id: ChatId,
    from: ResumeFrom,
) -> Result<Option<(ChatRecord, i64, Vec<MessagePayload>, bool)>, Refusal> {
    let mut tx = state.db.tenant(claims.tid).await.map_err(internal)?;
    let Some(chat) = repo::chats::get(&mut tx, chat_id).await.map_err(internal)? else {
        if repo::deleted_chats::contains(&mut tx, chat_id)
            .await
            .map_err(internal)?
        {
            return Err(Refusal::chat_not_found());
        }
        return Ok(None);
    };
    let after_seq = match from {
        ResumeFrom::Seq(seq) => seq,
        ResumeFrom::Message(id) => repo::messages::get(&mut tx, id)
            .await
            .map_err(internal)?
            .filter(|m| m.chat_id == chat_id)
            .and_then(|m| m.seq)
            // An id we cannot place (unknown, or a reply still streaming): replay all.
            .unwrap_or(0),
        ResumeFrom::Start => 0,
    };
    let records = repo::messages::list_after(&mut tx, chat_id, after_seq)
        .await
        .map_err(internal)?;
    // A member's messages carry their name, replayed as when they were live.
    let names = if records.iter().any(|m| m.author_id.is_some()) {
        repo::users::display_names(&mut tx, chat_id)
            .await
            .map_err(internal)?
    } else {
        HashMap::new()
    };
    let missed = records
        .iter()
        .map(|m| MessagePayload {
            author_name: m.author_id.and_then(|id| names.get(&id).cloned()),
            ..MessagePayload::from(m)
        })
        .collect();
    let typing = repo::messages::reply_in_progress(&mut tx, chat_id)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    Ok(Some((chat, after_seq, missed, typing)))
}
