//! The `after` cursor of `GET /chats`: where the next page starts, in keyset form
//! (`last_message_at`, `id`), so pages stay stable while new chats arrive.
//!
//! Written `{microseconds since 1970}-{chat id, 32 hex digits}`, so the spec's pattern
//! ([`PATTERN`]) says exactly what is accepted: every string it matches decodes (a
//! position no chat has simply starts the page there). Clients still pass
//! `next_cursor` as given. The parameter was first named `cursor`; that name is still
//! accepted (deprecated in the spec) so older clients keep paging.

use chrono::DateTime;
use kremna_shared::{ids::ChatId, repo::chats::ChatCursor};

use crate::error::ApiError;

/// Published in the spec for the `after` (and deprecated `cursor`) parameter. 16 digits of microseconds reach
/// the year 2286, well inside what the server's and Postgres's times can hold.
pub const PATTERN: &str = "^[0-9]{1,16}-[0-9a-f]{32}$";

pub fn encode(cursor: &ChatCursor) -> String {
    format!(
        "{}-{}",
        cursor.last_message_at.timestamp_micros().max(0),
        cursor.id.as_uuid().simple()
    )
}

/// The page position from `after` or its old name `cursor`. Both may be given only
/// when they agree: two different positions would leave one silently ignored.
pub fn one_of(after: Option<String>, cursor: Option<String>) -> Result<Option<String>, ApiError> {
    match (after, cursor) {
        (Some(after), Some(cursor)) if after != cursor => Err(ApiError::InvalidParameter {
            name: "cursor".into(),
            message: "is the old name of `after`; give only `after`".into(),
        }),
        (after, cursor) => Ok(after.or(cursor)),
    }
}

pub fn decode(raw: &str) -> Result<ChatCursor, ApiError> {
    let invalid = || ApiError::InvalidParameter {
        name: "after".into(),
        message: format!("must match {PATTERN} (use `next_cursor` as given)"),
    };
    let (micros, id) = raw.split_once('-').ok_or_else(invalid)?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>, hex: bool| {
        n.contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (hex && (b'a'..=b'f').contains(&b)))
    };
    if !digits(micros, 1..=16, false) || !digits(id, 32..=32, true) {
        return Err(invalid());
    }
    let micros: i64 = micros.parse().map_err(|_| invalid())?;
    let id = uuid::Uuid::try_parse(id).map_err(|_| invalid())?;
    Ok(ChatCursor {
        last_message_at: DateTime::from_timestamp_micros(micros).ok_or_else(invalid)?,
        id: ChatId::from_uuid(id),
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    #[test]
    fn round_trips_and_refuses_what_the_pattern_refuses() {
        let cursor = ChatCursor {
            last_message_at: Utc.timestamp_micros(1_732_000_000_123_456).unwrap(),
            id: ChatId::new(),
        };
        assert_eq!(decode(&encode(&cursor)).unwrap(), cursor);
        for bad in [
            "",
            "!!!",
            "bm9wZQ",
            "12-abc",
            "-0123456789abcdef0123456789abcdef",
            "12345678901234567-0123456789abcdef0123456789abcdef",
            "12-0123456789ABCDEF0123456789abcdef",
        ] {
            assert!(decode(bad).is_err(), "{bad}");
        }
        // The largest and smallest values the pattern allows decode: the spec's promise.
        for good in [
            "9999999999999999-ffffffffffffffffffffffffffffffff",
            "0-00000000000000000000000000000000",
        ] {
            assert!(decode(good).is_ok(), "{good}");
        }
    }
}
