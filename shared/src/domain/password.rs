//! A new password chosen at registration. Rules follow NIST SP 800-63B: length matters,
//! composition rules do not; a long passphrase is fine.

use secrecy::{ExposeSecret, SecretString};

use super::InvalidValue;

pub struct NewPassword(SecretString);

impl NewPassword {
    pub const MIN_CHARS: usize = 8;
    /// Bounded so that hashing cost stays bounded.
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: String) -> Result<Self, InvalidValue> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(InvalidValue(format!(
                "must be at least {} characters",
                Self::MIN_CHARS
            )));
        }
        if chars > Self::MAX_CHARS {
            return Err(InvalidValue(format!(
                "must be at most {} characters",
                Self::MAX_CHARS
            )));
        }
        if raw.trim().is_empty() {
            return Err(InvalidValue("must not be only spaces".into()));
        }
        Ok(Self(SecretString::from(raw)))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rules() {
        assert!(NewPassword::parse("123".into()).is_err());
        assert!(NewPassword::parse("        ".into()).is_err());
        assert!(NewPassword::parse("correct horse".into()).is_ok());
        assert!(NewPassword::parse("x".repeat(129)).is_err());
        assert!(
            !format!("{:?}", NewPassword::parse("correct horse".into()).unwrap()).contains("horse")
        );
    }
}
