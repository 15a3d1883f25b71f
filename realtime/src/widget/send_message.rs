//! `send_message`: the visitor writes. The message and its reply job are stored in one
//! transaction — either both exist or neither — and then announced to the chat.

use std::time::Duration;

use chrono::Utc;
use kremna_shared::{
    config::MAX_MESSAGE_CHARS,
    domain::{AssistantStatus, MessageRole, MessageStatus},
    events::MessagePayload,
    ids::{ChatId, TenantId},
    jobs::{ReplyJob, enqueue_reply},
    ratelimit::{Decision, bucket_for},
    realtime::{Adapter, Broadcaster, Io},
    repo::{self, messages::NewMessage},
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use socketioxide::{
    ParserError,
    extract::{SocketRef, State, TryData},
};

use super::{grants::Grants, payload, start_chat::internal};
use crate::{
    respond::{Refusal, Responder},
    state::NodeState,
};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SendMessage {
    chat_id: String,
    content: String,
    visitor_token: Option<String>,
    client_message_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Sent {
    message: MessagePayload,
    /// True when this `clientMessageId` had been stored before: nothing new happened.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    duplicate: bool,
}

const CLIENT_MESSAGE_ID_MAX: usize = 64;

pub async fn handle(
    State(state): State<NodeState>,
    io: Io,
    TryData(data): TryData<Value>,
    responder: Responder,
) {
    let socket = responder.socket().clone();
    let result = send(&state, &io, &socket, data).await;
    responder.respond(result, "send_message");
}

/// Who may write into the chat, and as which visitor.
struct Authorised {
    tenant: TenantId,
    visitor: String,
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
            visitor: grant.visitor,
        });
    }
    token
        .and_then(|t| state.visitors.verify(t, chat))
        .map(|claims| Authorised {
            tenant: claims.tid,
            visitor: claims.vid,
        })
        .ok_or_else(Refusal::chat_not_found)
}

fn parse_content(content: String) -> Result<String, Refusal> {
    if content.trim().is_empty() {
        return Err(Refusal::new("message_empty", "The message is empty."));
    }
    let chars = content.chars().count();
    if chars > MAX_MESSAGE_CHARS {
        return Err(Refusal::new(
            "message_too_long",
            format!(
                "Messages can be at most {MAX_MESSAGE_CHARS} characters (this one has {chars})."
            ),
        ));
    }
    Ok(content)
}

async fn check_limits(state: &NodeState, who: &Authorised) -> Result<(), Refusal> {
    let limits = state.config.realtime.limits;
    let minute = Duration::from_secs(60);
    let checks = [
        (
            bucket_for("msg:visitor", &format!("{}:{}", who.tenant, who.visitor)),
            limits.visitor_messages_per_minute,
            "messages",
        ),
        (
            format!("reply:tenant:{}", who.tenant),
            limits.tenant_replies_per_minute,
            "messages to this assistant right now",
        ),
    ];
    for (bucket, limit, what) in checks {
        match state.limiter.hit(&bucket, limit, minute).await {
            Ok(Decision::Allowed { .. }) => {}
            Ok(Decision::Limited { retry_after }) => {
                return Err(Refusal::rate_limited(retry_after, what));
            }
            Err(err) => return Err(internal(err)),
        }
    }
    Ok(())
}

async fn send(
    state: &NodeState,
    io: &Io,
    socket: &SocketRef<Adapter>,
    data: Result<Value, ParserError>,
) -> Result<Sent, Refusal> {
    let req: SendMessage = payload::parse(data)?;
    let chat = ChatId::from_uuid(
        uuid::Uuid::parse_str(req.chat_id.trim()).map_err(|_| Refusal::chat_not_found())?,
    );
    let content = parse_content(req.content)?;
    let client_message_id = payload::short_text(
        "clientMessageId",
        req.client_message_id,
        CLIENT_MESSAGE_ID_MAX,
    )?;
    let who = authorise(state, socket, chat, req.visitor_token.as_deref())?;
    check_limits(state, &who).await?;

    let mut tx = state.db.tenant(who.tenant).await.map_err(internal)?;
    let access = repo::chats::access(&mut tx, chat)
        .await
        .map_err(internal)?
        .ok_or_else(Refusal::chat_not_found)?;
    if access.assistant_status != AssistantStatus::Active {
        return Err(Refusal::new(
            "assistant_paused",
            "This assistant is not taking messages right now.",
        ));
    }
    let inserted = repo::messages::insert(
        &mut tx,
        &NewMessage {
            chat,
            role: MessageRole::User,
            content: &content,
            status: MessageStatus::Complete,
            client_message_id: client_message_id.as_deref(),
        },
    )
    .await
    .map_err(internal)?
    .ok_or_else(Refusal::chat_not_found)?;
    let message = MessagePayload::from(&inserted.message);
    if inserted.created {
        enqueue_reply(
            &mut tx,
            &ReplyJob {
                tenant_id: who.tenant,
                chat_id: chat,
                message_id: inserted.message.id,
                enqueued_at_us: Utc::now().timestamp_micros(),
            },
        )
        .await
        .map_err(internal)?;
    }
    tx.commit().await.map_err(internal)?;

    if inserted.created {
        Broadcaster::new(io.clone())
            .new_message(who.tenant, &message)
            .await;
    }
    Ok(Sent {
        message,
        duplicate: !inserted.created,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_rules() {
        assert_eq!(
            parse_content("  ".into()).unwrap_err().code,
            "message_empty"
        );
        assert!(parse_content("ş".repeat(4000)).is_ok());
        assert_eq!(
            parse_content("x".repeat(4001)).unwrap_err().code,
            "message_too_long"
        );
    }
}
