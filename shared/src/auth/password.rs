//! Password hashing with Argon2id at OWASP's recommended parameters (19 MiB, t=2, p=1).
//! Hashing is CPU-bound: it runs on the blocking pool, never on the async workers.

use std::sync::Arc;

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHasher as _, PasswordVerifier as _, phc::PasswordHash},
};

use crate::domain::password::NewPassword;

#[derive(Clone)]
pub struct PasswordHasher {
    argon: Arc<Argon2<'static>>,
    /// Verified against when an e-mail has no account, so that "no such user" takes as
    /// long as "wrong password" and cannot be told apart by timing.
    dummy_hash: Arc<str>,
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// OWASP Password Storage Cheat Sheet: Argon2id, m=19 MiB, t=2, p=1.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

impl PasswordHasher {
    pub fn new() -> Result<Self, HashError> {
        let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
            .map_err(|e| HashError(e.to_string()))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let dummy_hash = argon
            .hash_password(b"kremna-timing-equaliser")
            .map_err(|e| HashError(e.to_string()))?
            .to_string();
        Ok(Self {
            argon: Arc::new(argon),
            dummy_hash: dummy_hash.into(),
        })
    }

    pub async fn hash(&self, password: &NewPassword) -> Result<String, HashError> {
        let argon = self.argon.clone();
        let password = password.expose().as_bytes().to_vec();
        tokio::task::spawn_blocking(move || {
            argon
                .hash_password(&password)
                .map(|h| h.to_string())
                .map_err(|e| HashError(e.to_string()))
        })
        .await
        .map_err(|e| HashError(e.to_string()))?
    }

    /// Whether `password` matches `stored`. With no stored hash it still does the work
    /// of a verification, and answers false.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        let argon = self.argon.clone();
        let known = stored.is_some();
        let stored = stored.unwrap_or(&self.dummy_hash).to_owned();
        let password = password.as_bytes().to_vec();
        let matched = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored)
                .map(|hash| argon.verify_password(&password, &hash).is_ok())
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        known && matched
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let hasher = PasswordHasher::new().unwrap();
        let password = NewPassword::parse("correct horse battery".into()).unwrap();
        let hash = hasher.hash(&password).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher.verify("correct horse battery", Some(&hash)).await);
        assert!(!hasher.verify("wrong horse battery", Some(&hash)).await);
        assert!(!hasher.verify("kremna-timing-equaliser", None).await);
    }
}
