//! Client payloads arrive as arbitrary JSON (or not JSON at all). They are parsed here
//! into typed requests; anything else becomes an `invalid_payload` refusal that names
//! the field.

use serde::de::DeserializeOwned;
use serde_json::Value;
use socketioxide::ParserError;
use uuid::Uuid;

use crate::respond::Refusal;

/// Parses the event's first argument as `T` (a JSON object).
pub fn parse<T: DeserializeOwned>(data: Result<Value, ParserError>) -> Result<T, Refusal> {
    let value = data.map_err(|_| Refusal::invalid("The payload must be a JSON object."))?;
    // The original clients send one object; tolerate it wrapped in a one-element array.
    let value = match value {
        Value::Array(mut items) if items.len() == 1 => items.remove(0),
        other => other,
    };
    if !value.is_object() {
        return Err(Refusal::invalid("The payload must be a JSON object."));
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        let field = missing_field(&inner).unwrap_or(path);
        Refusal::invalid(format!("`{field}` is missing or has the wrong type."))
    })
}

fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_owned)
}

/// A required UUID field.
pub fn uuid(field: &str, raw: &str) -> Result<Uuid, Refusal> {
    Uuid::parse_str(raw.trim()).map_err(|_| Refusal::invalid(format!("`{field}` must be a UUID.")))
}

/// An optional short text (ids chosen by the client), bounded and printable.
pub fn short_text(field: &str, raw: Option<String>, max: usize) -> Result<Option<String>, Refusal> {
    match raw {
        None => Ok(None),
        Some(s) if s.is_empty() || s.chars().count() > max || s.chars().any(char::is_control) => {
            Err(Refusal::invalid(format!(
                "`{field}` must be 1–{max} printable characters."
            )))
        }
        Some(s) => Ok(Some(s)),
    }
}

#[cfg(test)]
mod tests {
    use kremna_shared::error_code::ErrorCode;
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Send {
        chat_id: String,
        content: String,
    }

    #[test]
    fn refusals_name_the_field() {
        let err = parse::<Send>(Ok(json!({ "content": "hi" }))).unwrap_err();
        assert!(err.message.contains("chatId"), "{err:?}");
        let err = parse::<Send>(Ok(json!({ "chatId": "x", "content": 5 }))).unwrap_err();
        assert!(err.message.contains("content"), "{err:?}");
        assert_eq!(
            parse::<Send>(Ok(json!("text"))).unwrap_err().code,
            ErrorCode::InvalidPayload
        );
        assert_eq!(
            parse::<Send>(Ok(json!(null))).unwrap_err().code,
            ErrorCode::InvalidPayload
        );
        assert!(parse::<Send>(Ok(json!([{ "chatId": "x", "content": "y" }]))).is_ok());
        assert!(uuid("chatId", "nope").is_err());
        assert!(short_text("visitorId", Some("a\u{0}b".into()), 10).is_err());
    }
}
