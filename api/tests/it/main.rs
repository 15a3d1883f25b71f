//! The API's integration tests: one binary (link once), the real server on port 0, a
//! fresh database per test, connected as the services' unprivileged role.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// Tests seed and inspect data through the realtime node's and the worker's door.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

mod analytics;
mod api_keys;
mod assets;
mod assistants;
mod auth;
mod chats;
mod errors;
mod handoff;
mod headers;
mod health;
mod identity;
mod isolation;
mod knowledge;
mod knowledge_search;
mod logout;
mod openapi;
mod post_message;
mod rls;
mod slow_clients;
mod spec_patterns;
mod support;
mod team;
mod unread;
mod webhooks;
mod widget;
