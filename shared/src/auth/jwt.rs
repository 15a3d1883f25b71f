//! Access tokens: HS256 JWTs. The algorithm is pinned (a token that says `none` or
//! RS256 is refused), and issuer, audience and expiry are required and checked.

use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    config::JwtConfig,
    domain::MemberRole,
    ids::{TenantId, UserId},
};

/// What an access token says about its bearer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: UserId,
    /// The tenant the token acts in.
    pub tid: TenantId,
    /// The role at issue time; requests re-read the current role from the database.
    pub role: MemberRole,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// The token's id: signing out (`POST /auth/logout`) revokes this one token.
    pub jti: Uuid,
    /// The user's token version at issue time; "sign out everywhere" bumps the user's,
    /// which revokes every token issued before. Checked with the membership on every
    /// request and dashboard socket event.
    #[serde(default)]
    pub ver: i32,
}

impl AccessClaims {
    /// When the token stops being accepted (without the clock-skew leeway).
    pub fn expires_at(&self) -> chrono::DateTime<Utc> {
        chrono::DateTime::from_timestamp(self.exp, 0).unwrap_or_else(Utc::now)
    }

    /// How long the token stays valid from now (zero once it has expired).
    pub fn remaining(&self) -> Duration {
        let left = self.exp.saturating_sub(Utc::now().timestamp());
        Duration::from_secs(u64::try_from(left).unwrap_or(0))
    }
}

pub struct IssuedToken {
    pub token: String,
    pub expires_in: Duration,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("the access token has expired")]
    Expired,
    #[error("the access token is invalid")]
    Invalid,
}

const ALGORITHM: Algorithm = Algorithm::HS256;
/// Clock skew tolerated between the services that issue and check tokens.
const LEEWAY_SECONDS: u64 = 5;

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl: Duration,
}

impl JwtKeys {
    pub fn new(cfg: &JwtConfig) -> Self {
        let secret = cfg.secret.expose_secret().as_bytes();
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[&cfg.issuer]);
        validation.set_audience(&[&cfg.audience]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issuer: cfg.issuer.clone(),
            audience: cfg.audience.clone(),
            ttl: cfg.ttl,
        }
    }

    /// A token for `user` in `tenant`; `version` is the user's current token version.
    pub fn issue(
        &self,
        user: UserId,
        tenant: TenantId,
        role: MemberRole,
        version: i32,
    ) -> Result<IssuedToken, jsonwebtoken::errors::Error> {
        let now = Utc::now().timestamp();
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX / 2);
        let claims = AccessClaims {
            sub: user,
            tid: tenant,
            role,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            exp: now.saturating_add(ttl),
            jti: Uuid::new_v4(),
            ver: version,
        };
        let token = jsonwebtoken::encode(&Header::new(ALGORITHM), &claims, &self.encoding)?;
        Ok(IssuedToken {
            token,
            expires_in: self.ttl,
        })
    }

    pub fn verify(&self, token: &str) -> Result<AccessClaims, TokenError> {
        jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|err| match err.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })
    }
}

#[cfg(test)]
mod tests {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    use secrecy::SecretString;

    use super::*;

    fn cfg(secret: &str, audience: &str) -> JwtConfig {
        JwtConfig {
            secret: SecretString::from(secret),
            issuer: "kremna".into(),
            audience: audience.into(),
            ttl: Duration::from_secs(60),
        }
    }

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn round_trip() {
        let keys = JwtKeys::new(&cfg(SECRET, "kremna-dashboard"));
        let (user, tenant) = (UserId::new(), TenantId::new());
        let issued = keys.issue(user, tenant, MemberRole::Owner, 0).unwrap();
        let claims = keys.verify(&issued.token).unwrap();
        assert_eq!(claims.sub, user);
        assert_eq!(claims.tid, tenant);
    }

    #[test]
    fn refuses_other_secret_audience_and_alg_none() {
        let keys = JwtKeys::new(&cfg(SECRET, "kremna-dashboard"));
        let other = JwtKeys::new(&cfg("another-secret-another-secret-xx", "kremna-dashboard"));
        let token = other
            .issue(UserId::new(), TenantId::new(), MemberRole::Owner, 0)
            .unwrap()
            .token;
        assert_eq!(keys.verify(&token).unwrap_err(), TokenError::Invalid);

        let wrong_aud = JwtKeys::new(&cfg(SECRET, "someone-else"));
        let token = wrong_aud
            .issue(UserId::new(), TenantId::new(), MemberRole::Owner, 0)
            .unwrap()
            .token;
        assert_eq!(keys.verify(&token).unwrap_err(), TokenError::Invalid);

        // An unsigned token that claims `alg: none`.
        let token = keys
            .issue(UserId::new(), TenantId::new(), MemberRole::Owner, 0)
            .unwrap()
            .token;
        let payload = token.split('.').nth(1).unwrap();
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        assert_eq!(
            keys.verify(&format!("{header}.{payload}.")).unwrap_err(),
            TokenError::Invalid
        );
    }
}
