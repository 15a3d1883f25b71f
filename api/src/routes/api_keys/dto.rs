use chrono::{DateTime, Utc};
use kremna_shared::{
    auth::{KeyAccess, KeyPermissions, Resource},
    ids::ApiKeyId,
    repo::api_keys::ApiKeyRecord,
};
use poem_openapi::{Enum, Object};
use serde::Deserialize;

use crate::error::ApiError;

/// What a key may do: read, or read and write.
#[derive(Enum, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename = "KeyAccess", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum KeyAccessDto {
    Read,
    Write,
}

/// What a key may do on one resource.
#[derive(Enum, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename = "KeyResourceAccess", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ResourceAccessDto {
    None,
    Read,
    Write,
}

impl From<KeyAccessDto> for KeyAccess {
    fn from(a: KeyAccessDto) -> Self {
        match a {
            KeyAccessDto::Read => KeyAccess::Read,
            KeyAccessDto::Write => KeyAccess::Write,
        }
    }
}

impl From<KeyAccess> for KeyAccessDto {
    fn from(a: KeyAccess) -> Self {
        match a {
            KeyAccess::Read => KeyAccessDto::Read,
            KeyAccess::Write => KeyAccessDto::Write,
        }
    }
}

impl From<Option<KeyAccess>> for ResourceAccessDto {
    fn from(a: Option<KeyAccess>) -> Self {
        match a {
            None => Self::None,
            Some(KeyAccess::Read) => Self::Read,
            Some(KeyAccess::Write) => Self::Write,
        }
    }
}

impl ResourceAccessDto {
    fn access(self) -> Option<KeyAccess> {
        match self {
            Self::None => None,
            Self::Read => Some(KeyAccess::Read),
            Self::Write => Some(KeyAccess::Write),
        }
    }
}

/// Per-resource exceptions to a key's `access`; absent resources follow `access`.
#[derive(Object, Deserialize, Clone, Default)]
#[oai(rename = "KeyResources")]
#[serde(deny_unknown_fields)]
pub struct KeyResourcesDto {
    pub assistants: Option<ResourceAccessDto>,
    pub chats: Option<ResourceAccessDto>,
    pub analytics: Option<ResourceAccessDto>,
    pub webhooks: Option<ResourceAccessDto>,
}

impl KeyResourcesDto {
    fn entries(&self) -> [(Resource, Option<ResourceAccessDto>); 4] {
        [
            (Resource::Assistants, self.assistants),
            (Resource::Chats, self.chats),
            (Resource::Analytics, self.analytics),
            (Resource::Webhooks, self.webhooks),
        ]
    }
}

/// A new API key.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKeyRequest {
    /// A name to tell keys apart ("Production backend").
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    ))]
    pub name: String,
    /// What the key may do on every resource; default `read`.
    pub access: Option<KeyAccessDto>,
    /// Exceptions per resource.
    pub resources: Option<KeyResourcesDto>,
    /// When the key stops working; never when absent. Must be in the future (a rule
    /// the schema cannot state: it moves with the clock).
    pub expires_at: Option<DateTime<Utc>>,
    /// Requests per minute for this key; the workspace default when absent.
    #[oai(validator(minimum(value = "1"), maximum(value = "100000")))]
    pub rate_limit_per_minute: Option<i32>,
}

impl CreateApiKeyRequest {
    pub fn permissions(&self) -> KeyPermissions {
        let mut permissions =
            KeyPermissions::uniform(self.access.unwrap_or(KeyAccessDto::Read).into());
        for (resource, level) in self.resources.clone().unwrap_or_default().entries() {
            if let Some(level) = level {
                permissions.resources.insert(resource, level.access());
            }
        }
        permissions
    }

    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), ApiError> {
        if self.name.trim().is_empty() {
            return Err(ApiError::validation("name", "must not be blank"));
        }
        if self.expires_at.is_some_and(|at| at <= now) {
            return Err(ApiError::validation("expires_at", "must be in the future"));
        }
        Ok(())
    }
}

/// Whether a key works.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename = "ApiKeyStatus", rename_all = "snake_case")]
pub enum ApiKeyStatus {
    Active,
    Expired,
    Revoked,
}

/// An API key as listed: never the secret.
#[derive(Object)]
#[oai(rename = "ApiKey", skip_serializing_if_is_none)]
pub struct ApiKeyView {
    pub id: ApiKeyId,
    pub name: String,
    /// The key's first characters (`kr_live_AbCd`), to tell keys apart.
    pub prefix: String,
    pub access: KeyAccessDto,
    /// What the key may do on each resource (after its exceptions).
    pub resources: KeyResourcesView,
    pub status: ApiKeyStatus,
    pub rate_limit_per_minute: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A key's effective access on each resource.
#[derive(Object)]
#[oai(rename = "KeyResourcesView")]
pub struct KeyResourcesView {
    pub assistants: ResourceAccessDto,
    pub chats: ResourceAccessDto,
    pub analytics: ResourceAccessDto,
    pub webhooks: ResourceAccessDto,
}

impl ApiKeyView {
    pub fn new(row: ApiKeyRecord, now: DateTime<Utc>) -> Self {
        let permissions = row.permissions();
        let status = if row.revoked_at.is_some() {
            ApiKeyStatus::Revoked
        } else if row.expires_at.is_some_and(|at| at <= now) {
            ApiKeyStatus::Expired
        } else {
            ApiKeyStatus::Active
        };
        Self {
            id: row.id,
            name: row.name,
            prefix: row.prefix,
            access: permissions.access.into(),
            resources: KeyResourcesView {
                assistants: permissions.on(Resource::Assistants).into(),
                chats: permissions.on(Resource::Chats).into(),
                analytics: permissions.on(Resource::Analytics).into(),
                webhooks: permissions.on(Resource::Webhooks).into(),
            },
            status,
            rate_limit_per_minute: row.rate_limit_per_minute,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            expires_at: row.expires_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// A key just made: the only time its secret is shown.
#[derive(Object)]
pub struct CreatedApiKey {
    /// The whole key (`kr_live_…`). Store it now: it cannot be shown again.
    pub secret: String,
    pub key: ApiKeyView,
}

#[derive(Object)]
pub struct ApiKeyList {
    pub data: Vec<ApiKeyView>,
}
