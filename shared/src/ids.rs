//! Typed ids: a `ChatId` cannot be passed where an `AssistantId` goes.
//!
//! Chats and messages use UUIDv7 (time-ordered) so that "every message after X" is an
//! index range and ids sort by creation; the others are random UUIDv4.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident, $new:expr) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            sqlx::Type,
        )]
        #[sqlx(transparent)]
        // A newtype struct serialises as its inner value in serde already (no
        // `#[serde(transparent)]`, which ts-rs cannot read).
        #[cfg_attr(feature = "openapi", derive(poem_openapi::NewType))]
        #[cfg_attr(feature = "openapi", oai(from_multipart = false, to_header = false))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh id.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self($new)
            }

            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

typed_id!(
    /// A tenant: one company (workspace) and everything it owns.
    TenantId,
    Uuid::new_v4()
);
typed_id!(
    /// A person who signs in to the dashboard; may belong to several tenants.
    UserId,
    Uuid::new_v4()
);
typed_id!(
    /// An AI assistant configured by a tenant.
    AssistantId,
    Uuid::new_v4()
);
typed_id!(
    /// A conversation between one visitor and one assistant.
    ChatId,
    Uuid::now_v7()
);
typed_id!(
    /// One message of a chat; time-ordered.
    MessageId,
    Uuid::now_v7()
);
typed_id!(
    /// An invitation to join a workspace, by link.
    InvitationId,
    Uuid::new_v4()
);
typed_id!(
    /// A partner API key.
    ApiKeyId,
    Uuid::new_v4()
);
typed_id!(
    /// A knowledge-base source: pasted text, an uploaded file or a web page.
    SourceId,
    Uuid::new_v4()
);
typed_id!(
    /// One chunk of a knowledge-base source.
    ChunkId,
    Uuid::new_v4()
);
typed_id!(
    /// A URL a workspace receives signed webhooks at.
    WebhookEndpointId,
    Uuid::new_v4()
);
typed_id!(
    /// One event sent (or to be sent) to one webhook endpoint; time-ordered.
    WebhookDeliveryId,
    Uuid::now_v7()
);
