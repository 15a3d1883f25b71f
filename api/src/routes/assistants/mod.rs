//! `/assistants`: create, list, read, change and delete a workspace's assistants.
//! Reading needs any member; changing needs an admin (the `Member<_>` in each signature).

mod dto;
mod identity;

use kremna_shared::{
    auth::{Admin, Agent},
    ids::AssistantId,
    repo,
};
use poem::web::Data;
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

pub use dto::*;
pub use identity::AssistantIdentityApi;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{Caller, JsonBody, Path, res},
    state::AppState,
};

pub struct AssistantsApi;

#[derive(ApiResponse)]
pub enum CreatedAssistant {
    #[oai(status = 201)]
    Created(Json<AssistantView>),
}

#[derive(ApiResponse)]
pub enum Deleted {
    /// Deleted, with its chats and messages.
    #[oai(status = 204)]
    NoContent,
}

#[OpenApi(tag = "ApiTags::Assistants")]
impl AssistantsApi {
    /// List the workspace's assistants.
    #[oai(path = "/assistants", method = "get", operation_id = "listAssistants")]
    async fn list(
        &self,
        state: Data<&AppState>,
        member: Caller<Agent, res::Assistants>,
    ) -> ApiResult<Json<AssistantList>> {
        let mut tx = member.tx;
        let rows = repo::assistants::list(&mut tx).await?;
        tx.commit().await?;
        let public_url = &state.config.http.public_url;
        Ok(Json(AssistantList {
            data: rows
                .into_iter()
                .map(|a| AssistantView::new(a, public_url))
                .collect(),
        }))
    }

    /// Create an assistant.
    #[oai(
        path = "/assistants",
        method = "post",
        operation_id = "createAssistant"
    )]
    async fn create(
        &self,
        state: Data<&AppState>,
        member: Caller<Admin, res::Assistants>,
        body: JsonBody<CreateAssistantRequest>,
    ) -> ApiResult<CreatedAssistant> {
        let new = body.0.parse()?;
        let mut tx = member.tx;
        let created_by = tx.principal().user();
        let row = repo::assistants::create(&mut tx, &new, created_by).await?;
        tx.commit().await?;
        tracing::info!(assistant_id = %row.id, tenant_id = %row.tenant_id, "assistant created");
        Ok(CreatedAssistant::Created(Json(AssistantView::new(
            row,
            &state.config.http.public_url,
        ))))
    }

    /// Get an assistant.
    #[oai(
        path = "/assistants/:id",
        method = "get",
        operation_id = "getAssistant"
    )]
    async fn get(
        &self,
        state: Data<&AppState>,
        member: Caller<Agent, res::Assistants>,
        id: Path<AssistantId>,
    ) -> ApiResult<Json<AssistantView>> {
        let mut tx = member.tx;
        let row = repo::assistants::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("assistant"))?;
        tx.commit().await?;
        Ok(Json(AssistantView::new(row, &state.config.http.public_url)))
    }

    /// Change an assistant.
    ///
    /// Only the fields present change. Pausing (`status: paused`) makes the widget
    /// refuse new chats.
    #[oai(
        path = "/assistants/:id",
        method = "patch",
        operation_id = "updateAssistant"
    )]
    async fn update(
        &self,
        state: Data<&AppState>,
        member: Caller<Admin, res::Assistants>,
        id: Path<AssistantId>,
        body: JsonBody<UpdateAssistantRequest>,
    ) -> ApiResult<Json<AssistantView>> {
        let patch = body.0.parse()?;
        let mut tx = member.tx;
        let row = if patch.is_empty() {
            repo::assistants::get(&mut tx, id.0).await?
        } else {
            repo::assistants::update(&mut tx, id.0, &patch).await?
        }
        .ok_or(ApiError::NotFound("assistant"))?;
        tx.commit().await?;
        Ok(Json(AssistantView::new(row, &state.config.http.public_url)))
    }

    /// Delete an assistant, with its chats and messages.
    #[oai(
        path = "/assistants/:id",
        method = "delete",
        operation_id = "deleteAssistant"
    )]
    async fn delete(
        &self,
        member: Caller<Admin, res::Assistants>,
        id: Path<AssistantId>,
    ) -> ApiResult<Deleted> {
        let mut tx = member.tx;
        if !repo::assistants::delete(&mut tx, id.0).await? {
            return Err(ApiError::NotFound("assistant"));
        }
        tx.commit().await?;
        tracing::info!(assistant_id = %id.0, "assistant deleted");
        Ok(Deleted::NoContent)
    }
}
