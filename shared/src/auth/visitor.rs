//! Visitor tokens: issued with `chat_started`, required to send into or resume a chat
//! from a new connection. Knowing a chat id alone gives nothing.
//!
//! A JWT with its own audience, so it can never pass as a dashboard token (and the
//! reverse), signed with the same secret.

use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::{
    config::JwtConfig,
    domain::email::Email,
    domain::identity::{ExternalUserId, VisitorIdentity, VisitorName},
    ids::{AssistantId, ChatId, TenantId},
};

pub const VISITOR_AUDIENCE: &str = "kremna-visitor";
/// A visitor may come back to a chat for this long.
pub const VISITOR_TOKEN_TTL: Duration = Duration::from_secs(30 * 24 * 3600);

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct VisitorClaims {
    pub chat: ChatId,
    pub tid: TenantId,
    pub aid: AssistantId,
    /// The widget's visitor id (rate limits count per visitor).
    pub vid: String,
    /// Who the host page said the visitor is, as decided at `start_chat` (verified or
    /// not): the chat's row is made later, by the first message, possibly from another
    /// socket, so the decision travels with the token (signed, so it cannot be forged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idn: Option<TokenIdentity>,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

/// [`VisitorIdentity`] in a token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TokenIdentity {
    pub uid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub ver: bool,
}

impl From<&VisitorIdentity> for TokenIdentity {
    fn from(id: &VisitorIdentity) -> Self {
        Self {
            uid: id.user_id.as_str().to_owned(),
            name: id.name.as_ref().map(|n| n.as_str().to_owned()),
            email: id.email.as_ref().map(|e| e.as_str().to_owned()),
            ver: id.verified,
        }
    }
}

impl TokenIdentity {
    /// The identity again; `None` if a field no longer parses (a token from an older
    /// release with looser rules), which leaves the chat without an identity.
    pub fn identity(&self) -> Option<VisitorIdentity> {
        Some(VisitorIdentity {
            user_id: ExternalUserId::parse(&self.uid).ok()?,
            name: match &self.name {
                Some(n) => Some(VisitorName::parse(n).ok()?),
                None => None,
            },
            email: match &self.email {
                Some(e) => Some(Email::parse(e).ok()?),
                None => None,
            },
            verified: self.ver,
        })
    }
}

#[derive(Clone)]
pub struct VisitorTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
}

impl VisitorTokens {
    pub fn new(cfg: &JwtConfig) -> Self {
        let secret = cfg.secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&cfg.issuer]);
        validation.set_audience(&[VISITOR_AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issuer: cfg.issuer.clone(),
        }
    }

    pub fn issue(
        &self,
        chat: ChatId,
        tenant: TenantId,
        assistant: AssistantId,
        visitor: &str,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        self.issue_with(chat, tenant, assistant, visitor, None)
    }

    /// [`Self::issue`], carrying the visitor's decided identity.
    pub fn issue_with(
        &self,
        chat: ChatId,
        tenant: TenantId,
        assistant: AssistantId,
        visitor: &str,
        identity: Option<&VisitorIdentity>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = Utc::now().timestamp();
        let ttl = i64::try_from(VISITOR_TOKEN_TTL.as_secs()).unwrap_or(i64::MAX / 4);
        let claims = VisitorClaims {
            chat,
            tid: tenant,
            aid: assistant,
            vid: visitor.to_owned(),
            idn: identity.map(TokenIdentity::from),
            iss: self.issuer.clone(),
            aud: VISITOR_AUDIENCE.to_owned(),
            iat: now,
            exp: now + ttl,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The claims, when the token is valid and opens `chat`.
    pub fn verify(&self, token: &str, chat: ChatId) -> Option<VisitorClaims> {
        jsonwebtoken::decode::<VisitorClaims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
            .filter(|claims| claims.chat == chat)
    }
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use super::*;
    use crate::{auth::JwtKeys, domain::MemberRole, ids::UserId};

    fn cfg() -> JwtConfig {
        JwtConfig {
            secret: SecretString::from("0123456789abcdef0123456789abcdef"),
            issuer: "kremna".into(),
            audience: "kremna-dashboard".into(),
            ttl: Duration::from_secs(60),
        }
    }

    #[test]
    fn a_token_opens_its_chat_only_and_is_not_a_dashboard_token() {
        let tokens = VisitorTokens::new(&cfg());
        let chat = ChatId::new();
        let token = tokens
            .issue(chat, TenantId::new(), AssistantId::new(), "v1")
            .unwrap();
        assert_eq!(tokens.verify(&token, chat).unwrap().vid, "v1");
        assert!(tokens.verify(&token, ChatId::new()).is_none());
        assert!(JwtKeys::new(&cfg()).verify(&token).is_err());

        let dashboard = JwtKeys::new(&cfg())
            .issue(UserId::new(), TenantId::new(), MemberRole::Owner, 0)
            .unwrap();
        assert!(tokens.verify(&dashboard.token, chat).is_none());
    }
}
