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

/// Whether `err` (or anything in its chain of causes) says the database is out of reach
/// for now: no connection free in time, a connection that broke, or a pool that closed.
/// Such a failure is answered "unavailable, try again" (503, `service_unavailable`), not
/// as a bug on our side.
pub fn is_unavailable(err: &(dyn std::error::Error + 'static)) -> bool {
    let out_of_reach = |err: &sqlx::Error| {
        matches!(
            err,
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed
        )
    };
    let mut next = Some(err);
    while let Some(err) = next {
        // `#[error(transparent)]` wrappers hand out their inner error's source, not the
        // inner error itself, so a repository error is opened by hand.
        if let Some(RepoError::Database(inner)) = err.downcast_ref::<RepoError>() {
            return out_of_reach(inner);
        }
        if err.downcast_ref::<sqlx::Error>().is_some_and(out_of_reach) {
            return true;
        }
        next = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_or_broken_pool_is_unavailable_wherever_it_is_wrapped() {
        assert!(is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(is_unavailable(&RepoError::Database(
            sqlx::Error::PoolTimedOut
        )));
        let broken = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        assert!(is_unavailable(&RepoError::Database(sqlx::Error::Io(
            broken
        ))));
        assert!(!is_unavailable(&RepoError::Database(
            sqlx::Error::RowNotFound
        )));
        assert!(!is_unavailable(&RepoError::Conflict {
            constraint: "x".into()
        }));
    }
}
