//! The library the three Kremna services share.
//!
//! * [`config`]: layered configuration, validated once at start-up.
//! * [`ids`] and [`domain`]: typed ids and request values parsed into domain types.
//! * [`db`]: the only way to reach Postgres — transactions that carry their scope
//!   (tenant, user or login) and set it for row-level security.
//! * [`repo`]: queries, each taking a scoped transaction.
//! * [`auth`]: password hashing and access tokens.
//! * [`auth`]: password hashing, access tokens, and who a request acts for
//!   ([`auth::Principal`], [`auth::Requirement`]).
//! * [`chat`]: the use cases every door shares (posting a message into a chat).
//! * [`error_code`]: every error code a client can receive, REST or socket.
//! * [`ratelimit`]: fixed-window counters in Redis, per typed [`ratelimit::Bucket`].
//! * [`analytics`]: the latency histogram and price table behind usage reports.
//! * [`health`], [`net`], [`service`]: readiness, the client's address and the `main`
//!   skeleton, one copy each for the three services.

pub mod analytics;
pub mod auth;
pub mod chat;
pub mod config;
pub mod db;
pub mod domain;
pub mod embedding;
pub mod error_code;
pub mod events;
pub mod health;
#[cfg(feature = "server")]
pub mod http_server;
pub mod ids;
pub mod jobs;
pub mod knowledge;
pub mod net;
pub mod outbound;
pub mod ratelimit;
#[cfg(feature = "realtime")]
pub mod realtime;
pub mod redis_client;
pub mod repo;
pub mod service;
pub mod shutdown;
pub mod telemetry;
pub mod webhooks;

#[cfg(feature = "testing")]
pub mod testing;
