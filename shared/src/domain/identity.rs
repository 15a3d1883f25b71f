//! Who a host page says its visitor is (`Kremna.identify(..)` in the widget), parsed.
//! Whether the claim is believed is decided by [`crate::auth::identity`].

use super::{FieldError, InvalidValue, email::Email};

/// The host's own id for its signed-in user: 1–255 printable characters, as given
/// (not trimmed nor case-folded: the host's server hashes exactly this text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalUserId(String);

impl ExternalUserId {
    pub const MAX_CHARS: usize = 255;

    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let count = raw.chars().count();
        if count == 0 || count > Self::MAX_CHARS || raw.chars().any(char::is_control) {
            return Err(InvalidValue(format!(
                "must be 1–{} printable characters",
                Self::MAX_CHARS
            )));
        }
        if raw.trim().is_empty() {
            return Err(InvalidValue("must not be blank".into()));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A display name the host gives: trimmed, 1–200 printable characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitorName(String);

impl VisitorName {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let value = raw.trim();
        let count = value.chars().count();
        if count == 0 || count > Self::MAX_CHARS || value.chars().any(char::is_control) {
            return Err(InvalidValue(format!(
                "must be 1–{} printable characters",
                Self::MAX_CHARS
            )));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `userHash`: the 32 bytes of an HMAC-SHA256, sent as 64 hex digits (either case).
#[derive(Clone, PartialEq, Eq)]
pub struct UserHash([u8; 32]);

impl UserHash {
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(raw.trim(), &mut bytes)
            .map_err(|_| InvalidValue("must be 64 hexadecimal digits (HMAC-SHA256)".into()))?;
        Ok(Self(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for UserHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UserHash(..)")
    }
}

/// An identity as the page claimed it, every field well formed; not yet believed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityClaim {
    pub user_id: ExternalUserId,
    pub name: Option<VisitorName>,
    pub email: Option<Email>,
    pub user_hash: Option<UserHash>,
}

impl IdentityClaim {
    /// Parses the wire fields; an empty name, e-mail or hash counts as absent (hosts
    /// often pass `""` for what they do not know).
    pub fn parse(
        user_id: &str,
        name: Option<&str>,
        email: Option<&str>,
        user_hash: Option<&str>,
    ) -> Result<Self, FieldError> {
        use super::AtField;
        Ok(Self {
            user_id: ExternalUserId::parse(user_id).at("identity.userId")?,
            name: present(name)
                .map(VisitorName::parse)
                .transpose()
                .at("identity.name")?,
            email: present(email)
                .map(Email::parse)
                .transpose()
                .at("identity.email")?,
            user_hash: present(user_hash)
                .map(UserHash::parse)
                .transpose()
                .at("identity.userHash")?,
        })
    }
}

fn present(v: Option<&str>) -> Option<&str> {
    v.filter(|s| !s.trim().is_empty())
}

/// What a chat records about who the visitor is: the claim, and whether its hash was
/// right for the assistant's current secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitorIdentity {
    pub user_id: ExternalUserId,
    pub name: Option<VisitorName>,
    pub email: Option<Email>,
    pub verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";

    #[test]
    fn parses_a_full_claim() {
        let c = IdentityClaim::parse("u-1", Some(" Ayşe "), Some("A@B.co"), Some(HASH)).unwrap();
        assert_eq!(c.user_id.as_str(), "u-1");
        assert_eq!(c.name.unwrap().as_str(), "Ayşe");
        assert_eq!(c.email.unwrap().as_str(), "a@b.co");
        assert_eq!(c.user_hash.unwrap().as_bytes()[0], 0x01);
    }

    #[test]
    fn empty_optional_fields_are_absent() {
        let c = IdentityClaim::parse("42", Some(""), Some(" "), Some("")).unwrap();
        assert_eq!((c.name, c.email, c.user_hash), (None, None, None));
    }

    #[test]
    fn refusals_name_the_field() {
        let field = |r: Result<IdentityClaim, FieldError>| r.unwrap_err().field;
        assert_eq!(
            field(IdentityClaim::parse("", None, None, None)),
            "identity.userId"
        );
        assert_eq!(
            field(IdentityClaim::parse("  ", None, None, None)),
            "identity.userId"
        );
        assert_eq!(
            field(IdentityClaim::parse(&"x".repeat(256), None, None, None)),
            "identity.userId"
        );
        assert_eq!(
            field(IdentityClaim::parse("a\nb", None, None, None)),
            "identity.userId"
        );
        assert_eq!(
            field(IdentityClaim::parse(
                "1",
                Some(&"n".repeat(201)),
                None,
                None
            )),
            "identity.name"
        );
        assert_eq!(
            field(IdentityClaim::parse("1", None, Some("nope"), None)),
            "identity.email"
        );
        assert_eq!(
            field(IdentityClaim::parse("1", None, None, Some("abc"))),
            "identity.userHash"
        );
        assert_eq!(
            field(IdentityClaim::parse("1", None, None, Some(&"g".repeat(64)))),
            "identity.userHash"
        );
    }

    #[test]
    fn the_hash_never_prints() {
        let c = IdentityClaim::parse("1", None, None, Some(HASH)).unwrap();
        assert!(!format!("{c:?}").contains("0123"));
    }
}
