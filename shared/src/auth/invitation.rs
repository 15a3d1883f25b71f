//! Invitation tokens: 32 random bytes, written base64url into the link. The database
//! keeps only their SHA-256, so a leaked table cannot be turned back into working links.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// How long an invitation link works.
pub const INVITATION_TTL: chrono::Duration = chrono::Duration::days(7);

/// A freshly made token: the text for the link (shown once) and the hash to store.
pub struct InvitationToken {
    pub token: String,
    pub hash: Vec<u8>,
}

impl InvitationToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let hash = hash_token(&token);
        Self { token, hash }
    }
}

/// The stored form of a token as it came back in a link. Any string hashes; an unknown
/// one simply matches nothing.
pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.trim().as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hash_to_what_is_stored() {
        let a = InvitationToken::generate();
        let b = InvitationToken::generate();
        assert_ne!(a.token, b.token);
        assert_eq!(a.token.len(), 43);
        assert_eq!(hash_token(&a.token), a.hash);
        assert_ne!(a.hash, b.hash);
    }
}
