//! Partners' API keys: the secret, its hash, and what a key may do per resource.
//!
//! A key is `kr_live_` followed by 32 random bytes in URL-safe base64 (256 bits). It is
//! shown once; the database keeps only its SHA-256 (a fast hash is right here: the
//! secret has full entropy, so nothing is gained by slowing a guess down) and its first
//! characters, so people can tell keys apart. A request's key is found by the hash of
//! the whole secret, never by its prefix, so an unknown prefix and a wrong secret cost
//! the same single index probe and answer the same.

use std::collections::BTreeMap;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::access::KeyAccess;

/// Every key starts with this.
pub const KEY_PREFIX: &str = "kr_live_";
/// How many characters of a key the dashboard shows (`kr_live_` and four more).
pub const VISIBLE_PREFIX_LEN: usize = KEY_PREFIX.len() + 4;
const SECRET_BYTES: usize = 32;

/// A freshly made key: the secret (to show once), its visible prefix and its hash.
pub struct NewKeySecret {
    pub secret: String,
    pub prefix: String,
    pub hash: KeyHash,
}

/// The SHA-256 of a whole key, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyHash(pub [u8; 32]);

impl KeyHash {
    pub fn of(secret: &str) -> Self {
        Self(Sha256::digest(secret.as_bytes()).into())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl NewKeySecret {
    pub fn generate() -> Self {
        let mut bytes = [0u8; SECRET_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let secret = format!("{KEY_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
        let prefix = secret[..VISIBLE_PREFIX_LEN].to_owned();
        let hash = KeyHash::of(&secret);
        Self {
            secret,
            prefix,
            hash,
        }
    }
}

/// Whether a credential looks like an API key rather than a dashboard token.
pub fn looks_like_key(credential: &str) -> bool {
    credential.starts_with("kr_")
}

/// What a key protects, resource by resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resource {
    Assistants,
    Chats,
    Analytics,
    Webhooks,
}

impl Resource {
    pub const ALL: [Resource; 4] = [
        Self::Assistants,
        Self::Chats,
        Self::Analytics,
        Self::Webhooks,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Assistants => "assistants",
            Self::Chats => "chats",
            Self::Analytics => "analytics",
            Self::Webhooks => "webhooks",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl KeyAccess {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "read" => Some(Self::Read),
            "write" => Some(Self::Write),
            _ => None,
        }
    }
}

/// A key's permissions: a default for every resource, and per-resource exceptions
/// (`None` = no access to that resource at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPermissions {
    pub access: KeyAccess,
    pub resources: BTreeMap<Resource, Option<KeyAccess>>,
}

impl KeyPermissions {
    pub fn uniform(access: KeyAccess) -> Self {
        Self {
            access,
            resources: BTreeMap::new(),
        }
    }

    /// What the key may do on `resource` (`None`: nothing).
    pub fn on(&self, resource: Resource) -> Option<KeyAccess> {
        self.resources
            .get(&resource)
            .copied()
            .unwrap_or(Some(self.access))
    }

    /// The exceptions as stored (`{"chats": "write", "analytics": "none"}`).
    pub fn resources_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.resources
                .iter()
                .map(|(r, a)| {
                    (
                        r.as_str().to_owned(),
                        serde_json::Value::String(a.map_or("none", KeyAccess::as_str).to_owned()),
                    )
                })
                .collect(),
        )
    }

    /// Reads the stored form back; unknown resources or levels are ignored (never widened).
    pub fn from_stored(access: &str, resources: &serde_json::Value) -> Self {
        let access = KeyAccess::parse(access).unwrap_or(KeyAccess::Read);
        let resources = resources
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(name, level)| {
                let resource = Resource::parse(name)?;
                let level = level.as_str()?;
                let access = match level {
                    "none" => None,
                    other => Some(KeyAccess::parse(other)?),
                };
                Some((resource, access))
            })
            .collect();
        Self { access, resources }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_has_the_prefix_full_entropy_and_hashes_to_what_is_stored() {
        let a = NewKeySecret::generate();
        let b = NewKeySecret::generate();
        assert!(a.secret.starts_with(KEY_PREFIX));
        // 32 bytes of URL-safe base64 without padding: 43 characters after the prefix.
        assert_eq!(a.secret.len(), KEY_PREFIX.len() + 43);
        assert_ne!(a.secret, b.secret);
        assert_eq!(a.prefix, &a.secret[..VISIBLE_PREFIX_LEN]);
        assert_eq!(a.hash, KeyHash::of(&a.secret));
        assert_ne!(a.hash, KeyHash::of(&b.secret));
        // One changed character anywhere gives another hash.
        let mut tampered = a.secret.clone();
        tampered.pop();
        tampered.push('x');
        if tampered != a.secret {
            assert_ne!(KeyHash::of(&tampered), a.hash);
        }
    }

    #[test]
    fn permissions_default_then_per_resource() {
        let mut p = KeyPermissions::uniform(KeyAccess::Read);
        p.resources.insert(Resource::Chats, Some(KeyAccess::Write));
        p.resources.insert(Resource::Analytics, None);
        assert_eq!(p.on(Resource::Assistants), Some(KeyAccess::Read));
        assert_eq!(p.on(Resource::Chats), Some(KeyAccess::Write));
        assert_eq!(p.on(Resource::Analytics), None);
        let back = KeyPermissions::from_stored("read", &p.resources_json());
        assert_eq!(back, p);
        // Garbage is never read as more access.
        let odd = KeyPermissions::from_stored(
            "admin",
            &serde_json::json!({"chats": "root", "nope": "write"}),
        );
        assert_eq!(odd, KeyPermissions::uniform(KeyAccess::Read));
    }
}
