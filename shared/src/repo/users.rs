use chrono::{DateTime, Utc};

use crate::{
    db::{LoginTx, RepoError, TenantTx, UserTx},
    domain::{email::Email, text::FullName},
    ids::UserId,
};

/// The unique index that makes an e-mail one account.
pub const EMAIL_UNIQUE: &str = "users_email_key";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRecord {
    pub id: UserId,
    pub email: String,
    pub full_name: String,
    pub created_at: DateTime<Utc>,
    /// Carried in access tokens; "sign out everywhere" bumps it.
    pub token_version: i32,
}

/// What login needs to check a password.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: UserId,
    pub password_hash: String,
}

/// Creates the registering user inside the registration transaction (row-level
/// security accepts only the id that transaction was opened for).
pub async fn create(
    tx: &mut TenantTx,
    id: UserId,
    email: &Email,
    password_hash: &str,
    full_name: &FullName,
) -> Result<UserRecord, RepoError> {
    sqlx::query_as(
        "INSERT INTO users (id, email, password_hash, full_name) VALUES ($1, $2, $3, $4)
         RETURNING id, email, full_name, created_at, token_version",
    )
    .bind(id)
    .bind(email.as_str())
    .bind(password_hash)
    .bind(full_name.as_str())
    .fetch_one(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// The account for the login transaction's e-mail, if there is one.
pub async fn find_credentials(tx: &mut LoginTx) -> Result<Option<Credentials>, RepoError> {
    let email = tx.email().as_str().to_owned();
    Ok(
        sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(tx.conn())
            .await?,
    )
}

/// The transaction's own user.
pub async fn current(tx: &mut UserTx) -> Result<Option<UserRecord>, RepoError> {
    let id = tx.user_id();
    Ok(sqlx::query_as(
        "SELECT id, email, full_name, created_at, token_version FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// Signs the transaction's user out everywhere: every access token issued before now
/// carries an older version and is refused. Returns the new version.
pub async fn bump_token_version(tx: &mut UserTx) -> Result<i32, RepoError> {
    let id = tx.user_id();
    Ok(sqlx::query_scalar(
        "UPDATE users SET token_version = token_version + 1, updated_at = now()
         WHERE id = $1 RETURNING token_version",
    )
    .bind(id)
    .fetch_one(tx.conn())
    .await?)
}

/// The name a member shows to visitors and colleagues (their full name, or the part of
/// their e-mail before the `@` when they gave none). `None` for a user the tenant
/// cannot see.
pub async fn display_name(tx: &mut TenantTx, id: UserId) -> Result<Option<String>, RepoError> {
    Ok(sqlx::query_scalar(
        "SELECT coalesce(nullif(full_name, ''), split_part(email, '@', 1)) FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// The display names of the members who wrote in a chat, by id (for its transcript).
pub async fn display_names(
    tx: &mut TenantTx,
    chat: crate::ids::ChatId,
) -> Result<std::collections::HashMap<UserId, String>, RepoError> {
    let tenant = tx.tenant_id();
    let rows: Vec<(UserId, String)> = sqlx::query_as(
        "SELECT u.id, coalesce(nullif(u.full_name, ''), split_part(u.email, '@', 1))
         FROM users u
         WHERE u.id IN (SELECT DISTINCT m.author_id FROM messages m
                        WHERE m.tenant_id = $1 AND m.chat_id = $2 AND m.author_id IS NOT NULL)",
    )
    .bind(tenant)
    .bind(chat)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().collect())
}

/// The transaction's own password hash (to confirm a change with the current password).
pub async fn password_hash(tx: &mut UserTx) -> Result<Option<String>, RepoError> {
    let id = tx.user_id();
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(tx.conn())
            .await?,
    )
}

/// Changes the transaction's own name and/or e-mail; a taken e-mail is a conflict on
/// [`EMAIL_UNIQUE`].
pub async fn update_profile(
    tx: &mut UserTx,
    full_name: Option<&FullName>,
    email: Option<&Email>,
) -> Result<Option<UserRecord>, RepoError> {
    let id = tx.user_id();
    sqlx::query_as(
        "UPDATE users SET full_name = COALESCE($2, full_name), email = COALESCE($3, email),
                          updated_at = now()
         WHERE id = $1
         RETURNING id, email, full_name, created_at, token_version",
    )
    .bind(id)
    .bind(full_name.map(FullName::as_str))
    .bind(email.map(Email::as_str))
    .fetch_optional(tx.conn())
    .await
    .map_err(RepoError::from_write)
}

/// Replaces the transaction's own password hash.
pub async fn set_password_hash(tx: &mut UserTx, hash: &str) -> Result<bool, RepoError> {
    let id = tx.user_id();
    let done = sqlx::query("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(hash)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected() == 1)
}
