//! The signed-in user's own account: name, e-mail, password.

use kremna_shared::{
    domain::{AtField, email::Email, password::NewPassword, text::FullName},
    error_code::ErrorCode,
    ids::UserId,
    repo,
};

use poem::http::StatusCode;

use super::{ChangePasswordRequest, UpdateProfileRequest, UserView};
use crate::{error::ApiError, state::AppState};

const EMAIL_TAKEN: ApiError = ApiError::Conflict {
    code: ErrorCode::EmailTaken,
    message: "another account uses this e-mail",
};

pub async fn update(
    state: &AppState,
    user: UserId,
    body: UpdateProfileRequest,
) -> Result<UserView, ApiError> {
    let email = body
        .email
        .as_deref()
        .map(|e| Email::parse(e).at("email"))
        .transpose()?;
    let full_name = body
        .full_name
        .as_deref()
        .map(|n| FullName::parse(n).at("full_name"))
        .transpose()?;
    let mut tx = state.db.user(user).await?;
    let row = repo::users::update_profile(&mut tx, full_name.as_ref(), email.as_ref())
        .await
        .map_err(|err| {
            if err.is_conflict_on(repo::users::EMAIL_UNIQUE) {
                EMAIL_TAKEN
            } else {
                err.into()
            }
        })?
        .ok_or(ApiError::NotFound("user"))?;
    tx.commit().await?;
    tracing::info!(user_id = %user, "profile changed");
    Ok(row.into())
}

pub async fn change_password(
    state: &AppState,
    user: UserId,
    body: ChangePasswordRequest,
) -> Result<(), ApiError> {
    let new = NewPassword::parse(body.new_password).at("new_password")?;
    let mut tx = state.db.user(user).await?;
    let stored = repo::users::password_hash(&mut tx).await?;
    if !state
        .hasher
        .verify(&body.current_password, stored.as_deref())
        .await
    {
        return Err(ApiError::Refused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: ErrorCode::WrongPassword,
            message: "the current password is wrong",
        });
    }
    let hash = state.hasher.hash(&new).await.map_err(ApiError::internal)?;
    repo::users::set_password_hash(&mut tx, &hash).await?;
    tx.commit().await?;
    tracing::info!(user_id = %user, "password changed");
    Ok(())
}
