//! Scoped transactions. Each one sets its Postgres settings with
//! `set_config(name, value, true)`: transaction-local, so nothing leaks to the next
//! borrower of the pooled connection (`false` would).

use std::ops::{Deref, DerefMut};

use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use crate::{
    auth::{Principal, Requirement},
    domain::{MemberRole, email::Email},
    ids::{TenantId, UserId},
};

/// A transaction that sees exactly one tenant's rows. Repository functions take it.
pub struct TenantTx {
    tx: Transaction<'static, Postgres>,
    tenant: TenantId,
}

/// A tenant transaction that acts for a [`Principal`] who met an operation's
/// [`Requirement`]. Handlers get one from the API's auth extractor; the actor is never
/// optional. It derefs to [`TenantTx`], so repository functions take it as they are.
pub struct ActingTx {
    tx: TenantTx,
    principal: Principal,
}

/// Why a member session could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The user is not (or no longer) a member of the tenant.
    #[error("not a member of this tenant")]
    NotMember,
    /// A member, but their role does not allow this.
    #[error("role `{actual}` may not do what needs `{required}`")]
    Forbidden {
        actual: MemberRole,
        required: MemberRole,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl TenantTx {
    /// With nobody behind it: only through [`super::TrustedDb`].
    #[cfg(feature = "trusted")]
    pub(super) async fn begin(pool: &PgPool, tenant: TenantId) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
            .bind(tenant.to_string())
            .execute(&mut *tx)
            .await?;
        Ok(Self { tx, tenant })
    }

    /// Sets the tenant and the user, so policies that let a member see their own
    /// account (and its other memberships) apply too.
    async fn begin_as_user(
        pool: &PgPool,
        tenant: TenantId,
        user: UserId,
    ) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .execute(&mut *tx)
        .await?;
        Ok(Self { tx, tenant })
    }

    pub fn tenant_id(&self) -> TenantId {
        self.tenant
    }

    pub(crate) fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl ActingTx {
    /// Opens a transaction for `user` in `tenant` if their current role meets `R`.
    /// The membership is read inside the transaction, so a removed or demoted member is
    /// refused at once, whatever their token still says.
    pub(super) async fn begin_member<R: Requirement>(
        pool: &PgPool,
        tenant: TenantId,
        user: UserId,
    ) -> Result<Self, SessionError> {
        let mut tx = TenantTx::begin_as_user(pool, tenant, user).await?;
        let role: Option<MemberRole> = sqlx::query_scalar(
            "SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2",
        )
        .bind(tenant)
        .bind(user)
        .fetch_optional(tx.conn())
        .await?;
        let role = role.ok_or(SessionError::NotMember)?;
        let principal = Principal::Member { tenant, user, role };
        if !principal.satisfies::<R>() {
            return Err(SessionError::Forbidden {
                actual: role,
                required: R::MEMBER_ROLE,
            });
        }
        Ok(Self { tx, principal })
    }

    /// The first owner of a tenant being created (registration).
    pub(super) async fn begin_registration(
        pool: &PgPool,
        tenant: TenantId,
        user: UserId,
    ) -> Result<Self, sqlx::Error> {
        let tx = TenantTx::begin_as_user(pool, tenant, user).await?;
        Ok(Self {
            tx,
            principal: Principal::Member {
                tenant,
                user,
                role: MemberRole::Owner,
            },
        })
    }

    /// Someone joining a tenant through an invitation, with the role it grants.
    pub(super) async fn begin_joining(
        pool: &PgPool,
        tenant: TenantId,
        user: UserId,
        role: MemberRole,
    ) -> Result<Self, sqlx::Error> {
        let tx = TenantTx::begin_as_user(pool, tenant, user).await?;
        Ok(Self {
            tx,
            principal: Principal::Member { tenant, user, role },
        })
    }

    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl Deref for ActingTx {
    type Target = TenantTx;

    fn deref(&self) -> &TenantTx {
        &self.tx
    }
}

impl DerefMut for ActingTx {
    fn deref_mut(&mut self) -> &mut TenantTx {
        &mut self.tx
    }
}

/// A transaction that sees one user's own row and memberships.
pub struct UserTx {
    tx: Transaction<'static, Postgres>,
    user: UserId,
}

impl UserTx {
    pub(super) async fn begin(pool: &PgPool, user: UserId) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT set_config('app.user_id', $1, true)")
            .bind(user.to_string())
            .execute(&mut *tx)
            .await?;
        Ok(Self { tx, user })
    }

    pub fn user_id(&self) -> UserId {
        self.user
    }

    pub(crate) fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

/// A transaction that may read the account with one e-mail address, before sign-in.
pub struct LoginTx {
    tx: Transaction<'static, Postgres>,
    email: Email,
}

impl LoginTx {
    pub(super) async fn begin(pool: &PgPool, email: &Email) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT set_config('app.login_email', $1, true)")
            .bind(email.as_str())
            .execute(&mut *tx)
            .await?;
        Ok(Self {
            tx,
            email: email.clone(),
        })
    }

    pub fn email(&self) -> &Email {
        &self.email
    }

    pub(crate) fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Signs the user in within the same transaction: from here on it may also read
    /// that user's memberships.
    pub async fn become_user(mut self, user: UserId) -> Result<UserTx, sqlx::Error> {
        sqlx::query(
            "SELECT set_config('app.user_id', $1, true), set_config('app.login_email', '', true)",
        )
        .bind(user.to_string())
        .execute(&mut *self.tx)
        .await?;
        Ok(UserTx { tx: self.tx, user })
    }
}
