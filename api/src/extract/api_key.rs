//! Partners' API keys: the gate every API request passes, and the `Caller<R, S>`
//! extractor that accepts a member's token or a key.
//!
//! A key arrives as `Authorization: Bearer kr_…` or `X-API-Key: kr_…`. [`KeyGate`]
//! (middleware around the API) finds it by the SHA-256 of the whole secret, refuses a
//! revoked, expired or unknown key at once (401), counts the request against the key's
//! per-minute limit (429 + `Retry-After`), puts the found key in the request, and writes
//! `RateLimit-Limit/Remaining/Reset` on whatever the handler answers. The handler's
//! [`Caller`] then opens the key's tenant-scoped transaction, where the key's
//! permissions on the operation's resource are read again under row-level security
//! (missing permission: 403).

use std::marker::PhantomData;

use chrono::Utc;
use kremna_shared::{
    auth::{KeyHash, Principal, Requirement, Resource, api_key::looks_like_key},
    db::{ActingTx, KeyLookup, KeySessionError, KeyStatus},
    error_code::ErrorCode,
    ratelimit::{Bucket, Limit, Quota},
};
use poem::{Endpoint, IntoResponse, Middleware, Request, RequestBody, Response, http::HeaderValue};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions,
    registry::{MetaSecurityScheme, Registry},
};

use super::auth::{Member, SchemeName};
use crate::{error::ApiError, state::AppState};

/// The header a key may come in instead of `Authorization`.
pub const API_KEY_HEADER: &str = "x-api-key";

/// The key credential of a request, if it carries one.
fn key_credential(req: &Request) -> Option<&str> {
    if let Some(value) = req.headers().get(API_KEY_HEADER) {
        return Some(value.to_str().unwrap_or_default());
    }
    let auth = req.headers().get(poem::http::header::AUTHORIZATION)?;
    let token = auth.to_str().ok()?.strip_prefix("Bearer ")?.trim();
    looks_like_key(token).then_some(token)
}

/// The key found for this request by [`KeyGate`].
#[derive(Debug, Clone)]
pub struct AuthenticatedKey(pub KeyLookup);

/// Middleware: authenticates and rate-limits API-key requests (see the module docs).
pub struct KeyGate;

impl<E: Endpoint> Middleware<E> for KeyGate {
    type Output = KeyGateEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        KeyGateEndpoint { inner: ep }
    }
}

pub struct KeyGateEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for KeyGateEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        let Some(credential) = key_credential(&req) else {
            return self.inner.call(req).await.map(IntoResponse::into_response);
        };
        let hash = KeyHash::of(credential);
        let state = req
            .data::<AppState>()
            .cloned()
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
        let key = state
            .db
            .api_key_by_hash(&hash)
            .await
            .map_err(ApiError::internal)?
            .ok_or(ApiError::Unauthorized {
                code: ErrorCode::InvalidToken,
                message: "the API key is not valid",
            })?;
        match key.status(Utc::now()) {
            KeyStatus::Live => {}
            KeyStatus::Revoked => return Err(revoked().into()),
            KeyStatus::Expired => {
                return Err(ApiError::Unauthorized {
                    code: ErrorCode::ApiKeyExpired,
                    message: "the API key has expired",
                }
                .into());
            }
        }
        let per_minute = key
            .rate_limit_per_minute
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(state.config.http.api_key_requests_per_minute);
        let quota = state
            .limiter
            .quota(Bucket::ApiKey(key.id), Limit::per_minute(per_minute))
            .await
            .map_err(|e| ApiError::Unavailable(e.into()))?;
        if !quota.allowed {
            let mut response = ApiError::RateLimited {
                retry_after: quota.reset,
            }
            .into_response();
            rate_limit_headers(&mut response, &quota);
            return Ok(response);
        }
        req.extensions_mut().insert(AuthenticatedKey(key.clone()));
        let mut response = match crate::idempotency::guard(&self.inner, req, &key).await {
            Ok(response) => response,
            Err(err) => err.into_response(),
        };
        rate_limit_headers(&mut response, &quota);
        Ok(response)
    }
}

fn revoked() -> ApiError {
    ApiError::Unauthorized {
        code: ErrorCode::ApiKeyRevoked,
        message: "the API key has been revoked",
    }
}

/// The IETF draft's `RateLimit-*` fields, on every answer to a key.
fn rate_limit_headers(response: &mut Response, quota: &Quota) {
    let headers = response.headers_mut();
    for (name, value) in [
        ("ratelimit-limit", quota.limit.to_string()),
        ("ratelimit-remaining", quota.remaining.to_string()),
        ("ratelimit-reset", quota.reset.as_secs().to_string()),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
}

/// What a key permission guards, named in a [`Caller`]'s type.
pub trait ResourceMarker: Send + Sync + 'static {
    const RESOURCE: Resource;
    /// The key schemes' names in the spec before `crate::spec` folds them:
    /// `[bearer, header]` for read, then for write.
    const SCHEMES: [[&'static str; 2]; 2];
}

/// Marker types for [`Caller`]'s second parameter.
pub mod res {
    use super::{Resource, ResourceMarker};

    macro_rules! resources {
        ($($ty:ident => $name:literal),+ $(,)?) => {
            $(
                pub struct $ty;
                impl ResourceMarker for $ty {
                    const RESOURCE: Resource = Resource::$ty;
                    const SCHEMES: [[&'static str; 2]; 2] = [
                        [
                            concat!("apiKeyBearer@", $name, ":read"),
                            concat!("apiKeyHeader@", $name, ":read"),
                        ],
                        [
                            concat!("apiKeyBearer@", $name, ":write"),
                            concat!("apiKeyHeader@", $name, ":write"),
                        ],
                    ];
                }
            )+
        };
    }

    resources! {
        Assistants => "assistants",
        Chats => "chats",
        Analytics => "analytics",
        Webhooks => "webhooks",
    }
}

/// Base names of the two key schemes in the published spec.
pub const KEY_BEARER_SCHEME: &str = "apiKeyBearer";
pub const KEY_HEADER_SCHEME: &str = "apiKeyHeader";

/// A caller that meets `R`: a signed-in member (as [`Member<R>`]), or an API key with
/// the access `R` asks of keys on resource `S`. Handlers use `tx` as with `Member`.
pub struct Caller<R: Requirement, S: ResourceMarker> {
    pub tx: ActingTx,
    requirement: PhantomData<(R, S)>,
}

impl<R: Requirement, S: ResourceMarker> Caller<R, S> {
    pub fn principal(&self) -> &Principal {
        self.tx.principal()
    }

    fn key_schemes() -> Option<[&'static str; 2]> {
        R::KEY_ACCESS.map(|access| match access {
            kremna_shared::auth::KeyAccess::Read => S::SCHEMES[0],
            kremna_shared::auth::KeyAccess::Write => S::SCHEMES[1],
        })
    }
}

impl<'a, R: Requirement + SchemeName, S: ResourceMarker> ApiExtractor<'a> for Caller<R, S> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::SecurityScheme];

    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        <Member<R> as ApiExtractor>::register(registry);
        if let Some([bearer, header]) = Self::key_schemes() {
            registry.create_security_scheme(
                bearer,
                MetaSecurityScheme {
                    ty: "http",
                    description: Some("A partner API key (`kr_live_…`) as a bearer token."),
                    name: None,
                    key_in: None,
                    scheme: Some("bearer"),
                    bearer_format: Some("kr_live_…"),
                    flows: None,
                    openid_connect_url: None,
                },
            );
            registry.create_security_scheme(
                header,
                MetaSecurityScheme {
                    ty: "apiKey",
                    description: Some("A partner API key (`kr_live_…`) in `X-API-Key`."),
                    name: Some("X-API-Key"),
                    key_in: Some("header"),
                    scheme: None,
                    bearer_format: None,
                    flows: None,
                    openid_connect_url: None,
                },
            );
        }
    }

    fn security_schemes() -> Vec<&'static str> {
        let mut schemes = vec![R::SCHEME];
        if let Some(keys) = Self::key_schemes() {
            schemes.extend(keys);
        }
        schemes
    }

    async fn from_request(
        req: &'a Request,
        body: &mut RequestBody,
        param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        if key_credential(req).is_none() {
            let member = <Member<R> as ApiExtractor>::from_request(req, body, param_opts).await?;
            return Ok(Self {
                tx: member.tx,
                requirement: PhantomData,
            });
        }
        let AuthenticatedKey(key) =
            req.extensions().get::<AuthenticatedKey>().ok_or_else(|| {
                ApiError::internal(anyhow::anyhow!(
                    "an API key request did not pass the KeyGate"
                ))
            })?;
        let state = req
            .data::<AppState>()
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
        let tx = state
            .db
            .key::<R>(key, S::RESOURCE)
            .await
            .map_err(|err| match err {
                KeySessionError::Revoked => revoked(),
                KeySessionError::Forbidden => {
                    ApiError::Forbidden("this API key's permissions do not allow this")
                }
                KeySessionError::Database(e) => ApiError::internal(e),
            })?;
        Ok(Self {
            tx,
            requirement: PhantomData,
        })
    }
}
