//! The realtime node with real socket.io-client scenarios: refusals, limits, the
//! dashboard namespace. The reply pipeline itself is tested in the worker crate.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod agents;
mod first_message;
mod flood;
mod frames;
mod handoff;
mod identity;
mod origins;
mod outage;
mod paused;
mod refusals;
mod slow_clients;
mod stall;
