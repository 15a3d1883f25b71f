//! Identity verification: an assistant's identity secret, and whether a page's claimed
//! user id carries the right `userHash` = hex HMAC-SHA256(key = the secret's text,
//! message = the user id), as Intercom and Chatwoot do it. The host's server computes the
//! hash; the secret never reaches a browser.

use hmac::{Hmac, KeyInit, Mac};
use hmac_sha2::Sha256;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};

use crate::domain::identity::{IdentityClaim, VisitorIdentity};

const PREFIX: &str = "kis_";
/// 32 bytes = 256 bits of entropy, written as 64 hex digits after the prefix.
const SECRET_BYTES: usize = 32;

/// A new identity secret, as shown to the admin and stored to verify with.
pub fn generate() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{PREFIX}{}", hex::encode(bytes))
}

/// The hash a host's server computes for `user_id` (tests and documentation examples).
pub fn user_hash(secret: &str, user_id: &str) -> String {
    hex::encode(mac(secret, user_id).finalize().into_bytes())
}

fn mac(secret: &str, user_id: &str) -> Hmac<Sha256> {
    // HMAC accepts a key of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(user_id.as_bytes());
    mac
}

/// Decides a claim: verified only when the assistant has a secret and the claim's hash
/// is the HMAC of its user id under it (compared in constant time). Anything else keeps
/// the claim, unverified.
pub fn verify(secret: Option<&SecretString>, claim: IdentityClaim) -> VisitorIdentity {
    let verified = match (secret, &claim.user_hash) {
        (Some(secret), Some(hash)) => mac(secret.expose_secret(), claim.user_id.as_str())
            .verify_slice(hash.as_bytes())
            .is_ok(),
        _ => false,
    };
    VisitorIdentity {
        user_id: claim.user_id,
        name: claim.name,
        email: claim.email,
        verified,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(user_id: &str, hash: Option<&str>) -> IdentityClaim {
        IdentityClaim::parse(user_id, Some("Ayşe"), Some("ayse@example.com"), hash).unwrap()
    }

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[test]
    fn secrets_are_random_and_long() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(a.starts_with("kis_"));
        assert_eq!(a.len(), 4 + 64);
    }

    /// The value the README's Node and Python one-liners print for this key and id.
    #[test]
    fn matches_a_known_hmac() {
        assert_eq!(
            user_hash("key", "The quick brown fox jumps over the lazy dog"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }

    #[test]
    fn the_right_hash_verifies_in_either_case() {
        let s = generate();
        let hash = user_hash(&s, "user-42");
        let v = verify(Some(&secret(&s)), claim("user-42", Some(&hash)));
        assert!(v.verified);
        assert_eq!(v.name.unwrap().as_str(), "Ayşe");
        let upper = hash.to_uppercase();
        assert!(verify(Some(&secret(&s)), claim("user-42", Some(&upper))).verified);
    }

    #[test]
    fn anything_else_stays_unverified() {
        let s = generate();
        let other = generate();
        let good = user_hash(&s, "user-42");
        // Wrong user, another secret's hash, no hash, no secret.
        assert!(!verify(Some(&secret(&s)), claim("user-43", Some(&good))).verified);
        let foreign = user_hash(&other, "user-42");
        assert!(!verify(Some(&secret(&s)), claim("user-42", Some(&foreign))).verified);
        assert!(!verify(Some(&secret(&s)), claim("user-42", None)).verified);
        let v = verify(None, claim("user-42", Some(&good)));
        assert!(!v.verified);
        assert_eq!(
            v.user_id.as_str(),
            "user-42",
            "the claim is kept, unverified"
        );
    }
}
