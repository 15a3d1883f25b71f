//! The live chat pipeline end to end: real socket.io-client scenarios against the API,
//! realtime nodes and worker over a fresh database, with a fake Mistral; and the
//! provider seam (chat and embeddings) against the same fake.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod analytics;
mod conversations;
mod faults;
mod flow;
mod kill;
mod knowledge;
mod knowledge_vectors;
mod pg_restart;
mod provider;
mod redis_restart;
mod restart;
mod resume;
mod scale;
mod webhooks;
