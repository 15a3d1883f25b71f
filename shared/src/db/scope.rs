//! Scoped transactions. Each one sets its Postgres settings with
//! `set_config(name, value, true)`: transaction-local, so nothing leaks to the next
//! borrower of the pooled connection (`false` would).

use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use crate::{
    domain::{MemberRole, email::Email},
    ids::{TenantId, UserId},
};

/// A transaction that sees exactly one tenant's rows.
pub struct TenantTx {
    tx: Transaction<'static, Postgres>,
    tenant: TenantId,
    actor: Option<Actor>,
}

/// The signed-in member a [`TenantTx`] acts for, as the database knows them now.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user: UserId,
    pub role: MemberRole,
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
    pub(super) async fn begin(pool: &PgPool, tenant: TenantId) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
            .bind(tenant.to_string())
            .execute(&mut *tx)
            .await?;
        Ok(Self {
            tx,
            tenant,
            actor: None,
        })
    }

    pub(super) async fn begin_member(
        pool: &PgPool,
        tenant: TenantId,
        user: UserId,
        required: MemberRole,
    ) -> Result<Self, SessionError> {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)",
        )
        .bind(tenant.to_string())
        .bind(user.to_string())
        .execute(&mut *tx)
        .await?;
        let role: Option<MemberRole> = sqlx::query_scalar(
            "SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2",
        )
        .bind(tenant)
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?;
        let role = role.ok_or(SessionError::NotMember)?;
        if !role.includes(required) {
            return Err(SessionError::Forbidden {
                actual: role,
                required,
            });
        }
        Ok(Self {
            tx,
            tenant,
            actor: Some(Actor { user, role }),
        })
    }

    pub(super) async fn begin_registration(
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
        Ok(Self {
            tx,
            tenant,
            actor: Some(Actor {
                user,
                role: MemberRole::Owner,
            }),
        })
    }

    pub fn tenant_id(&self) -> TenantId {
        self.tenant
    }

    /// The member this transaction acts for, if it was opened for one.
    pub fn actor(&self) -> Option<Actor> {
        self.actor
    }

    pub(crate) fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
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
