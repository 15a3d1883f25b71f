//! The opaque `after` cursors of the conversation API: where the next page starts.
//! Conversations page by id (time-ordered UUIDv7, newest first), messages by their
//! position in the conversation.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use kremna_shared::ids::ChatId;

use crate::error::ApiError;

fn invalid() -> ApiError {
    ApiError::InvalidParameter {
        name: "after".into(),
        message: "is not a cursor this API issued (use `next_cursor` as given)".into(),
    }
}

fn decode(raw: &str, kind: &str) -> Result<String, ApiError> {
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (found, value) = text.split_once(':').ok_or_else(invalid)?;
    if found != kind {
        return Err(invalid());
    }
    Ok(value.to_owned())
}

pub fn encode_conversation(last: ChatId) -> String {
    URL_SAFE_NO_PAD.encode(format!("c:{last}"))
}

pub fn decode_conversation(raw: &str) -> Result<ChatId, ApiError> {
    decode(raw, "c")?.parse().map_err(|_| invalid())
}

pub fn encode_message(last_seq: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("m:{last_seq}"))
}

pub fn decode_message(raw: &str) -> Result<i64, ApiError> {
    decode(raw, "m")?
        .parse::<i64>()
        .ok()
        .filter(|seq| *seq >= 0)
        .ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refuse_the_other_kind_and_garbage() {
        let id = ChatId::new();
        assert_eq!(decode_conversation(&encode_conversation(id)).unwrap(), id);
        assert_eq!(decode_message(&encode_message(42)).unwrap(), 42);
        assert!(decode_message(&encode_conversation(id)).is_err());
        assert!(decode_conversation(&encode_message(1)).is_err());
        for bad in ["", "!!!", "bm9wZQ", &URL_SAFE_NO_PAD.encode("m:-1")] {
            assert!(decode_message(bad).is_err(), "{bad}");
        }
    }
}
