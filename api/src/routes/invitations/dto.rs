use chrono::{DateTime, Utc};
use kremna_shared::{
    domain::MemberRole,
    ids::{InvitationId, TenantId, UserId},
    repo::invitations::InvitationRecord,
};
use poem_openapi::Object;
use serde::Deserialize;

#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationRequest {
    /// The role the invitee gets. Only owners may invite owners.
    pub role: MemberRole,
    /// A note of whom it is for; not checked when the link is used.
    #[oai(validator(
        max_length = 254,
        pattern = r#"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}|[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f@<>()\[\],;:\"\\]{1,16})@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)?[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"#
    ))]
    pub email: Option<String>,
}

/// A pending invitation (its token is shown only once, at creation).
#[derive(Object)]
#[oai(rename = "Invitation", skip_serializing_if_is_none)]
pub struct InvitationView {
    pub id: InvitationId,
    pub role: MemberRole,
    pub email: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl From<InvitationRecord> for InvitationView {
    fn from(r: InvitationRecord) -> Self {
        Self {
            id: r.id,
            role: r.role,
            email: r.email,
            created_by: r.created_by,
            created_at: r.created_at,
            expires_at: r.expires_at,
        }
    }
}

/// A new invitation with its link. The token is not stored and cannot be shown again.
#[derive(Object)]
#[oai(rename = "CreatedInvitation")]
pub struct CreatedInvitationView {
    pub invitation: InvitationView,
    pub token: String,
    /// The page to send the invitee: `<public url>/invite/<token>`.
    pub url: String,
}

#[derive(Object)]
#[oai(rename = "InvitationList")]
pub struct InvitationList {
    pub data: Vec<InvitationView>,
}

#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationTokenRequest {
    #[oai(validator(max_length = 200))]
    pub token: String,
}

/// What the invitation page shows before the invitee accepts.
#[derive(Object)]
#[oai(rename = "InvitationPreview")]
pub struct InvitationPreviewView {
    pub workspace_id: TenantId,
    pub workspace_name: String,
    pub role: MemberRole,
    pub expires_at: DateTime<Utc>,
}

/// Accept with a new account.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptWithNewAccountRequest {
    #[oai(validator(max_length = 200))]
    pub token: String,
    #[oai(validator(
        max_length = 254,
        pattern = r#"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}|[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f@<>()\[\],;:\"\\]{1,16})@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"#
    ))]
    pub email: String,
    /// 8 to 128 characters; a passphrase is welcome. Passwords that are easy to guess
    /// are refused with `weak_password`: a strength estimate the schema cannot state.
    #[oai(validator(max_length = 1024), write_only)]
    pub password: String,
    #[oai(validator(
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x1f\x7f-\x9f]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub full_name: String,
}

/// Accept with an existing account's e-mail and password.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptWithAccountRequest {
    #[oai(validator(max_length = 200))]
    pub token: String,
    #[oai(validator(
        max_length = 254,
        pattern = r#"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}|[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f@<>()\[\],;:\"\\]{1,16})@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"#
    ))]
    pub email: String,
    #[oai(validator(max_length = 1024), write_only)]
    pub password: String,
}
