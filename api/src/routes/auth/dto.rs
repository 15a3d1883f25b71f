use chrono::{DateTime, Utc};
use kremna_shared::{
    domain::MemberRole,
    ids::{TenantId, UserId},
    repo::{memberships::Workspace, users::UserRecord},
};
use poem_openapi::Object;
use serde::Deserialize;

/// A new account with its own workspace.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    #[oai(validator(
        max_length = 254,
        pattern = r#"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}|[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f@<>()\[\],;:\"\\]{1,16})@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"#
    ))]
    pub email: String,
    /// 8 to 128 characters; a passphrase is welcome. Passwords that are easy to guess
    /// (common words, keyboard runs, the e-mail or name) are refused with
    /// `weak_password`: a strength estimate the schema cannot state.
    #[oai(validator(min_length = 8, max_length = 128), write_only)]
    pub password: String,
    // The original product's dashboard sent `fullName`; accepted for its clients.
    #[serde(alias = "fullName")]
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x1f\x7f-\x9f]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub full_name: String,
    /// The workspace's name; defaults to "<full name>'s workspace".
    #[serde(alias = "workspaceName")]
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x1f\x7f-\x9f]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub workspace_name: Option<String>,
}

#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[oai(validator(
        max_length = 254,
        pattern = r#"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}|[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f@<>()\[\],;:\"\\]{1,16})@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"#
    ))]
    pub email: String,
    #[oai(validator(max_length = 1024), write_only)]
    pub password: String,
    /// Which workspace to sign in to, when the account has several; defaults to the
    /// oldest membership.
    #[serde(alias = "tenantId")]
    pub tenant_id: Option<TenantId>,
}

#[derive(Object)]
#[oai(rename = "User")]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub full_name: String,
    pub created_at: DateTime<Utc>,
}

impl From<UserRecord> for UserView {
    fn from(u: UserRecord) -> Self {
        Self {
            id: u.id,
            email: u.email,
            full_name: u.full_name,
            created_at: u.created_at,
        }
    }
}

/// A workspace (tenant) and the user's role in it.
#[derive(Object, Clone)]
#[oai(rename = "Workspace")]
pub struct WorkspaceView {
    pub id: TenantId,
    pub name: String,
    pub role: MemberRole,
}

impl From<&Workspace> for WorkspaceView {
    fn from(w: &Workspace) -> Self {
        Self {
            id: w.tenant_id,
            name: w.tenant_name.clone(),
            role: w.role,
        }
    }
}

/// A signed-in session.
#[derive(Object)]
#[oai(rename = "Session")]
pub struct SessionView {
    /// Send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
    pub user: UserView,
    /// The workspace this token acts in.
    pub tenant: WorkspaceView,
    /// Every workspace of the user (log in with `tenant_id` to switch).
    pub workspaces: Vec<WorkspaceView>,
}

/// The signed-in user and the workspace the token acts in.
#[derive(Object)]
#[oai(rename = "Me")]
pub struct MeView {
    pub user: UserView,
    pub tenant: WorkspaceView,
    pub workspaces: Vec<WorkspaceView>,
    /// Where the live dashboard connects (Socket.IO namespace `/agents`).
    pub realtime_url: String,
}

/// Which of the user's workspaces to act in next.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwitchWorkspaceRequest {
    pub tenant_id: TenantId,
}

/// Changes to the signed-in user's own profile; only the fields present change.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateProfileRequest {
    #[oai(validator(
        max_length = 254,
        pattern = r#"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}|[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f@<>()\[\],;:\"\\]{1,16})@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"#
    ))]
    pub email: Option<String>,
    #[oai(validator(
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x1f\x7f-\x9f]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub full_name: Option<String>,
}

#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[oai(validator(max_length = 1024), write_only)]
    pub current_password: String,
    /// 8 to 128 characters; a passphrase is welcome. Passwords that are easy to guess
    /// (common words, keyboard runs, the e-mail or name) are refused with
    /// `weak_password`: a strength estimate the schema cannot state.
    #[oai(validator(max_length = 1024), write_only)]
    pub new_password: String,
}
