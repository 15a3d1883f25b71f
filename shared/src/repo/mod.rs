//! Queries. Every function takes a scoped transaction (see [`crate::db`]) and, on
//! tenant tables, also filters by that transaction's tenant: the code scopes by
//! construction and row-level security scopes again underneath.

pub mod assistants;
pub mod chats;
pub mod invitations;
pub mod memberships;
pub mod messages;
pub mod tenants;
pub mod usage;
pub mod users;
