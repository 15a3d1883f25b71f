use chrono::{DateTime, Utc};
use kremna_shared::{domain::MemberRole, ids::UserId, repo::memberships::MemberRecord};
use poem_openapi::Object;
use serde::Deserialize;

/// A member of the workspace.
#[derive(Object)]
#[oai(rename = "Member")]
pub struct MemberView {
    pub user_id: UserId,
    pub email: String,
    pub full_name: String,
    pub role: MemberRole,
    pub joined_at: DateTime<Utc>,
}

impl From<MemberRecord> for MemberView {
    fn from(m: MemberRecord) -> Self {
        Self {
            user_id: m.user_id,
            email: m.email,
            full_name: m.full_name,
            role: m.role,
            joined_at: m.joined_at,
        }
    }
}

#[derive(Object)]
#[oai(rename = "MemberList")]
pub struct MemberList {
    pub data: Vec<MemberView>,
}

#[derive(Object, Deserialize)]
#[oai(rename = "ChangeRoleRequest")]
#[serde(deny_unknown_fields)]
pub struct ChangeRoleRequest {
    pub role: MemberRole,
}
