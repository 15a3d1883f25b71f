//! A new password chosen at registration. Rules follow NIST SP 800-63B: length matters,
//! composition rules do not; a long passphrase is fine; common, guessable passwords and
//! ones built from the account's own details are refused ([`NewPassword::check_strength`],
//! the zxcvbn estimator).

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

    /// The least zxcvbn score accepted: 3 is "safely unguessable" (about 10^10 guesses),
    /// which a rate-limited online attacker cannot reach and a stolen argon2id hash
    /// makes costly offline.
    pub const MIN_SCORE: u8 = 3;

    /// Refuses a password that is easy to guess: common (`password`, `12345678`), a
    /// keyboard or date pattern, or made of `user_inputs` (the e-mail, the name, the
    /// workspace). The message says why and what would help.
    pub fn check_strength(&self, user_inputs: &[&str]) -> Result<(), InvalidValue> {
        // The e-mail's parts count too ("ada@example.com" → "ada", "example").
        let mut inputs: Vec<&str> = Vec::new();
        for input in user_inputs {
            inputs.push(input);
            inputs.extend(
                input
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|part| part.chars().count() >= 3),
            );
        }
        let estimate = zxcvbn::zxcvbn(self.expose(), &inputs);
        if u8::from(estimate.score()) >= Self::MIN_SCORE {
            return Ok(());
        }
        let mut message = String::from("is too easy to guess");
        if let Some(feedback) = estimate.feedback() {
            if let Some(warning) = feedback.warning() {
                message.push_str(&format!(": {}", warning.to_string().trim_end_matches('.')));
            }
            let tips: Vec<String> = feedback
                .suggestions()
                .iter()
                .map(|s| s.to_string().trim_end_matches('.').to_owned())
                .collect();
            if !tips.is_empty() {
                message.push_str(&format!(". {}", tips.join(". ")));
            }
        }
        message.push_str(". A few unrelated words make a strong password.");
        Err(InvalidValue(message))
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

    fn strength(password: &str, inputs: &[&str]) -> Result<(), InvalidValue> {
        NewPassword::parse(password.into())
            .unwrap()
            .check_strength(inputs)
    }

    #[test]
    fn common_and_personal_passwords_are_refused() {
        let me = ["ada.lovelace@example.com", "Ada Lovelace"];
        for weak in [
            "password",
            "12345678",
            "qwertyuiop",
            "password1",
            "iloveyou",
            "ada.lovelace@example.com",
            "adalovelace",
            "lovelace1815",
        ] {
            let err = strength(weak, &me).expect_err(weak);
            assert!(
                err.0.starts_with("is too easy to guess"),
                "{weak}: {}",
                err.0
            );
        }
        for strong in [
            "correct horse battery",
            "benchmark passphrase",
            "fault table passphrase",
            "analytical engine",
            "a long passphrase",
            "another passphrase",
            "long enough pass",
            "vQ7#pL2!xR9t",
        ] {
            assert_eq!(strength(strong, &me), Ok(()), "{strong}");
        }
    }

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
