//! `/workspace`: the workspace the token acts in (its name). Admins and owners rename it.

use kremna_shared::{
    auth::{Admin, Agent},
    domain::{AtField, text::WorkspaceName},
    ids::TenantId,
    repo::{self, tenants::TenantRecord},
};
use poem_openapi::{Object, OpenApi, payload::Json};
use serde::Deserialize;

use super::ApiTags;
use crate::{
    error::ApiResult,
    extract::{JsonBody, Member},
};

pub struct WorkspaceApi;

#[derive(Object)]
#[oai(rename = "WorkspaceSettings")]
pub struct WorkspaceSettingsView {
    pub id: TenantId,
    pub name: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<TenantRecord> for WorkspaceSettingsView {
    fn from(t: TenantRecord) -> Self {
        Self {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
        }
    }
}

#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateWorkspaceRequest {
    #[oai(validator(
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x1f\x7f-\x9f]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub name: String,
}

#[OpenApi(tag = "ApiTags::Workspace")]
impl WorkspaceApi {
    /// The workspace the token acts in.
    #[oai(path = "/workspace", method = "get", operation_id = "getWorkspace")]
    async fn get(&self, member: Member<Agent>) -> ApiResult<Json<WorkspaceSettingsView>> {
        let mut tx = member.tx;
        let row = repo::tenants::current(&mut tx).await?;
        tx.commit().await?;
        Ok(Json(row.into()))
    }

    /// Rename the workspace.
    #[oai(
        path = "/workspace",
        method = "patch",
        operation_id = "updateWorkspace"
    )]
    async fn update(
        &self,
        member: Member<Admin>,
        body: JsonBody<UpdateWorkspaceRequest>,
    ) -> ApiResult<Json<WorkspaceSettingsView>> {
        let name = WorkspaceName::parse(&body.0.name).at("name")?;
        let mut tx = member.tx;
        let row = repo::tenants::rename(&mut tx, &name).await?;
        tx.commit().await?;
        tracing::info!(tenant_id = %row.id, "workspace renamed");
        Ok(Json(row.into()))
    }
}
