//! Scoped transactions. Each one sets its Postgres settings with
//! `set_config(name, value, true)`: transaction-local, so nothing leaks to the next
//! borrower of the pooled connection (`false` would).

use std::ops::{Deref, DerefMut};

use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use crate::{
    auth::{AccessClaims, KeyPermissions, Principal, Requirement, Resource},
    domain::{MemberRole, email::Email},
    ids::{ApiKeyId, TenantId, UserId},
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
    /// The token was signed out (`POST /auth/logout`), or every token of the user was
    /// ("sign out everywhere" bumped the user's token version).
    #[error("the access token was signed out")]
    Revoked,
    /// A member, but their role does not allow this.
    #[error("role `{actual}` may not do what needs `{required}`")]
    Forbidden {
        actual: MemberRole,
        required: MemberRole,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Why an API key's session could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum KeySessionError {
    /// Revoked or expired since it was looked up.
    #[error("the API key is revoked or expired")]
    Revoked,
    /// Live, but its permissions do not cover this operation.
    #[error("the API key may not do this")]
    Forbidden,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl TenantTx {
    /// With nobody behind it: only through [`super::TrustedDb`], or for an API key
    /// that [`ActingTx::begin_key`] checks before handing the transaction out.
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
    /// Opens a transaction for the token's user in the token's tenant if their current
    /// role meets `R` and the token is still current (not signed out, not older than the
    /// user's last "sign out everywhere"). Membership, role and revocation are read
    /// inside the transaction, so a removed or demoted member or a signed-out token is
    /// refused at once, whatever the token still says.
    pub(super) async fn begin_member<R: Requirement>(
        pool: &PgPool,
        claims: &AccessClaims,
    ) -> Result<Self, SessionError> {
        let (tenant, user) = (claims.tid, claims.sub);
        let mut tx = TenantTx::begin_as_user(pool, tenant, user).await?;
        let row: Option<(MemberRole, bool)> = sqlx::query_as(
            "SELECT m.role,
                    u.token_version = $3
                    AND NOT EXISTS (SELECT 1 FROM revoked_tokens r
                                    WHERE r.tenant_id = $1 AND r.jti = $4)
               FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.tenant_id = $1 AND m.user_id = $2",
        )
        .bind(tenant)
        .bind(user)
        .bind(claims.ver)
        .bind(claims.jti)
        .fetch_optional(tx.conn())
        .await?;
        let (role, current) = row.ok_or(SessionError::NotMember)?;
        if !current {
            return Err(SessionError::Revoked);
        }
        let principal = Principal::Member { tenant, user, role };
        if !principal.satisfies::<R>() {
            return Err(SessionError::Forbidden {
                actual: role,
                required: R::MEMBER_ROLE,
            });
        }
        Ok(Self { tx, principal })
    }

    /// Opens a transaction for an API key of `tenant` (found by its hash through
    /// `api_key_by_hash`), if the key is still live and may do what `R` needs on
    /// `resource`. The key is re-read here, under RLS, so a key revoked a moment ago is
    /// refused; its last use is recorded at most once a minute.
    pub(super) async fn begin_key<R: Requirement>(
        pool: &PgPool,
        tenant: TenantId,
        key: ApiKeyId,
        resource: Resource,
    ) -> Result<Self, KeySessionError> {
        let mut tx = TenantTx::begin(pool, tenant).await?;
        let row: Option<(String, serde_json::Value, bool)> = sqlx::query_as(
            "SELECT access, resource_access,
                    revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
             FROM api_keys WHERE tenant_id = $1 AND id = $2",
        )
        .bind(tenant)
        .bind(key)
        .fetch_optional(tx.conn())
        .await?;
        let Some((access, resources, live)) = row else {
            return Err(KeySessionError::Revoked);
        };
        if !live {
            return Err(KeySessionError::Revoked);
        }
        let permissions = KeyPermissions::from_stored(&access, &resources);
        let Some(access) = permissions.on(resource) else {
            return Err(KeySessionError::Forbidden);
        };
        let principal = Principal::ApiKey {
            tenant,
            key,
            access,
        };
        if !principal.satisfies::<R>() {
            return Err(KeySessionError::Forbidden);
        }
        sqlx::query(
            "UPDATE api_keys SET last_used_at = now()
             WHERE tenant_id = $1 AND id = $2
               AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
        )
        .bind(tenant)
        .bind(key)
        .execute(tx.conn())
        .await?;
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
