//! `/chats`: a workspace's conversations and their transcripts.

pub(crate) mod cursor;
mod dto;

use chrono::{DateTime, Utc};
use kremna_shared::{
    auth::{Admin, Agent},
    chat::{self, Author, HandoffError, Post, PostError, StateChanged, Transition},
    db::TenantTx,
    domain::{ChatState, message::MessageContent},
    error_code::ErrorCode,
    ids::{AssistantId, ChatId, UserId},
    repo::{
        self,
        chats::{ChatFilter, ChatRecord, LinkedChat},
    },
};
use poem::web::Data;
use poem_openapi::{ApiResponse, OpenApi, param::Query, payload::Json};

pub use dto::*;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{Caller, JsonBody, Member, Path, name, res},
    state::AppState,
};

pub struct ChatsApi;

pub const DEFAULT_PAGE: u32 = 20;
/// How many of a verified user's other chats a chat view lists.
const LINKED_CHATS: u32 = 20;

#[derive(ApiResponse)]
pub enum ChatDeleted {
    /// Deleted, with its messages.
    #[oai(status = 204)]
    NoContent,
}

/// A page of chats; with `reader` (a signed-in member), each with that member's unread
/// count.
async fn page(
    tx: &mut TenantTx,
    filter: &ChatFilter,
    reader: Option<UserId>,
    after: Option<String>,
    limit: Option<u32>,
) -> ApiResult<ChatList> {
    let limit = limit.unwrap_or(DEFAULT_PAGE);
    let after = after.as_deref().map(cursor::decode).transpose()?;
    // One extra row tells whether another page exists.
    let mut rows = repo::chats::list(tx, filter, after, limit + 1).await?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = has_more.then(|| rows.last()).flatten().map(|last| {
        cursor::encode(&repo::chats::ChatCursor {
            last_message_at: last.chat.last_message_at,
            id: last.chat.id,
        })
    });
    let unread = match reader {
        Some(member) => {
            let ids: Vec<ChatId> = rows.iter().map(|r| r.chat.id).collect();
            Some(repo::chat_reads::unread_counts(tx, member, &ids).await?)
        }
        None => None,
    };
    let data = rows
        .into_iter()
        .map(|row| {
            let id = row.chat.id;
            ChatSummaryView {
                unread_count: unread
                    .as_ref()
                    .map(|counts| counts.get(&id).copied().unwrap_or(0)),
                ..ChatSummaryView::from(row)
            }
        })
        .collect();
    Ok(ChatList {
        data,
        has_more,
        next_cursor,
    })
}

#[derive(ApiResponse)]
pub enum AllRead {
    /// Every chat is read for this member.
    #[oai(status = 204)]
    NoContent,
}

#[derive(ApiResponse)]
pub enum PostedMessage {
    /// Stored and sent to the visitor.
    #[oai(status = 201)]
    Created(Json<AgentMessageView>),
    /// This `client_message_id` was stored before; nothing new happened.
    #[oai(status = 200)]
    Existing(Json<AgentMessageView>),
}

fn handoff_error(err: HandoffError) -> ApiError {
    match err {
        HandoffError::ChatNotFound => ApiError::NotFound("chat"),
        HandoffError::MemberNotFound => ApiError::NotFound("member"),
        HandoffError::Conflict(_) => ApiError::Conflict {
            code: ErrorCode::ChatStateConflict,
            message: "the chat's state does not allow this change",
        },
        HandoffError::AssignedElsewhere => ApiError::Conflict {
            code: ErrorCode::ChatAssignedElsewhere,
            message: "another member has this chat",
        },
        HandoffError::NotAllowed => ApiError::Conflict {
            code: ErrorCode::HandoffNotAllowed,
            message: "the assistant does not hand chats to people",
        },
        HandoffError::Database(err) => err.into(),
    }
}

/// Applies a handoff transition, commits, announces it, and answers the chat as it is
/// now.
async fn transition(
    state: &AppState,
    member: Member<Agent>,
    id: ChatId,
    transition: Transition,
) -> ApiResult<Json<ChatView>> {
    let mut tx = member.tx;
    let change: Option<StateChanged> = chat::change_state(&mut tx, id, transition)
        .await
        .map_err(handoff_error)?;
    let chat = repo::chats::get(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound("chat"))?;
    let messages = repo::messages::list_for_chat(&mut tx, id).await?;
    let history = repo::chat_events::list_for_chat(&mut tx, id).await?;
    let authors = repo::users::display_names(&mut tx, id).await?;
    let linked = linked_chats(&mut tx, &chat).await?;
    tx.commit().await?;
    if let Some(change) = &change {
        state.broadcaster.state_changed(change, None).await;
    }
    Ok(Json(ChatView::new(
        chat, messages, history, &authors, linked,
    )))
}

/// The same verified user's other chats. Linked by a verified identity only: an
/// unverified claim names whomever it likes.
async fn linked_chats(tx: &mut TenantTx, chat: &ChatRecord) -> Result<Vec<LinkedChat>, ApiError> {
    Ok(match (&chat.identity_user_id, chat.identity_verified) {
        (Some(user), true) => {
            repo::chats::verified_user_chats(tx, user, chat.id, LINKED_CHATS).await?
        }
        _ => Vec::new(),
    })
}

#[OpenApi(tag = "ApiTags::Chats")]
impl ChatsApi {
    /// List the workspace's chats, newest activity first.
    #[oai(path = "/chats", method = "get", operation_id = "listChats")]
    // One parameter per query filter: poem-openapi documents each from the signature.
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        member: Caller<Agent, res::Chats>,
        /// Only this assistant's chats.
        assistant_id: Query<Option<AssistantId>>,
        /// Only chats in this handoff state.
        state: Query<Option<ChatState>>,
        /// Only chats this member has.
        assignee_id: Query<Option<UserId>>,
        /// Only chats active at or after this time (RFC 3339).
        active_from: Query<Option<DateTime<Utc>>>,
        /// Only chats whose last activity is before this time (RFC 3339).
        active_to: Query<Option<DateTime<Utc>>>,
        /// Only chats whose visitor identity is verified (`true`), or not (`false`:
        /// an unverified claim, or no identity).
        verified: Query<Option<bool>>,
        /// Full-text search in message text, English and Turkish (`"a phrase"`, `or`,
        /// `-word`).
        #[oai(validator(min_length = 1, max_length = 200))]
        q: Query<Option<String>>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 200))]
        after: Query<Option<String>>,
        /// The old name of `after`, still accepted.
        #[oai(validator(max_length = 200), deprecated)]
        cursor: Query<Option<String>>,
        /// Page size, 1–100 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<Json<ChatList>> {
        let reader = member.principal().user();
        let mut tx = member.tx;
        let filter = ChatFilter {
            assistant: assistant_id.0,
            state: state.0,
            assignee: assignee_id.0,
            active_from: active_from.0,
            active_to: active_to.0,
            text: q.0.filter(|q| !q.trim().is_empty()),
            verified: verified.0,
        };
        let after = cursor::one_of(after.0, cursor.0)?;
        let list = page(&mut tx, &filter, reader, after, limit.0).await?;
        tx.commit().await?;
        Ok(Json(list))
    }

    /// List one assistant's chats (the original product's path).
    #[oai(
        path = "/chats/assistant/:assistantId",
        method = "get",
        operation_id = "listChatsByAssistant"
    )]
    async fn list_by_assistant(
        &self,
        member: Caller<Agent, res::Chats>,
        #[oai(name = "assistantId")] assistant_id: Path<AssistantId, name::AssistantId>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 200))]
        after: Query<Option<String>>,
        /// The old name of `after`, still accepted.
        #[oai(validator(max_length = 200), deprecated)]
        cursor: Query<Option<String>>,
        /// Page size, 1–100 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<Json<ChatList>> {
        let after = cursor::one_of(after.0, cursor.0)?;
        let reader = member.principal().user();
        let mut tx = member.tx;
        repo::assistants::get(&mut tx, assistant_id.0)
            .await?
            .ok_or(ApiError::NotFound("assistant"))?;
        let filter = ChatFilter {
            assistant: Some(assistant_id.0),
            ..ChatFilter::default()
        };
        let list = page(&mut tx, &filter, reader, after, limit.0).await?;
        tx.commit().await?;
        Ok(Json(list))
    }

    /// Get a chat with its messages, oldest first.
    #[oai(path = "/chats/:id", method = "get", operation_id = "getChat")]
    async fn get(
        &self,
        member: Caller<Agent, res::Chats>,
        id: Path<ChatId>,
    ) -> ApiResult<Json<ChatView>> {
        let mut tx = member.tx;
        let chat = repo::chats::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("chat"))?;
        let messages = repo::messages::list_for_chat(&mut tx, id.0).await?;
        let history = repo::chat_events::list_for_chat(&mut tx, id.0).await?;
        let authors = repo::users::display_names(&mut tx, id.0).await?;
        let linked = linked_chats(&mut tx, &chat).await?;
        tx.commit().await?;
        Ok(Json(ChatView::new(
            chat, messages, history, &authors, linked,
        )))
    }

    /// Take the chat over: from now on the assistant writes no reply in it (a reply
    /// being written stops) until it is handed back.
    #[oai(
        path = "/chats/:id/take-over",
        method = "post",
        operation_id = "takeOverChat"
    )]
    async fn take_over(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        id: Path<ChatId>,
    ) -> ApiResult<Json<ChatView>> {
        let actor = member.claims.sub;
        transition(&state, member, id.0, Transition::TakeOver { actor }).await
    }

    /// Give the chat to a member of the workspace (possibly oneself).
    #[oai(
        path = "/chats/:id/assign",
        method = "post",
        operation_id = "assignChat"
    )]
    async fn assign(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        id: Path<ChatId>,
        body: JsonBody<AssignChatRequest>,
    ) -> ApiResult<Json<ChatView>> {
        let actor = member.claims.sub;
        let to = body.0.member_id;
        transition(&state, member, id.0, Transition::Assign { actor, to }).await
    }

    /// Hand the chat back to the assistant.
    #[oai(
        path = "/chats/:id/hand-back",
        method = "post",
        operation_id = "handBackChat"
    )]
    async fn hand_back(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        id: Path<ChatId>,
    ) -> ApiResult<Json<ChatView>> {
        let actor = member.claims.sub;
        transition(&state, member, id.0, Transition::HandBack { actor }).await
    }

    /// Mark the chat resolved. A new visitor message opens it again.
    #[oai(
        path = "/chats/:id/resolve",
        method = "post",
        operation_id = "resolveChat"
    )]
    async fn resolve(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        id: Path<ChatId>,
    ) -> ApiResult<Json<ChatView>> {
        let actor = member.claims.sub;
        transition(&state, member, id.0, Transition::Resolve { actor }).await
    }

    /// How many chats have a visitor message the signed-in member has not read.
    #[oai(
        path = "/chats/unread",
        method = "get",
        operation_id = "countUnreadChats"
    )]
    async fn unread(&self, member: Member<Agent>) -> ApiResult<Json<UnreadSummary>> {
        let user = member.claims.sub;
        let mut tx = member.tx;
        let chats = repo::chat_reads::unread_chats(&mut tx, user).await?;
        tx.commit().await?;
        Ok(Json(UnreadSummary { chats }))
    }

    /// Mark the chat read by the signed-in member (up to `seq`, or all of it).
    #[oai(
        path = "/chats/:id/read",
        method = "post",
        operation_id = "markChatRead"
    )]
    async fn mark_read(
        &self,
        member: Member<Agent>,
        id: Path<ChatId>,
        body: JsonBody<MarkReadRequest>,
    ) -> ApiResult<Json<ChatReadView>> {
        let user = member.claims.sub;
        let mut tx = member.tx;
        let read_seq = repo::chat_reads::mark_read(&mut tx, user, id.0, body.0.seq)
            .await?
            .ok_or(ApiError::NotFound("chat"))?;
        tx.commit().await?;
        Ok(Json(ChatReadView { read_seq }))
    }

    /// Mark every chat read by the signed-in member: nothing that arrived before now
    /// counts as unread.
    #[oai(
        path = "/chats/read-all",
        method = "post",
        operation_id = "markAllChatsRead"
    )]
    async fn mark_all_read(&self, member: Member<Agent>) -> ApiResult<AllRead> {
        let user = member.claims.sub;
        let mut tx = member.tx;
        repo::chat_reads::mark_all_read(&mut tx, user).await?;
        tx.commit().await?;
        Ok(AllRead::NoContent)
    }

    /// Answer the visitor in person (role `agent`, with the member as author). A chat
    /// nobody has is taken over first, so the assistant stops answering; a chat another
    /// member has is refused (`chat_assigned_elsewhere`).
    #[oai(
        path = "/chats/:id/messages",
        method = "post",
        operation_id = "postAgentMessage"
    )]
    async fn post_message(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        id: Path<ChatId>,
        body: JsonBody<AgentMessageRequest>,
    ) -> ApiResult<PostedMessage> {
        let body = body.0;
        let content = MessageContent::parse(&body.content).map_err(|e| {
            ApiError::Validation(kremna_shared::domain::FieldError::new(
                "content",
                e.to_string(),
            ))
        })?;
        let actor = member.claims.sub;
        let mut tx = member.tx;
        let change = chat::change_state(&mut tx, id.0, Transition::TakeOver { actor })
            .await
            .map_err(handoff_error)?;
        let posted = chat::post_message(
            &mut tx,
            &Post {
                chat: id.0,
                author: Author::Member(actor),
                content: &content,
                client_message_id: body.client_message_id.as_deref(),
                opening: None,
            },
        )
        .await
        .map_err(|err| match err {
            PostError::ChatNotFound => ApiError::NotFound("chat"),
            PostError::AssistantPaused => ApiError::Conflict {
                code: ErrorCode::AssistantPaused,
                message: "the assistant is paused",
            },
            PostError::Database(err) => err.into(),
        })?;
        tx.commit().await?;
        if let Some(change) = &change {
            state.broadcaster.state_changed(change, None).await;
        }
        state.broadcaster.posted(&posted).await;
        let view = AgentMessageView::from(posted.message);
        Ok(if posted.created {
            PostedMessage::Created(Json(view))
        } else {
            PostedMessage::Existing(Json(view))
        })
    }

    /// Delete a chat and its messages.
    #[oai(path = "/chats/:id", method = "delete", operation_id = "deleteChat")]
    async fn delete(
        &self,
        member: Caller<Admin, res::Chats>,
        id: Path<ChatId>,
    ) -> ApiResult<ChatDeleted> {
        let mut tx = member.tx;
        if !repo::chats::delete(&mut tx, id.0).await? {
            return Err(ApiError::NotFound("chat"));
        }
        tx.commit().await?;
        tracing::info!(chat_id = %id.0, "chat deleted");
        Ok(ChatDeleted::NoContent)
    }
}
