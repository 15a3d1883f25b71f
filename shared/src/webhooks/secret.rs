//! An endpoint's signing secret, in the Standard Webhooks form: `whsec_` followed by the
//! base64 of random bytes. The bytes (not the text) are the HMAC key.

use base64::{Engine, engine::general_purpose::STANDARD};
use rand::RngCore;

const PREFIX: &str = "whsec_";
/// 24 bytes = 192 bits, as Svix issues them.
const SECRET_BYTES: usize = 24;

/// A new secret, as shown to the admin once and stored to sign with.
pub fn generate() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{PREFIX}{}", STANDARD.encode(bytes))
}

/// The HMAC key inside a stored secret; `None` for text that is not one.
pub fn key_bytes(secret: &str) -> Option<Vec<u8>> {
    let encoded = secret.strip_prefix(PREFIX)?;
    STANDARD.decode(encoded).ok().filter(|k| !k.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_decode() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(a.starts_with("whsec_"));
        assert_eq!(key_bytes(&a).unwrap().len(), SECRET_BYTES);
        assert!(key_bytes("whsec_").is_none());
        assert!(key_bytes("sk_abc").is_none());
    }
}
