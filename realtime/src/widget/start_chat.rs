//! `start_chat`: open a new chat with an assistant, or resume one with its visitor token.

use kremna_shared::{
    db::WidgetAssistant,
    domain::{AssistantStatus, assistant::Theme},
    events::{ChatOpenedPayload, MessagePayload, chat_room, names},
    ids::{AssistantId, ChatId, MessageId},
    ratelimit::{Decision, bucket_for},
    realtime::{Adapter, Broadcaster, Io},
    repo::{
        self,
        chats::{ChatAccess, NewChat},
        messages::MessageRecord,
    },
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use socketioxide::{
    ParserError,
    extract::{SocketRef, State, TryData},
};

use super::{
    grants::{Grant, Grants},
    payload,
};
use crate::{
    client,
    respond::{Refusal, Responder},
    state::NodeState,
};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StartChat {
    assistant_id: String,
    visitor_id: Option<String>,
    chat_id: Option<String>,
    visitor_token: Option<String>,
    last_message_id: Option<String>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct ChatStarted {
    /// The chat id, under the original protocol's key.
    pub id: ChatId,
    pub chat_id: ChatId,
    pub assistant_id: AssistantId,
    pub visitor_id: String,
    pub visitor_token: String,
    pub resumed: bool,
    pub assistant: AssistantCard,
    /// On resume: every message after `lastMessageId`, in order.
    pub messages: Vec<MessagePayload>,
    /// A reply is being written right now.
    pub typing: bool,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct AssistantCard {
    pub name: String,
    pub greeting: String,
    pub theme: ThemeCard,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct ThemeCard {
    pub primary_color: String,
    pub position: kremna_shared::domain::assistant::LauncherPosition,
}

impl From<&Theme> for ThemeCard {
    fn from(t: &Theme) -> Self {
        Self {
            primary_color: t.primary_color.clone(),
            position: t.position,
        }
    }
}

const VISITOR_ID_MAX: usize = 100;

pub async fn handle(
    State(state): State<NodeState>,
    io: Io,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    let socket = responder.socket().clone();
    let result = start(&state, &io, &socket, data).await;
    if let Ok(started) = &result
        && let Err(err) = socket.emit(names::CHAT_STARTED, started)
    {
        tracing::debug!(%err, "chat_started not sent (client gone)");
    }
    responder.respond(result, "start_chat");
}

async fn start(
    state: &NodeState,
    io: &Io,
    socket: &SocketRef<Adapter>,
    data: Result<Value, ParserError>,
) -> Result<ChatStarted, Refusal> {
    let req: StartChat = payload::parse(data)?;
    let assistant_id = AssistantId::from_uuid(payload::uuid("assistantId", &req.assistant_id)?);
    let assistant = state
        .db
        .widget_assistant(assistant_id)
        .await
        .map_err(|err| {
            tracing::error!(%err, "assistant lookup failed");
            Refusal::internal()
        })?
        .ok_or_else(|| Refusal::new("assistant_not_found", "There is no such assistant."))?;
    if assistant.status != AssistantStatus::Active {
        return Err(Refusal::new(
            "assistant_paused",
            "This assistant is not taking chats right now.",
        ));
    }
    let parts = socket.req_parts();
    let origin = client::origin(parts);
    if !assistant.allows_origin(origin.as_deref(), &state.config.platform_origin()) {
        tracing::info!(origin, %assistant_id, "origin not allowed");
        return Err(Refusal::new(
            "origin_not_allowed",
            "This website is not allowed to use this assistant.",
        ));
    }

    let started = match req.chat_id {
        Some(chat_id) => {
            resume(
                state,
                socket,
                &assistant,
                &chat_id,
                req.visitor_token,
                req.last_message_id,
            )
            .await?
        }
        None => {
            let visitor_id = payload::short_text("visitorId", req.visitor_id, VISITOR_ID_MAX)?
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            let ip = client::ip(parts, state.config.http.trust_proxy_headers);
            open(state, io, &assistant, visitor_id, origin, ip).await?
        }
    };

    socket.join(chat_room(started.chat_id));
    if let Some(grants) = socket.extensions.get::<Grants>() {
        grants.insert(
            started.chat_id,
            Grant {
                tenant: assistant.tenant_id,
                assistant: assistant.id,
                visitor: started.visitor_id.clone(),
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
    }
}

async fn open(
    state: &NodeState,
    io: &Io,
    assistant: &WidgetAssistant,
    visitor_id: String,
    origin: Option<String>,
    ip: Option<std::net::IpAddr>,
) -> Result<ChatStarted, Refusal> {
    if let Some(ip) = ip {
        let limit = state.config.realtime.limits.chats_per_ip_per_hour;
        let bucket = bucket_for("chats:ip", &ip.to_string());
        match state
            .limiter
            .hit(&bucket, limit, std::time::Duration::from_secs(3600))
            .await
        {
            Ok(Decision::Allowed { .. }) => {}
            Ok(Decision::Limited { retry_after }) => {
                return Err(Refusal::rate_limited(
                    retry_after,
                    "new chats from this address",
                ));
            }
            Err(err) => {
                tracing::error!(%err, "rate limiter unavailable");
                return Err(Refusal::internal());
            }
        }
    }

    let tenant = assistant.tenant_id;
    let mut tx = state.db.tenant(tenant).await.map_err(internal)?;
    let chat = repo::chats::create(
        &mut tx,
        &NewChat {
            assistant: assistant.id,
            visitor_id: &visitor_id,
            origin: origin.as_deref(),
        },
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    tracing::info!(chat_id = %chat.id, tenant_id = %tenant, "chat started");

    Broadcaster::new(io.clone())
        .chat_opened(
            tenant,
            &ChatOpenedPayload {
                id: chat.id,
                assistant_id: chat.assistant_id,
                visitor_id: chat.visitor_id.clone(),
                origin: chat.origin.clone(),
                created_at: chat.created_at,
            },
        )
        .await;

    let visitor_token = state
        .visitors
        .issue(chat.id, tenant, assistant.id, &visitor_id)
        .map_err(internal)?;
    Ok(ChatStarted {
        id: chat.id,
        chat_id: chat.id,
        assistant_id: assistant.id,
        visitor_id,
        visitor_token,
        resumed: false,
        assistant: card(assistant),
        messages: Vec::new(),
        typing: false,
    })
}

async fn resume(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    assistant: &WidgetAssistant,
    chat_id: &str,
    visitor_token: Option<String>,
    last_message_id: Option<String>,
) -> Result<ChatStarted, Refusal> {
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
    let replay = read_missed(state, &claims, chat_id, last_message_id).await;
    if replay.is_err() {
        socket.leave(room);
    }
    let (access, missed, typing) = replay?;
    Ok(ChatStarted {
        id: chat_id,
        chat_id,
        assistant_id: access.assistant_id,
        visitor_id: claims.vid,
        visitor_token: token,
        resumed: true,
        assistant: card(assistant),
        messages: missed.iter().map(MessagePayload::from).collect(),
        typing,
    })
}

/// What a resuming widget needs, read in one transaction: the chat, every final
/// message after the one it last saw, and whether a reply is being written.
async fn read_missed(
    state: &NodeState,
    claims: &kremna_shared::auth::VisitorClaims,
    chat_id: ChatId,
    last_message_id: Option<String>,
) -> Result<(ChatAccess, Vec<MessageRecord>, bool), Refusal> {
    let mut tx = state.db.tenant(claims.tid).await.map_err(internal)?;
    let access = repo::chats::access(&mut tx, chat_id)
        .await
        .map_err(internal)?
        .ok_or_else(Refusal::chat_not_found)?;
    let after_seq = match last_message_id
        .as_deref()
        .map(|raw| payload::uuid("lastMessageId", raw))
        .transpose()?
    {
        Some(id) => repo::messages::get(&mut tx, MessageId::from_uuid(id))
            .await
            .map_err(internal)?
            .filter(|m| m.chat_id == chat_id)
            .and_then(|m| m.seq)
            // An id we cannot place (unknown, or a reply still streaming): replay all.
            .unwrap_or(0),
        None => 0,
    };
    let missed = repo::messages::list_after(&mut tx, chat_id, after_seq)
        .await
        .map_err(internal)?;
    let typing = repo::messages::reply_in_progress(&mut tx, chat_id)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    Ok((access, missed, typing))
}

/// Logs an internal failure where it happened and refuses opaquely.
pub fn internal(err: impl std::fmt::Display) -> Refusal {
    tracing::error!(error = %err, "widget request failed");
    Refusal::internal()
}
