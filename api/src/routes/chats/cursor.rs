//! The opaque `cursor` of `GET /chats`: where the next page starts, in keyset form
//! (`last_message_at`, `id`), so pages stay stable while new chats arrive.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::DateTime;
use kremna_shared::{ids::ChatId, repo::chats::ChatCursor};

use crate::error::ApiError;

pub fn encode(cursor: &ChatCursor) -> String {
    let raw = format!(
        "{}|{}",
        cursor.last_message_at.timestamp_micros(),
        cursor.id
    );
    URL_SAFE_NO_PAD.encode(raw)
}

pub fn decode(raw: &str) -> Result<ChatCursor, ApiError> {
    let invalid = || ApiError::InvalidParameter {
        name: "cursor".into(),
        message: "is not a cursor this API issued (use `next_cursor` as given)".into(),
    };
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (micros, id) = text.split_once('|').ok_or_else(invalid)?;
    let micros: i64 = micros.parse().map_err(|_| invalid())?;
    Ok(ChatCursor {
        last_message_at: DateTime::from_timestamp_micros(micros).ok_or_else(invalid)?,
        id: id.parse::<ChatId>().map_err(|_| invalid())?,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    #[test]
    fn round_trips_and_refuses_garbage() {
        let cursor = ChatCursor {
            last_message_at: Utc.timestamp_micros(1_732_000_000_123_456).unwrap(),
            id: ChatId::new(),
        };
        assert_eq!(decode(&encode(&cursor)).unwrap(), cursor);
        for bad in ["", "!!!", "bm9wZQ", "MTIzfG5vdC1hLXV1aWQ"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
