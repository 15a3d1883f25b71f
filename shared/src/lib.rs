//! The library the three Kremna services share.
//!
//! * [`config`]: layered configuration, validated once at start-up.
//! * [`ids`] and [`domain`]: typed ids and request values parsed into domain types.
//! * [`db`]: the only way to reach Postgres — transactions that carry their scope
//!   (tenant, user or login) and set it for row-level security.
//! * [`repo`]: queries, each taking a scoped transaction.
//! * [`auth`]: password hashing and access tokens.
//! * [`ratelimit`]: fixed-window counters in Redis.
//! * [`analytics`]: the latency histogram and price table behind usage reports.

pub mod analytics;
pub mod auth;
pub mod config;
pub mod db;
pub mod domain;
pub mod embedding;
pub mod events;
pub mod ids;
pub mod jobs;
pub mod ratelimit;
#[cfg(feature = "realtime")]
pub mod realtime;
pub mod repo;
pub mod shutdown;
pub mod telemetry;

#[cfg(feature = "testing")]
pub mod testing;
