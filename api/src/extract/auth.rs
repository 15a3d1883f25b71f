//! Authentication and authorization, resolved before a handler's body runs.
//!
//! A handler names what it needs in its signature — `member: Member<Admin>` — and gets
//! a transaction that acts for a caller who meets it ([`ActingTx`]). The token is
//! checked (signature, algorithm, issuer, audience, expiry), then the membership and role
//! are re-read inside that transaction, so a removed or demoted member is refused at once
//! whatever the token says. There is no other way for a handler to reach tenant data, so
//! forgetting the check does not compile.
//!
//! In the OpenAPI spec each operation lists the bearer scheme under a name that carries
//! the requirement (`bearerAuth@admin`); `crate::spec` folds those back into one
//! `bearerAuth` scheme and writes who may call into the operation's description.

use std::marker::PhantomData;

use kremna_shared::{
    auth::{AccessClaims, JwtKeys, Requirement},
    db::ActingTx,
};
use poem::{Request, RequestBody};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions,
    auth::{Bearer, BearerAuthorization},
    registry::{MetaSecurityScheme, Registry},
};

use crate::{error::ApiError, state::AppState};

/// A signed-in member whose current role meets `R`, with a transaction acting for them.
pub struct Member<R: Requirement> {
    /// Scoped to the member's tenant; commit it when done.
    pub tx: ActingTx,
    pub claims: AccessClaims,
    requirement: PhantomData<R>,
}

/// The security scheme's name in the spec before `crate::spec` folds it: the base name,
/// `@`, and the least role.
pub trait SchemeName {
    const SCHEME: &'static str;
}

macro_rules! scheme_names {
    ($($ty:ident => $name:literal),+ $(,)?) => {
        $(impl SchemeName for kremna_shared::auth::$ty {
            const SCHEME: &'static str = $name;
        })+
    };
}

scheme_names! {
    Agent => "bearerAuth@agent",
    Admin => "bearerAuth@admin",
    Owner => "bearerAuth@owner",
}

/// The one bearer scheme the published spec shows.
pub const BEARER_SCHEME: &str = "bearerAuth";

impl<'a, R: Requirement + SchemeName> ApiExtractor<'a> for Member<R> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::SecurityScheme];

    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        registry.create_security_scheme(
            R::SCHEME,
            MetaSecurityScheme {
                ty: "http",
                description: Some(R::DESCRIBED),
                name: None,
                key_in: None,
                scheme: Some("bearer"),
                bearer_format: Some("JWT"),
                flows: None,
                openid_connect_url: None,
            },
        );
    }

    fn security_schemes() -> Vec<&'static str> {
        vec![R::SCHEME]
    }

    async fn from_request(
        req: &'a Request,
        _body: &mut RequestBody,
        _param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        let bearer = <Bearer as BearerAuthorization>::from_request(req)
            .map_err(|_| ApiError::unauthorized_missing())?;
        let keys = req.data::<JwtKeys>().ok_or_else(|| {
            ApiError::internal(anyhow::anyhow!("JwtKeys missing from request data"))
        })?;
        let claims = keys.verify(&bearer.token).map_err(ApiError::from)?;
        let state = req.data::<AppState>().ok_or_else(|| {
            ApiError::internal(anyhow::anyhow!("AppState missing from request data"))
        })?;
        let tx = state
            .db
            .member::<R>(&claims)
            .await
            .map_err(ApiError::from)?;
        Ok(Self {
            tx,
            claims,
            requirement: PhantomData,
        })
    }
}
