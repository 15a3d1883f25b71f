//! `send_message`: the visitor writes. The message and its reply job are stored in one
//! transaction (`kremna_shared::chat::post_message`) and then announced to the chat.

use kremna_shared::{
    chat::{Author, Post, post_message},
    domain::message::MessageContent,
    error_code::ErrorCode,
    events::{MessageSent, SendMessageRequest, names},
    ids::{AssistantId, ChatId, TenantId},
    ratelimit::{Bucket, Decision, Limit},
    realtime::Adapter,
};
use std::net::IpAddr;

use serde_json::Value;
use socketioxide::{
    ParserError,
    extract::{SocketRef, State, TryData},
};

use super::grants::Grants;
use crate::{
    client, payload,
    respond::{Refusal, Responder, internal, unavailable},
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

/// Where the chat the socket may write into belongs.
struct Authorised {
    tenant: TenantId,
    assistant: AssistantId,
}

fn authorise(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    chat: ChatId,
    token: Option<&str>,
) -> Result<Authorised, Refusal> {
    if let Some(grant) = socket
        .extensions
        .get::<Grants>()
        .and_then(|grants| grants.get(chat))
    {
        return Ok(Authorised {
            tenant: grant.tenant,
            assistant: grant.assistant,
        });
    }
    token
        .and_then(|t| state.visitors.verify(t, chat))
        .map(|claims| Authorised {
            tenant: claims.tid,
            assistant: claims.aid,
        })
        .ok_or_else(Refusal::chat_not_found)
}

/// The page must still be allowed by the assistant's CURRENT list of origins: an
/// origin removed from the list stops sending from the next message on.
async fn check_origin(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    who: &Authorised,
) -> Result<(), Refusal> {
    let assistant = state
        .db
        .db()
        .widget_assistant(who.assistant)
        .await
        .map_err(internal)?
        .filter(|a| a.tenant_id == who.tenant)
        .ok_or_else(Refusal::chat_not_found)?;
    let origin = client::origin(socket.req_parts());
    if assistant.allows_origin(origin.as_deref(), &state.config.platform_origin()) {
        Ok(())
    } else {
        tracing::info!(origin, assistant_id = %who.assistant, "origin no longer allowed");
        Err(Refusal::new(
            ErrorCode::OriginNotAllowed,
            "This website is not allowed to use this assistant.",
        ))
    }
}

/// Counts the message against each limit in turn and refuses at the first one spent;
/// a refused message counts only against the limits before it. From the narrowest to
/// the widest: the chat, the address, the address's share of the tenant's budget,
/// the tenant. So messages refused for the address use none of the tenant's budget,
/// and one address cannot silence a workspace.
async fn check_limits(
    state: &NodeState,
    who: &Authorised,
    chat: ChatId,
    ip: Option<IpAddr>,
) -> Result<(), Refusal> {
    let limits = state.config.realtime.limits;
    let mut checks = Vec::with_capacity(4);
    checks.push((
        Bucket::ChatMessages(chat),
        Limit::per_minute(limits.visitor_messages_per_minute),
        "messages",
    ));
    if let Some(ip) = ip {
        checks.push((
            Bucket::AddressMessages(ip),
            Limit::per_minute(limits.address_messages_per_minute),
            "messages from this address",
        ));
        checks.push((
            Bucket::TenantRepliesFromIp {
                tenant: who.tenant,
                ip,
            },
            Limit::per_minute(limits.tenant_replies_per_address()),
            "messages from this address to this assistant",
        ));
    }
    checks.push((
        Bucket::TenantReplies(who.tenant),
        Limit::per_minute(limits.tenant_replies_per_minute),
        "messages to this assistant right now",
    ));
    for (bucket, limit, what) in checks {
        match state.limiter.hit(bucket, limit).await {
            Ok(Decision::Allowed { .. }) => {}
            Ok(Decision::Limited { retry_after }) => {
                return Err(Refusal::rate_limited(retry_after, what));
            }
            Err(err) => return Err(unavailable(err)),
        }
    }
    Ok(())
}

async fn send(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    data: Result<Value, ParserError>,
) -> Result<MessageSent, Refusal> {
    let req: SendMessageRequest = payload::parse(data)?;
    let chat = ChatId::from_uuid(
        uuid::Uuid::parse_str(req.chat_id.trim()).map_err(|_| Refusal::chat_not_found())?,
    );
    tracing::Span::current().record("chat_id", tracing::field::display(chat));
    let content = MessageContent::parse(req.content)?;
    let client_message_id = payload::short_text(
        "clientMessageId",
        req.client_message_id,
        CLIENT_MESSAGE_ID_MAX,
    )?;
    let who = authorise(state, socket, chat, req.visitor_token.as_deref())?;
    tracing::Span::current().record("tenant_id", tracing::field::display(who.tenant));
    check_origin(state, socket, &who).await?;
    // Redis is known to be gone: refuse at once (limits cannot be counted, the message
    // could not be announced) instead of waiting on a dead connection.
    if !state.broadcaster.link().is_up() {
        return Err(Refusal::unavailable());
    }
    let ip = client::ip(socket.req_parts(), state.config.http.trust_proxy_headers);
    check_limits(state, &who, chat, ip).await?;

    let mut tx = state.db.tenant(who.tenant).await.map_err(internal)?;
    let posted = post_message(
        &mut tx,
        &Post {
            chat,
            author: Author::Visitor,
            content: &content,
            client_message_id: client_message_id.as_deref(),
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
