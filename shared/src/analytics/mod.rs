//! Usage analytics shared by the rollup job (worker) and the report (API): the latency
//! histogram both sides must agree on, and the price table for cost estimates.

pub mod latency;
pub mod prices;
#[cfg(feature = "trusted")]
pub mod rollup;

pub use latency::{LATENCY_BOUNDS_MS, LatencyHistogram};
pub use prices::{ModelPrice, PriceTable};
