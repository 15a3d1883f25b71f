//! The invitation page's door, open before the invitee belongs to the tenant: a pending
//! invitation by its token hash, through the `invitation_preview` SECURITY DEFINER
//! function (what the page shows, nothing else), and then a transaction in which the
//! invitee joins. Joining consumes the invitation inside that same transaction, so the
//! door opens only as far as a valid, unused link allows.

use chrono::{DateTime, Utc};

use super::{ActingTx, Db};
use crate::{
    domain::MemberRole,
    ids::{TenantId, UserId},
};

/// What the invitation page shows about a pending invitation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationPreview {
    pub tenant_id: TenantId,
    pub workspace_name: String,
    pub role: MemberRole,
    pub expires_at: DateTime<Utc>,
}

impl Db {
    /// A pending (unused, unrevoked, unexpired) invitation by the hash of its token.
    pub async fn invitation_preview(
        &self,
        token_hash: &[u8],
    ) -> Result<Option<InvitationPreview>, sqlx::Error> {
        sqlx::query_as(
            "SELECT tenant_id, workspace_name, role, expires_at FROM invitation_preview($1)",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
    }

    /// A transaction for `user` joining `tenant` with the role a pending invitation
    /// grants. Call only with a tenant and role from [`Db::invitation_preview`], and
    /// consume the invitation (`repo::invitations::consume`) in this transaction
    /// before writing anything: if that finds nothing, roll back.
    pub async fn joining(
        &self,
        preview: &InvitationPreview,
        user: UserId,
    ) -> Result<ActingTx, sqlx::Error> {
        ActingTx::begin_joining(&self.pool, preview.tenant_id, user, preview.role).await
    }
}
