//! `JsonBody<T>`: a JSON request body whose schema comes from `T`'s poem-openapi
//! `Object` derive (so the spec documents it) but which is parsed with serde, tracking
//! the path of the offending field. poem-openapi's own parser loses the field name on
//! type errors and missing fields; every validation failure here names it.
//!
//! The body is read with a size limit (chunked bodies included), so an oversized
//! payload is refused without being buffered whole.

use poem::{Request, RequestBody};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions,
    payload::{ParsePayload, Payload},
    registry::{MetaMediaType, MetaRequest, MetaSchemaRef, Registry},
    types::Type,
};
use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::error::ApiError;

pub struct JsonBody<T>(pub T);

/// The largest body the API reads; put in the request data by the app.
#[derive(Clone, Copy)]
pub struct BodyLimit(pub usize);

impl<T: Type> Payload for JsonBody<T> {
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";

    fn check_content_type(content_type: &str) -> bool {
        matches!(content_type.parse::<mime::Mime>(), Ok(mime)
            if mime.type_() == "application"
                && (mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json")))
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Type + DeserializeOwned + Send> ParsePayload for JsonBody<T> {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        let limit = request.data::<BodyLimit>().map_or(256 * 1024, |l| l.0);
        let bytes = body
            .take()
            .map_err(|_| ApiError::MalformedBody("the request body was already read".into()))?
            .into_bytes_limit(limit)
            .await
            .map_err(|err| match err {
                poem::error::ReadBodyError::PayloadTooLarge => ApiError::PayloadTooLarge { limit },
                other => ApiError::MalformedBody(format!("could not read the body: {other}")),
            })?;
        let value = parse::<T>(&bytes)?;
        declared_limits::<T>(&bytes)?;
        Ok(Self(value))
    }
}

/// The limits the body's schema declares, checked after serde accepted it (so this
/// can refuse more, never less).
fn declared_limits<T: Type>(bytes: &[u8]) -> Result<(), ApiError> {
    let whole: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|err| ApiError::MalformedBody(strip_position(&err.to_string())))?;
    super::declared::check::<T>(&whole)
}

/// Parses `bytes` as `T`, classifying failures as malformed JSON (400) or a field that
/// does not fit (422, with the field's path).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::MalformedBody(
            "the request body must be a JSON object".into(),
        ));
    }
    // serde would accept `[..]` for a struct, field by position; the API takes objects.
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Err(
            match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                Ok(_) => ApiError::validation("body", "must be a JSON object"),
                Err(err) => ApiError::MalformedBody(format!(
                    "the body is not valid JSON: {}",
                    strip_position(&err.to_string())
                )),
            },
        );
    }
    // No request field is nullable in the spec; serde would read `null` as "absent" for
    // an optional field, so refuse it here, by name.
    if let Ok(whole) = serde_json::from_slice::<serde_json::Value>(bytes)
        && let Some(path) = first_null(&whole, "")
    {
        return Err(ApiError::validation(
            path,
            "must not be null; leave it out instead",
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            Category::Data => field_error(&path, &inner.to_string()),
            Category::Syntax | Category::Eof | Category::Io => ApiError::MalformedBody(format!(
                "the body is not valid JSON: {}",
                strip_position(&inner.to_string())
            )),
        }
    })?;
    de.end().map_err(|err| {
        ApiError::MalformedBody(format!(
            "the body is not valid JSON: {}",
            strip_position(&err.to_string())
        ))
    })?;
    Ok(value)
}

/// The path of the first `null` inside `value` (`theme.primary_color`, `origins[2]`).
fn first_null(value: &serde_json::Value, at: &str) -> Option<String> {
    match value {
        serde_json::Value::Null if !at.is_empty() => Some(at.to_owned()),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            let path = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            first_null(v, &path)
        }),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| first_null(v, &format!("{at}[{i}]"))),
        _ => None,
    }
}

/// Builds the 422 for a data error. serde reports a missing or unknown field at the
/// object's path, with the field's name only in the message: move it into the path.
fn field_error(path: &str, message: &str) -> ApiError {
    let message = strip_position(message);
    // The path may or may not already end with the field (serde_path_to_error adds
    // it for unknown fields, not for missing ones).
    let at = |name: &str| {
        if path == "." || path.is_empty() || path == name {
            name.to_owned()
        } else if path.ends_with(&format!(".{name}")) {
            path.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    if let Some(name) = backticked_after(&message, "missing field ") {
        return ApiError::validation(at(&name), "is required");
    }
    if let Some(name) = backticked_after(&message, "unknown field ") {
        return ApiError::validation(at(&name), "is not a known field");
    }
    if path == "." || path.is_empty() {
        return ApiError::validation("body", message.replace("invalid type: ", "is "));
    }
    ApiError::validation(path, message.replace("invalid type: ", "is "))
}

fn backticked_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    rest.split('`').next().map(str::to_owned)
}

/// serde_json appends " at line 1 column 12"; clients need the field, not the column.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(idx) => message[..idx].to_owned(),
        None => message.to_owned(),
    }
}

impl<'a, T: Type + DeserializeOwned + Send> ApiExtractor<'a> for JsonBody<T> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];

    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        <Self as Payload>::register(registry);
    }

    fn request_meta() -> Option<MetaRequest> {
        Some(MetaRequest {
            description: None,
            content: vec![MetaMediaType {
                content_type: <Self as Payload>::CONTENT_TYPE,
                schema: <Self as Payload>::schema_ref(),
            }],
            required: true,
        })
    }

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        match request.content_type() {
            Some(content_type) if <Self as Payload>::check_content_type(content_type) => {
                <Self as ParsePayload>::from_request(request, body).await
            }
            _ => Err(ApiError::UnsupportedMediaType.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        color: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        count: Option<u32>,
        theme: Option<Inner>,
        origins: Option<Vec<String>>,
    }

    fn field_of(err: ApiError) -> String {
        match err {
            ApiError::Validation(f) => f.field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn every_data_error_names_its_field() {
        assert_eq!(
            field_of(parse::<Body>(br#"{"name": 5}"#).unwrap_err()),
            "name"
        );
        assert_eq!(field_of(parse::<Body>(br#"{}"#).unwrap_err()), "name");
        assert_eq!(
            field_of(parse::<Body>(br#"{"name":"a","count":-1}"#).unwrap_err()),
            "count"
        );
        assert_eq!(
            field_of(parse::<Body>(br#"{"name":"a","theme":{}}"#).unwrap_err()),
            "theme.color"
        );
        assert_eq!(
            field_of(parse::<Body>(br#"{"name":"a","origins":["x",3]}"#).unwrap_err()),
            "origins[1]"
        );
        assert_eq!(
            field_of(parse::<Body>(br#"{"name":"a","fullName":"b"}"#).unwrap_err()),
            "fullName"
        );
        assert_eq!(field_of(parse::<Body>(br#"[1,2]"#).unwrap_err()), "body");
    }

    #[test]
    fn broken_json_is_malformed() {
        for bad in [
            &b""[..],
            b"{",
            b"{\"name\": }",
            b"{\"name\":\"a\"} trailing",
            b"nul",
        ] {
            assert!(
                matches!(parse::<Body>(bad), Err(ApiError::MalformedBody(_))),
                "{bad:?}"
            );
        }
    }
}
