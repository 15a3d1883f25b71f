//! Kremna's REST API. `main.rs` wires configuration to [`app::build`]; tests build the
//! same application against a fresh database.

pub mod app;
pub mod assets;
pub mod docs;
pub mod error;
pub mod extract;
pub mod headers;
pub mod idempotency;
pub mod routes;
pub mod spec;
pub mod startup;
pub mod state;
