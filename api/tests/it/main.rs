//! The API's integration tests: one binary (link once), the real server on port 0, a
//! fresh database per test, connected as the services' unprivileged role.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod analytics;
mod assistants;
mod auth;
mod chats;
mod errors;
mod health;
mod isolation;
mod openapi;
mod rls;
mod support;
mod widget;
