use chrono::{DateTime, Utc};
use secrecy::SecretString;
use sqlx::types::Json;

use crate::{
    db::{RepoError, TenantTx},
    domain::{
        AssistantStatus, HandoffPolicy,
        assistant::{AssistantPatch, NewAssistant, Theme},
    },
    ids::{AssistantId, TenantId, UserId},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssistantRecord {
    pub id: AssistantId,
    pub tenant_id: TenantId,
    pub name: String,
    pub description: String,
    pub model: String,
    pub instructions: String,
    pub temperature: f32,
    pub greeting: String,
    pub allowed_origins: Vec<String>,
    pub theme: Json<Theme>,
    pub status: AssistantStatus,
    pub handoff_policy: HandoffPolicy,
    pub offline_message: String,
    /// Whether the assistant has an identity secret (the secret itself is read apart).
    pub identity_verification: bool,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, tenant_id, name, description, model, instructions, temperature, \
    greeting, allowed_origins, theme, status, handoff_policy, offline_message, created_by, \
    created_at, updated_at, identity_secret IS NOT NULL AS identity_verification";

fn origins(list: &[crate::domain::origin::Origin]) -> Vec<String> {
    list.iter().map(|o| o.as_str().to_owned()).collect()
}

/// The tenant's assistants, newest first.
pub async fn list(tx: &mut TenantTx) -> Result<Vec<AssistantRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM assistants WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC"
    )))
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn get(tx: &mut TenantTx, id: AssistantId) -> Result<Option<AssistantRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM assistants WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

pub async fn create(
    tx: &mut TenantTx,
    new: &NewAssistant,
    created_by: Option<UserId>,
) -> Result<AssistantRecord, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO assistants (tenant_id, id, name, description, model, instructions,
             temperature, greeting, allowed_origins, theme, status, created_by,
             handoff_policy, offline_message)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         RETURNING {COLUMNS}"
    )))
    .bind(tenant)
    .bind(AssistantId::new())
    .bind(new.name.as_str())
    .bind(new.description.as_str())
    .bind(new.model.as_str())
    .bind(new.instructions.as_str())
    .bind(new.temperature.value())
    .bind(new.greeting.as_str())
    .bind(origins(&new.allowed_origins))
    .bind(Json(&new.theme))
    .bind(new.status)
    .bind(created_by)
    .bind(new.handoff_policy)
    .bind(new.offline_message.as_str())
    .fetch_one(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// Applies `patch`; `None` when the tenant has no such assistant.
pub async fn update(
    tx: &mut TenantTx,
    id: AssistantId,
    patch: &AssistantPatch,
) -> Result<Option<AssistantRecord>, RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE assistants SET
             name = COALESCE($3, name),
             description = COALESCE($4, description),
             model = COALESCE($5, model),
             instructions = COALESCE($6, instructions),
             temperature = COALESCE($7, temperature),
             greeting = COALESCE($8, greeting),
             allowed_origins = COALESCE($9, allowed_origins),
             theme = COALESCE($10, theme),
             status = COALESCE($11, status),
             handoff_policy = COALESCE($12, handoff_policy),
             offline_message = COALESCE($13, offline_message),
             updated_at = now()
         WHERE tenant_id = $1 AND id = $2
         RETURNING {COLUMNS}"
    )))
    .bind(tenant)
    .bind(id)
    .bind(patch.name.as_ref().map(|v| v.as_str()))
    .bind(patch.description.as_ref().map(|v| v.as_str()))
    .bind(patch.model.as_ref().map(|v| v.as_str()))
    .bind(patch.instructions.as_ref().map(|v| v.as_str()))
    .bind(patch.temperature.map(|v| v.value()))
    .bind(patch.greeting.as_ref().map(|v| v.as_str()))
    .bind(patch.allowed_origins.as_deref().map(origins))
    .bind(patch.theme.as_ref().map(Json))
    .bind(patch.status)
    .bind(patch.handoff_policy)
    .bind(patch.offline_message.as_ref().map(|v| v.as_str()))
    .fetch_optional(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// Deletes the assistant with its chats and messages; false when there was none.
pub async fn delete(tx: &mut TenantTx, id: AssistantId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let result = sqlx::query("DELETE FROM assistants WHERE tenant_id = $1 AND id = $2")
        .bind(tenant)
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Each assistant's id, name and status: what reports label their figures with.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssistantLabel {
    pub id: AssistantId,
    pub name: String,
    pub status: AssistantStatus,
}

pub async fn labels(tx: &mut TenantTx) -> Result<Vec<AssistantLabel>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(
        sqlx::query_as("SELECT id, name, status FROM assistants WHERE tenant_id = $1")
            .bind(tenant)
            .fetch_all(tx.conn())
            .await?,
    )
}

/// An assistant's identity secret: `None` when there is no such assistant, `Some(None)`
/// when it has none (identity verification off). Never part of [`AssistantRecord`]:
/// records get logged and debug-printed.
pub async fn identity_secret(
    tx: &mut TenantTx,
    id: AssistantId,
) -> Result<Option<Option<SecretString>>, RepoError> {
    let tenant = tx.tenant_id();
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT identity_secret FROM assistants WHERE tenant_id = $1 AND id = $2")
            .bind(tenant)
            .bind(id)
            .fetch_optional(tx.conn())
            .await?;
    Ok(row.map(|(secret,)| secret.map(SecretString::from)))
}

/// Replaces (or, with `None`, removes) the identity secret. False when there is no such
/// assistant.
pub async fn set_identity_secret(
    tx: &mut TenantTx,
    id: AssistantId,
    secret: Option<&str>,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query(
        "UPDATE assistants SET identity_secret = $3, updated_at = now()
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .bind(secret)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}
