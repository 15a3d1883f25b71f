//! The REST API's one error type, and the one JSON shape every error takes:
//! `{"error": {"code": "snake_case_code", "message": "…", "details": …}}`.
//!
//! Internal causes are logged here, with the request's span, and answered with an
//! opaque `internal_error`: SQL, stack traces and provider messages never reach clients.

use std::time::Duration;

use kremna_shared::{
    auth::TokenError,
    db::{RepoError, SessionError},
    domain::FieldError,
    error_code::ErrorCode,
};
use poem::{
    IntoResponse, Response,
    error::ResponseError,
    http::{StatusCode, header},
};
use poem_openapi::{
    ApiResponse, Object,
    error::{AuthorizationError, ContentTypeError, ParseParamError, ParsePathError},
    registry::{MetaHeader, MetaMediaType, MetaResponse, MetaResponses, Registry},
    types::{ToJSON, Type},
};
use serde_json::{Value, json};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON at all (or not the declared content type).
    #[error("{0}")]
    MalformedBody(String),
    /// A path or query parameter could not be parsed.
    #[error("parameter `{name}` {message}")]
    InvalidParameter { name: String, message: String },
    #[error("the content type must be application/json")]
    UnsupportedMediaType,
    #[error("this method is not allowed on this route")]
    MethodNotAllowed,
    #[error("the request body exceeds {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// Well-formed JSON whose content is not acceptable; names the field.
    #[error("{0}")]
    Validation(FieldError),
    /// A new password that is too easy to guess (`weak_password`); names the field.
    #[error("{0}")]
    WeakPassword(FieldError),
    #[error("{message}")]
    Unauthorized {
        code: ErrorCode,
        message: &'static str,
    },
    #[error("{0}")]
    Forbidden(&'static str),
    /// The resource does not exist *for this tenant* (another tenant's id looks the same).
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{message}")]
    Conflict {
        code: ErrorCode,
        message: &'static str,
    },
    /// A refusal with its own code and status (an unusable invitation link, a wrong
    /// current password).
    #[error("{message}")]
    Refused {
        status: StatusCode,
        code: ErrorCode,
        message: &'static str,
    },
    #[error("too many requests; retry in {} s", retry_after.as_secs())]
    RateLimited { retry_after: Duration },
    #[error("a dependency is unavailable")]
    Unavailable(#[source] anyhow::Error),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The error envelope.
#[derive(Debug, Object)]
#[oai(rename = "Error")]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Object)]
#[oai(rename = "ErrorBody")]
pub struct ErrorBody {
    /// A stable, machine-readable code, e.g. `validation_failed`, `not_found`.
    pub code: ErrorCode,
    /// A sentence for people; may change between versions.
    pub message: String,
    /// Structured detail when there is some, e.g. `{"field": "name"}`; otherwise null.
    #[oai(nullable)]
    pub details: Option<Value>,
}

impl ApiError {
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        Self::Internal(err.into())
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(FieldError::new(field, message))
    }

    /// No credentials at all.
    pub fn unauthorized_missing() -> Self {
        Self::Unauthorized {
            code: ErrorCode::MissingToken,
            message: "this request needs an `Authorization: Bearer <token>` header",
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::MalformedBody(_) | Self::InvalidParameter { .. } => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Validation(_) | Self::WeakPassword(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Refused { status, .. } => *status,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> ErrorBody {
        let (code, details) = match self {
            Self::MalformedBody(_) => (ErrorCode::MalformedBody, None),
            Self::InvalidParameter { name, .. } => (
                ErrorCode::InvalidParameter,
                Some(json!({ "parameter": name })),
            ),
            Self::UnsupportedMediaType => (ErrorCode::UnsupportedMediaType, None),
            Self::MethodNotAllowed => (ErrorCode::MethodNotAllowed, None),
            Self::PayloadTooLarge { limit } => (
                ErrorCode::PayloadTooLarge,
                Some(json!({ "limit_bytes": limit })),
            ),
            Self::Validation(err) => (
                ErrorCode::ValidationFailed,
                Some(json!({ "field": err.field })),
            ),
            Self::WeakPassword(err) => {
                (ErrorCode::WeakPassword, Some(json!({ "field": err.field })))
            }
            Self::Unauthorized { code, .. }
            | Self::Conflict { code, .. }
            | Self::Refused { code, .. } => (*code, None),
            Self::Forbidden(_) => (ErrorCode::Forbidden, None),
            Self::NotFound(resource) => {
                (ErrorCode::NotFound, Some(json!({ "resource": resource })))
            }
            Self::RateLimited { retry_after } => (
                ErrorCode::RateLimited,
                Some(json!({ "retry_after_seconds": retry_after.as_secs() })),
            ),
            Self::Unavailable(_) => (ErrorCode::ServiceUnavailable, None),
            Self::Internal(_) => (ErrorCode::InternalError, None),
        };
        let message = match self {
            Self::Validation(err) | Self::WeakPassword(err) => {
                format!("`{}` {}", err.field, err.message)
            }
            Self::Unavailable(_) => {
                "a service this request needs is unavailable; try again shortly".to_owned()
            }
            Self::Internal(_) => "something went wrong on our side; it has been logged".to_owned(),
            other => other.to_string(),
        };
        ErrorBody {
            code,
            message,
            details,
        }
    }

    /// Maps errors raised by poem / poem-openapi before a handler runs (bad path
    /// parameters, missing credentials, wrong content type, an unknown route…).
    pub fn from_poem(err: poem::Error) -> Self {
        if err.is::<ApiError>() {
            return match err.downcast::<ApiError>() {
                Ok(api) => api,
                Err(other) => Self::internal(anyhow::anyhow!("{other}")),
            };
        }
        if let Some(e) = err.downcast_ref::<ParsePathError>() {
            // Path parameters go through `extract::Path`, which names them; this is a
            // fallback for a raw poem-openapi path parameter.
            return Self::InvalidParameter {
                name: e.name.to_owned(),
                message: describe_param_reason(&e.reason),
            };
        }
        if let Some(e) = err.downcast_ref::<ParseParamError>() {
            return Self::InvalidParameter {
                name: e.name.to_owned(),
                message: describe_param_reason(&e.reason),
            };
        }
        if err.is::<AuthorizationError>() {
            return Self::unauthorized_missing();
        }
        if err.is::<ContentTypeError>() {
            return Self::UnsupportedMediaType;
        }
        match err.status() {
            StatusCode::NOT_FOUND => Self::NotFound("route"),
            StatusCode::METHOD_NOT_ALLOWED => Self::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => Self::PayloadTooLarge { limit: 0 },
            StatusCode::UNAUTHORIZED => Self::Unauthorized {
                code: ErrorCode::InvalidToken,
                message: "the access token is invalid",
            },
            status if status.is_client_error() => Self::MalformedBody(err.to_string()),
            _ => Self::internal(anyhow::anyhow!("{err}")),
        }
    }

    fn log(&self) {
        match self {
            Self::Internal(cause) => tracing::error!(error = ?cause, "internal error"),
            Self::Unavailable(cause) => tracing::warn!(error = ?cause, "dependency unavailable"),
            _ => {}
        }
    }
}

pub(crate) fn describe_param_reason(reason: &str) -> String {
    if reason.contains("uuid") || reason.contains("UUID") || reason.contains("invalid character") {
        "must be a UUID".to_owned()
    } else if reason.contains("expects an input value") {
        "is required".to_owned()
    } else {
        format!("is invalid: {reason}")
    }
}

impl ResponseError for ApiError {
    fn status(&self) -> StatusCode {
        ApiError::status(self)
    }

    fn as_response(&self) -> Response {
        self.to_response()
    }
}

impl ApiError {
    fn to_response(&self) -> Response {
        self.log();
        let body = ErrorEnvelope { error: self.body() };
        let mut response = Response::builder()
            .status(self.status())
            .content_type("application/json; charset=utf-8")
            .body(body.to_json_string());
        if let Self::RateLimited { retry_after } = self
            && let Ok(value) = retry_after.as_secs().max(1).to_string().parse()
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.to_response()
    }
}

/// Every documented error status, with what it means.
const DOCUMENTED: &[(u16, &str)] = &[
    (
        400,
        "Malformed JSON body or an unparseable path/query parameter (`malformed_body`, `invalid_parameter`).",
    ),
    (
        401,
        "Missing, invalid or expired access token, or wrong credentials (`missing_token`, `invalid_token`, `token_expired`, `invalid_credentials`).",
    ),
    (
        403,
        "Signed in, but the role does not allow this (`forbidden`).",
    ),
    (
        404,
        "No such resource in your workspace (`not_found`). Another workspace's ids answer the same. An unusable invitation link answers `invitation_invalid`.",
    ),
    (
        409,
        "Conflicts with existing data (e.g. `email_taken`, `already_member`, `last_owner`).",
    ),
    (413, "The request body is too large (`payload_too_large`)."),
    (
        415,
        "The body must be `application/json` (`unsupported_media_type`).",
    ),
    (
        422,
        "Well-formed JSON that fails validation; `details.field` names the field (`validation_failed`, or `weak_password` for a password that is too easy to guess); a wrong current password answers `wrong_password`.",
    ),
    (
        429,
        "Rate limited (`rate_limited`); retry after `Retry-After` seconds.",
    ),
    (
        500,
        "Unexpected server error (`internal_error`); details are logged, never returned.",
    ),
    (
        503,
        "A dependency (database, Redis) is unavailable (`service_unavailable`).",
    ),
];

impl ApiResponse for ApiError {
    const BAD_REQUEST_HANDLER: bool = true;

    fn meta() -> MetaResponses {
        MetaResponses {
            responses: DOCUMENTED
                .iter()
                .map(|(status, description)| MetaResponse {
                    description,
                    status: Some(*status),
                    status_range: None,
                    content: vec![MetaMediaType {
                        content_type: "application/json; charset=utf-8",
                        schema: ErrorEnvelope::schema_ref(),
                    }],
                    headers: if *status == 429 {
                        vec![MetaHeader {
                            name: "Retry-After".into(),
                            description: Some("Seconds to wait before retrying.".into()),
                            required: true,
                            deprecated: false,
                            schema: u64::schema_ref(),
                        }]
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
        }
    }

    fn register(registry: &mut Registry) {
        ErrorEnvelope::register(registry);
    }

    fn from_parse_request_error(err: poem::Error) -> Self {
        Self::from_poem(err)
    }
}

impl From<RepoError> for ApiError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::Database(err) => err.into(),
            other => Self::internal(other),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                Self::Unavailable(err.into())
            }
            other => Self::internal(other),
        }
    }
}

impl From<SessionError> for ApiError {
    fn from(err: SessionError) -> Self {
        match err {
            SessionError::NotMember => Self::Unauthorized {
                code: ErrorCode::InvalidToken,
                message: "this account is no longer a member of the workspace",
            },
            SessionError::Revoked => Self::Unauthorized {
                code: ErrorCode::InvalidToken,
                message: "this access token was signed out; sign in again",
            },
            SessionError::Forbidden { .. } => {
                Self::Forbidden("your role in this workspace does not allow this")
            }
            SessionError::Database(db) => db.into(),
        }
    }
}

impl From<TokenError> for ApiError {
    fn from(err: TokenError) -> Self {
        match err {
            TokenError::Expired => Self::Unauthorized {
                code: ErrorCode::TokenExpired,
                message: "the access token has expired; sign in again",
            },
            TokenError::Invalid => Self::Unauthorized {
                code: ErrorCode::InvalidToken,
                message: "the access token is invalid",
            },
        }
    }
}

impl From<FieldError> for ApiError {
    fn from(err: FieldError) -> Self {
        Self::Validation(err)
    }
}
