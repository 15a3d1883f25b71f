//! Mistral: the OpenAI-compatible wire in Mistral's dialect. Its API (and the servers
//! that stand in for it at `MISTRAL_BASE_URL`) reports token usage on the last content
//! chunk of every stream without being asked, so the client sends no `stream_options`.
//! The base URL and the embedding model (`mistral-embed`) default in the settings.

use kremna_shared::config::EndpointSettings;

use super::openai_compat::{Dialect, OpenAiCompatible};

const DIALECT: Dialect = Dialect {
    ask_for_stream_usage: false,
};

pub fn client(settings: &EndpointSettings) -> anyhow::Result<OpenAiCompatible> {
    OpenAiCompatible::new(settings, DIALECT)
}
