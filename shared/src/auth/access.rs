//! Who is acting, and what an operation asks of them.
//!
//! An operation names its [`Requirement`] in its type (the API's `Member<Admin>`
//! extractor), and the only way to a transaction that acts for someone is through a
//! check of that requirement (`Db::member`). A handler that forgets the check has no
//! transaction to work with, so it does not compile.

use crate::{
    domain::MemberRole,
    ids::{ApiKeyId, TenantId, UserId},
};

/// The caller a transaction acts for: a signed-in member, or a partner's API key. Each
/// carries its tenant and what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    Member {
        tenant: TenantId,
        user: UserId,
        /// The role as the database knows it now (not as the token remembers it).
        role: MemberRole,
    },
    ApiKey {
        tenant: TenantId,
        key: ApiKeyId,
        access: KeyAccess,
    },
}

impl Principal {
    pub fn tenant(&self) -> TenantId {
        match self {
            Self::Member { tenant, .. } | Self::ApiKey { tenant, .. } => *tenant,
        }
    }

    /// The member behind the request, if it is one (keys act for the workspace).
    pub fn user(&self) -> Option<UserId> {
        match self {
            Self::Member { user, .. } => Some(*user),
            Self::ApiKey { .. } => None,
        }
    }

    /// The member's current role, when the caller is a member.
    pub fn member_role(&self) -> Option<MemberRole> {
        match self {
            Self::Member { role, .. } => Some(*role),
            Self::ApiKey { .. } => None,
        }
    }

    /// Whether this caller meets `R`.
    pub fn satisfies<R: Requirement>(&self) -> bool {
        match self {
            Self::Member { role, .. } => role.includes(R::MEMBER_ROLE),
            Self::ApiKey { access, .. } => {
                R::KEY_ACCESS.is_some_and(|needed| access.includes(needed))
            }
        }
    }
}

/// What an API key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyAccess {
    /// Read assistants, chats and analytics.
    Read,
    /// Everything a key may do: read, create, change and delete.
    Write,
}

impl KeyAccess {
    pub fn includes(self, needed: KeyAccess) -> bool {
        self >= needed
    }
}

/// What an operation requires of its caller. Implemented by marker types
/// ([`Agent`], [`Admin`], [`Owner`]) named in handler signatures.
pub trait Requirement: Send + Sync + 'static {
    /// The least member role allowed.
    const MEMBER_ROLE: MemberRole;
    /// What an API key needs; `None` when keys may not call it at all.
    const KEY_ACCESS: Option<KeyAccess>;
    /// For the API's docs: who may call.
    const DESCRIBED: &'static str;
}

/// Any member: agents, admins and owners (reading, answering chats). Keys with read access.
pub struct Agent;
/// Admins and owners (assistants, exports). Keys with write access.
pub struct Admin;
/// The workspace's owners only (the workspace itself). Never a key.
pub struct Owner;

impl Requirement for Agent {
    const MEMBER_ROLE: MemberRole = MemberRole::Agent;
    const KEY_ACCESS: Option<KeyAccess> = Some(KeyAccess::Read);
    const DESCRIBED: &'static str = "any member of the workspace (agent, admin or owner)";
}

impl Requirement for Admin {
    const MEMBER_ROLE: MemberRole = MemberRole::Admin;
    const KEY_ACCESS: Option<KeyAccess> = Some(KeyAccess::Write);
    const DESCRIBED: &'static str = "an admin or owner of the workspace";
}

impl Requirement for Owner {
    const MEMBER_ROLE: MemberRole = MemberRole::Owner;
    const KEY_ACCESS: Option<KeyAccess> = None;
    const DESCRIBED: &'static str = "an owner of the workspace";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(role: MemberRole) -> Principal {
        Principal::Member {
            tenant: TenantId::new(),
            user: UserId::new(),
            role,
        }
    }

    fn key(access: KeyAccess) -> Principal {
        Principal::ApiKey {
            tenant: TenantId::new(),
            key: ApiKeyId::new(),
            access,
        }
    }

    #[test]
    fn requirements_rank_members_and_keys() {
        assert!(member(MemberRole::Agent).satisfies::<Agent>());
        assert!(!member(MemberRole::Agent).satisfies::<Admin>());
        assert!(member(MemberRole::Admin).satisfies::<Admin>());
        assert!(!member(MemberRole::Admin).satisfies::<Owner>());
        assert!(member(MemberRole::Owner).satisfies::<Owner>());
        assert!(key(KeyAccess::Read).satisfies::<Agent>());
        assert!(!key(KeyAccess::Read).satisfies::<Admin>());
        assert!(key(KeyAccess::Write).satisfies::<Admin>());
        assert!(!key(KeyAccess::Write).satisfies::<Owner>());
    }
}
