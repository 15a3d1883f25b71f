use sqlx::error::ErrorKind;

/// What a repository call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// A unique or foreign-key constraint refused the write.
    #[error("constraint `{constraint}` refused the write")]
    Conflict { constraint: String },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl RepoError {
    /// Maps constraint violations to [`RepoError::Conflict`]; everything else stays a
    /// database error (logged, answered opaquely).
    pub fn from_write(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err
            && matches!(
                db.kind(),
                ErrorKind::UniqueViolation | ErrorKind::ForeignKeyViolation
            )
        {
            return Self::Conflict {
                constraint: db.constraint().unwrap_or_default().to_owned(),
            };
        }
        Self::Database(err)
    }

    pub fn is_conflict_on(&self, name: &str) -> bool {
        matches!(self, Self::Conflict { constraint } if constraint == name)
    }
}
