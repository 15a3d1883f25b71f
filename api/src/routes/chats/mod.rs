//! `/chats`: a workspace's conversations and their transcripts.

mod cursor;
mod dto;

use kremna_shared::{
    auth::{Admin, Agent},
    db::TenantTx,
    ids::{AssistantId, ChatId},
    repo,
};
use poem_openapi::{ApiResponse, OpenApi, param::Query, payload::Json};

pub use dto::*;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{Caller, Path, name, res},
};

pub struct ChatsApi;

pub const DEFAULT_PAGE: u32 = 20;

#[derive(ApiResponse)]
pub enum ChatDeleted {
    /// Deleted, with its messages.
    #[oai(status = 204)]
    NoContent,
}

async fn page(
    tx: &mut TenantTx,
    assistant: Option<AssistantId>,
    cursor: Option<String>,
    limit: Option<u32>,
) -> ApiResult<ChatList> {
    let limit = limit.unwrap_or(DEFAULT_PAGE);
    let after = cursor.as_deref().map(cursor::decode).transpose()?;
    // One extra row tells whether another page exists.
    let mut rows = repo::chats::list(tx, assistant, after, limit + 1).await?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = has_more.then(|| rows.last()).flatten().map(|last| {
        cursor::encode(&repo::chats::ChatCursor {
            last_message_at: last.chat.last_message_at,
            id: last.chat.id,
        })
    });
    Ok(ChatList {
        data: rows.into_iter().map(ChatSummaryView::from).collect(),
        has_more,
        next_cursor,
    })
}

#[OpenApi(tag = "ApiTags::Chats")]
impl ChatsApi {
    /// List the workspace's chats, newest activity first.
    #[oai(path = "/chats", method = "get", operation_id = "listChats")]
    async fn list(
        &self,
        member: Caller<Agent, res::Chats>,
        /// Only this assistant's chats.
        assistant_id: Query<Option<AssistantId>>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 200))]
        cursor: Query<Option<String>>,
        /// Page size, 1–100 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<u32>>,
    ) -> ApiResult<Json<ChatList>> {
        let mut tx = member.tx;
        let list = page(&mut tx, assistant_id.0, cursor.0, limit.0).await?;
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
        #[oai(validator(max_length = 200))] cursor: Query<Option<String>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u32>>,
    ) -> ApiResult<Json<ChatList>> {
        let mut tx = member.tx;
        repo::assistants::get(&mut tx, assistant_id.0)
            .await?
            .ok_or(ApiError::NotFound("assistant"))?;
        let list = page(&mut tx, Some(assistant_id.0), cursor.0, limit.0).await?;
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
        tx.commit().await?;
        Ok(Json(ChatView::new(chat, messages)))
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
