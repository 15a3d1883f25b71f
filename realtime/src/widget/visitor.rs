//! The checks every visitor event on a chat passes (`send_message`, `request_human`,
//! `leave_email`), in this order: the socket may act on the chat (it started or resumed
//! it, or holds its visitor token), the assistant is still active and the page's origin
//! is still allowed, and the visitor is within the limits.

use std::net::IpAddr;

use kremna_shared::{
    chat::Opening,
    db::WidgetAssistant,
    domain::{AssistantStatus, identity::VisitorIdentity},
    error_code::ErrorCode,
    ids::{AssistantId, ChatId, TenantId},
    ratelimit::{Bucket, Decision, Limit},
    realtime::Adapter,
};
use socketioxide::extract::SocketRef;

use super::grants::Grants;
use crate::{
    client,
    respond::{Refusal, internal, unavailable},
    state::NodeState,
};

/// Where the chat the socket may act on belongs, and what its row is made of if this
/// event is the first to need one (`start_chat` stores none).
pub struct Authorised {
    pub tenant: TenantId,
    pub assistant: AssistantId,
    pub visitor: String,
    pub origin: Option<String>,
    /// The identity decided at `start_chat`, if the page passed one.
    pub identity: Option<std::sync::Arc<VisitorIdentity>>,
}

impl Authorised {
    /// The chat's row, should this event create it.
    pub fn opening(&self) -> Opening<'_> {
        Opening {
            assistant: self.assistant,
            visitor_id: &self.visitor,
            origin: self.origin.as_deref(),
            identity: self.identity.as_deref(),
        }
    }
}

/// The chat id of a visitor event. A malformed id is refused like a wrong one: nothing
/// to learn by probing.
pub fn chat_id(raw: &str) -> Result<ChatId, Refusal> {
    uuid::Uuid::parse_str(raw.trim())
        .map(ChatId::from_uuid)
        .map_err(|_| Refusal::chat_not_found())
}

/// The socket may act on `chat`: it started or resumed it, or `token` is the chat's
/// visitor token. Anything else is `chat_not_found`, like a chat that does not exist.
pub fn authorise(
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
            visitor: grant.visitor,
            origin: grant.origin,
            identity: grant.identity,
        });
    }
    token
        .and_then(|t| state.visitors.verify(t, chat))
        .map(|claims| Authorised {
            tenant: claims.tid,
            assistant: claims.aid,
            identity: claims
                .idn
                .as_ref()
                .and_then(|i| i.identity())
                .map(std::sync::Arc::new),
            visitor: claims.vid,
            origin: client::origin(socket.req_parts()),
        })
        .ok_or_else(Refusal::chat_not_found)
}

/// The assistant as it is NOW: still active, and the page still allowed by its current
/// list of origins (an origin removed from the list stops the visitor from the next
/// event on). Returns its public settings (handoff policy, offline message).
pub async fn current_assistant(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    who: &Authorised,
) -> Result<WidgetAssistant, Refusal> {
    let assistant = state
        .db
        .db()
        .widget_assistant(who.assistant)
        .await
        .map_err(internal)?
        .filter(|a| a.tenant_id == who.tenant)
        .ok_or_else(Refusal::chat_not_found)?;
    let origin = client::origin(socket.req_parts());
    if !assistant.allows_origin(origin.as_deref(), &state.config.platform_origin()) {
        tracing::info!(origin, assistant_id = %who.assistant, "origin no longer allowed");
        return Err(Refusal::new(
            ErrorCode::OriginNotAllowed,
            "This website is not allowed to use this assistant.",
        ));
    }
    if assistant.status != AssistantStatus::Active {
        return Err(Refusal::new(
            ErrorCode::AssistantPaused,
            "This assistant is not taking messages right now.",
        ));
    }
    Ok(assistant)
}

/// What an event costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// A message the assistant will answer: counted against the tenant's reply budget
    /// too.
    Message,
    /// A request that writes to the chat but asks for no reply (`request_human`,
    /// `leave_email`): counted with the visitor's messages, per chat and per address.
    Action,
}

/// Counts the event against each limit in turn and refuses at the first one spent;
/// a refused event counts only against the limits before it. From the narrowest to
/// the widest: the chat, the address, the address's share of the tenant's budget,
/// the tenant. So events refused for the address use none of the tenant's budget,
/// and one address cannot silence a workspace.
///
/// Redis is known to be gone: refused at once (limits cannot be counted, the event
/// could not be announced) instead of waiting on a dead connection.
pub async fn check_limits(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
    who: &Authorised,
    chat: ChatId,
    cost: Cost,
) -> Result<(), Refusal> {
    if !state.broadcaster.link().is_up() {
        return Err(Refusal::unavailable());
    }
    let ip: Option<IpAddr> = client::ip(socket.req_parts(), state.config.http.trust_proxy_headers);
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
        if cost == Cost::Message {
            checks.push((
                Bucket::TenantRepliesFromIp {
                    tenant: who.tenant,
                    ip,
                },
                Limit::per_minute(limits.tenant_replies_per_address()),
                "messages from this address to this assistant",
            ));
        }
    }
    if cost == Cost::Message {
        checks.push((
            Bucket::TenantReplies(who.tenant),
            Limit::per_minute(limits.tenant_replies_per_minute),
            "messages to this assistant right now",
        ));
    }
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
