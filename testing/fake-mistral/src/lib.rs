//! A test fake of Mistral's API, which is the OpenAI-compatible wire.
//!
//! It speaks the real wire format (`POST /v1/chat/completions`, Server-Sent Events with
//! `data: {chunk}` lines and a final `data: [DONE]`, Mistral-shaped error bodies; and
//! `POST /v1/embeddings` with deterministic vectors in which similar texts are close) and
//! lets a test dial latency (time to first token, inter-token delay) and faults (status
//! codes with `Retry-After`, hangs, mid-stream disconnects, malformed events).
//!
//! ```no_run
//! # async fn demo() {
//! use std::time::Duration;
//! use kremna_fake_mistral::{FakeConfig, FakeMistral, Fault};
//!
//! let fake = FakeMistral::start(
//!     FakeConfig::default()
//!         .with_fixed_reply("Hello world")
//!         .with_time_to_first_token(Duration::from_millis(50))
//!         .failing_first(1, Fault::rate_limited(1)),
//! )
//! .await;
//! let url = format!("{}/v1/chat/completions", fake.base_url());
//! // … point the client at `url`, then inspect `fake.requests()`.
//! fake.shutdown().await;
//! # }
//! ```
//!
//! Control endpoints (for when it runs as a separate process, see the `fake-mistral`
//! binary): `GET /_fake/requests`, `GET|POST|PATCH /_fake/config` (POST replaces,
//! PATCH merges top-level keys), `POST /_fake/reset`, `GET /_fake/health`.

mod config;
mod embeddings;
mod server;
pub mod wire;

pub use config::{FakeConfig, Fault, FaultTarget, Reply};
pub use server::{FakeMistral, Outcome, RecordedRequest};
pub use wire::{Usage, estimate_prompt_tokens, lorem_chunks, tokenize};
