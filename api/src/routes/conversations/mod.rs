//! `/conversations`: the conversation API. A partner's backend runs a chat with an
//! assistant without the widget — starts it for one of its users, posts the user's
//! messages, and gets each reply streamed (Server-Sent Events) or as one JSON answer.
//! The chats are ordinary chats (`channel = 'api'`): the dashboard's inbox shows them
//! live, members can take them over, and the same limits apply.

mod cursor;
mod dto;
mod exchange;

use std::time::Duration;

use futures::{StreamExt, stream};
use kremna_shared::{
    auth::{Admin, Agent},
    domain::AssistantStatus,
    error_code::ErrorCode,
    events::ChatOpenedPayload,
    ids::{AssistantId, ChatId},
    realtime::FeedEvent,
    repo::{self, conversations::ConversationFilter},
};
use poem::{Request, web::Data};
use poem_openapi::{
    ApiResponse, OpenApi,
    param::Query,
    payload::{EventStream, Json},
};

pub use dto::*;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{Caller, JsonBody, Path, res},
    idempotency::IDEMPOTENCY_HEADER,
    state::AppState,
};

pub struct ConversationsApi;

const DEFAULT_PAGE: u32 = 20;
/// How long `POST …/messages` waits for the reply before answering `reply_pending`.
const JSON_WAIT: Duration = Duration::from_secs(60);
/// How long a reply stream stays open without its reply.
const STREAM_WAIT: Duration = Duration::from_secs(120);
/// A comment line this often keeps proxies from closing a quiet stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(ApiResponse)]
pub enum ConversationStarted {
    /// Started.
    #[oai(status = 201)]
    Created(Json<ConversationView>),
}

#[derive(ApiResponse)]
pub enum ExchangeAnswer {
    /// The message was stored (or had been, with this `client_message_id`); with the
    /// reply when it came in time.
    #[oai(status = 200)]
    Ok(Json<ExchangeView>),
}

type EventsStream = stream::BoxStream<'static, FeedEvent>;

fn idempotency_key(req: &Request) -> Option<String> {
    req.headers()
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

#[OpenApi(tag = "ApiTags::Conversations")]
impl ConversationsApi {
    /// Start a conversation between one of your users and an assistant.
    #[oai(
        path = "/conversations",
        method = "post",
        operation_id = "startConversation"
    )]
    async fn start(
        &self,
        state: Data<&AppState>,
        caller: Caller<Admin, res::Chats>,
        body: JsonBody<StartConversationRequest>,
    ) -> ApiResult<ConversationStarted> {
        let body = body.0;
        let user_id = body.user_id.trim();
        if user_id.is_empty() {
            return Err(ApiError::Validation(
                kremna_shared::domain::FieldError::new("user_id", "must not be blank"),
            ));
        }
        let mut tx = caller.tx;
        let assistant = repo::assistants::get(&mut tx, body.assistant_id)
            .await?
            .ok_or(ApiError::NotFound("assistant"))?;
        if assistant.status != AssistantStatus::Active {
            return Err(ApiError::Conflict {
                code: ErrorCode::AssistantPaused,
                message: "the assistant is paused",
            });
        }
        let conversation = repo::conversations::create(&mut tx, assistant.id, user_id).await?;
        let tenant = tx.tenant_id();
        tx.commit().await?;
        state
            .broadcaster
            .chat_opened(
                tenant,
                &ChatOpenedPayload {
                    id: conversation.id,
                    assistant_id: conversation.assistant_id,
                    visitor_id: conversation.user_id.clone(),
                    origin: None,
                    created_at: conversation.created_at,
                    identity: None,
                },
            )
            .await;
        Ok(ConversationStarted::Created(Json(conversation.into())))
    }

    /// List conversations, newest first.
    #[oai(
        path = "/conversations",
        method = "get",
        operation_id = "listConversations"
    )]
    async fn list(
        &self,
        caller: Caller<Agent, res::Chats>,
        /// Only this assistant's conversations.
        assistant_id: Query<Option<AssistantId>>,
        /// Only this end user's conversations.
        #[oai(validator(min_length = 1, max_length = 100))]
        user_id: Query<Option<String>>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 200, pattern = "^[A-Za-z0-9_-]+$"))]
        after: Query<Option<String>>,
        /// Page size, 1–100 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<Json<ConversationList>> {
        let limit = limit.0.unwrap_or(DEFAULT_PAGE);
        let before = after
            .0
            .as_deref()
            .map(cursor::decode_conversation)
            .transpose()?;
        let mut tx = caller.tx;
        let filter = ConversationFilter {
            assistant: assistant_id.0,
            user_id: user_id.0.as_deref(),
        };
        let mut rows = repo::conversations::list(&mut tx, &filter, before, limit + 1).await?;
        tx.commit().await?;
        let has_more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = has_more
            .then(|| rows.last())
            .flatten()
            .map(|last| cursor::encode_conversation(last.id));
        Ok(Json(ConversationList {
            data: rows.into_iter().map(ConversationView::from).collect(),
            has_more,
            next_cursor,
        }))
    }

    /// Get a conversation.
    #[oai(
        path = "/conversations/:id",
        method = "get",
        operation_id = "getConversation"
    )]
    async fn get(
        &self,
        caller: Caller<Agent, res::Chats>,
        id: Path<ChatId>,
    ) -> ApiResult<Json<ConversationView>> {
        let mut tx = caller.tx;
        let conversation = repo::conversations::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("conversation"))?;
        tx.commit().await?;
        Ok(Json(conversation.into()))
    }

    /// List a conversation's messages, oldest first (replies still being written are
    /// not listed until they are final).
    #[oai(
        path = "/conversations/:id/messages",
        method = "get",
        operation_id = "listConversationMessages"
    )]
    async fn messages(
        &self,
        caller: Caller<Agent, res::Chats>,
        id: Path<ChatId>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 200, pattern = "^[A-Za-z0-9_-]+$"))]
        after: Query<Option<String>>,
        /// Page size, 1–100 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<Json<ConversationMessageList>> {
        let limit = limit.0.unwrap_or(DEFAULT_PAGE);
        let after_seq = after
            .0
            .as_deref()
            .map(cursor::decode_message)
            .transpose()?
            .unwrap_or(0);
        let mut tx = caller.tx;
        repo::conversations::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("conversation"))?;
        let mut rows =
            repo::conversations::messages_page(&mut tx, id.0, after_seq, limit + 1).await?;
        tx.commit().await?;
        let has_more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = has_more
            .then(|| rows.last().and_then(|m| m.seq))
            .flatten()
            .map(cursor::encode_message);
        Ok(Json(ConversationMessageList {
            data: rows.iter().map(ConversationMessageView::from).collect(),
            has_more,
            next_cursor,
        }))
    }

    /// Post your user's message and wait for the reply (up to 60 s; then
    /// `reply_pending` is true and the reply appears in the messages list). No reply
    /// comes while a member of the workspace has the conversation.
    #[oai(
        path = "/conversations/:id/messages",
        method = "post",
        operation_id = "postConversationMessage"
    )]
    async fn post(
        &self,
        req: &Request,
        state: Data<&AppState>,
        caller: Caller<Admin, res::Chats>,
        id: Path<ChatId>,
        body: JsonBody<ConversationMessageRequest>,
    ) -> ApiResult<ExchangeAnswer> {
        let started = exchange::start(&state, caller, id.0, body.0, idempotency_key(req)).await?;
        let (started, reply) = exchange::wait_for_reply(started, JSON_WAIT).await;
        let reply_pending = reply.is_none() && started.expects_reply;
        Ok(ExchangeAnswer::Ok(Json(ExchangeView {
            message: ConversationMessageView::from(&started.message),
            reply: reply.as_ref().map(ConversationMessageView::from),
            reply_pending,
            state: started.state,
        })))
    }

    /// Post your user's message and stream the reply as Server-Sent Events: first the
    /// stored `message`, then `typing`, `delta`s and the final `message` (the reply),
    /// with `state` when a member takes over and `error` when the reply fails; the stream
    /// ends after the reply (or after 120 s without it).
    #[oai(
        path = "/conversations/:id/messages/stream",
        method = "post",
        operation_id = "streamConversationMessage"
    )]
    async fn stream(
        &self,
        req: &Request,
        state: Data<&AppState>,
        caller: Caller<Admin, res::Chats>,
        id: Path<ChatId>,
        body: JsonBody<ConversationMessageRequest>,
    ) -> ApiResult<EventStream<EventsStream>> {
        let started = exchange::start(&state, caller, id.0, body.0, idempotency_key(req)).await?;
        Ok(EventStream::new(exchange_events(started))
            .keep_alive(KEEP_ALIVE)
            .to_event(|event| {
                let name = event.name();
                poem::web::sse::Event::message(serde_json::to_string(&event).unwrap_or_default())
                    .event_type(name)
            }))
    }
}

/// The stored message, then the exchange's events up to and including its last one.
fn exchange_events(mut started: exchange::Started) -> EventsStream {
    let first = FeedEvent::Message(started.message.clone());
    if let Some(reply) = started.reply.take() {
        return stream::iter([first, FeedEvent::Message(reply)]).boxed();
    }
    if !started.expects_reply {
        return stream::iter([first]).boxed();
    }
    let deadline = tokio::time::Instant::now() + STREAM_WAIT;
    let rest = stream::unfold(Some(started), move |started| async move {
        let mut started = started?;
        let next = tokio::time::timeout_at(deadline, started.events.next()).await;
        let Ok(Some(event)) = next else {
            return None;
        };
        match started.step(&event) {
            exchange::Step::Last => Some((event, None)),
            exchange::Step::Continue => Some((event, Some(started))),
        }
    });
    stream::iter([first]).chain(rest).boxed()
}
