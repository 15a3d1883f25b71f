//! Queries. Every function takes a scoped transaction (see [`crate::db`]) and, on
//! tenant tables, also filters by that transaction's tenant: the code scopes by
//! construction and row-level security scopes again underneath.

pub mod api_keys;
pub mod assistants;
pub mod chat_events;
pub mod chat_reads;
pub mod chats;
pub mod conversations;
pub mod deleted_chats;
pub mod invitations;
pub mod knowledge;
pub mod memberships;
pub mod messages;
pub mod revoked_tokens;
pub mod tenants;
pub mod usage;
pub mod users;
pub mod webhooks;
