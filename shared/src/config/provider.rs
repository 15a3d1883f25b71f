//! The reply provider's settings — which provider (`REPLY_PROVIDER`), where it lives, its
//! key, its embedding model — parsed here and nowhere else. The worker builds its
//! provider from [`ProviderSettings`]; nothing else reads these variables.

use secrecy::SecretString;
use url::Url;

use super::Reader;

/// Mistral's own API.
const DEFAULT_MISTRAL_BASE_URL: &str = "https://api.mistral.ai";
/// Mistral's embedding model (1024 dimensions), used unless `EMBEDDING_MODEL` says otherwise.
const DEFAULT_MISTRAL_EMBEDDING_MODEL: &str = "mistral-embed";
/// `EMBEDDING_MODEL=off`: this deployment computes no embeddings.
const EMBEDDINGS_OFF: &str = "off";

/// A provider that can be called.
#[derive(Debug, Clone)]
pub enum ProviderSettings {
    /// Mistral's API, or a server that speaks its dialect at `MISTRAL_BASE_URL`.
    Mistral(EndpointSettings),
    /// Any OpenAI-compatible server (OpenAI, vLLM, Ollama, LiteLLM, …) at `OPENAI_BASE_URL`.
    OpenAiCompatible(EndpointSettings),
    /// Labelled canned replies and hashed embeddings, for development.
    Demo,
}

/// Where an HTTP provider lives and how to call it.
#[derive(Debug, Clone)]
pub struct EndpointSettings {
    /// The server's base URL, with or without a trailing `/v1`.
    pub base_url: Url,
    /// Sent as a bearer token; local servers often need none.
    pub api_key: Option<SecretString>,
    /// `None`: embeddings are off for this deployment.
    pub embedding_model: Option<String>,
}

/// The provider as configured. Only the worker calls it, so only the worker refuses to
/// start when it cannot be called (`Config::reply_provider`); the API and the realtime
/// nodes run either way.
#[derive(Debug, Clone)]
pub enum ProviderChoice {
    Ready(ProviderSettings),
    /// Mistral's own API was chosen (by name, or as the production default) without
    /// `MISTRAL_API_KEY`.
    MistralWithoutKey,
}

/// The message the worker stops with for [`ProviderChoice::MistralWithoutKey`].
pub(super) const MISSING_KEY: &str = "MISTRAL_API_KEY is required to call Mistral (or set \
     MISTRAL_BASE_URL to a server that needs no key, REPLY_PROVIDER=openai with \
     OPENAI_BASE_URL, or REPLY_PROVIDER=demo for canned demo replies)";

#[derive(Clone, Copy)]
enum Kind {
    Mistral,
    OpenAi,
    Demo,
}

/// Reads the provider's variables, noting every problem in `env`. In development, with
/// nothing configured, replies come from the demo responder; production never falls
/// back to it by itself.
pub(super) fn parse(env: &mut Reader<'_>, development: bool) -> ProviderChoice {
    let mistral_key = env.secret("MISTRAL_API_KEY");
    let mistral_url_set = env.text("MISTRAL_BASE_URL").is_some();
    let mistral_url = env.url("MISTRAL_BASE_URL", DEFAULT_MISTRAL_BASE_URL);
    let openai_key = env.secret("OPENAI_API_KEY");
    let openai_url = env
        .text("OPENAI_BASE_URL")
        .map(|_| env.url("OPENAI_BASE_URL", ""));
    let embedding = env.text("EMBEDDING_MODEL");

    let kind = match env.text("REPLY_PROVIDER").as_deref() {
        Some("mistral") => Kind::Mistral,
        Some("openai") => Kind::OpenAi,
        Some("demo") => Kind::Demo,
        Some(other) => {
            env.problem(format!(
                "REPLY_PROVIDER must be `mistral`, `openai` or `demo`, not `{other}`"
            ));
            Kind::Demo
        }
        None if openai_url.is_some() => {
            // Never guess between two servers: calling the wrong one costs money or
            // sends prompts where they were not meant to go.
            env.problem(
                "OPENAI_BASE_URL is set but REPLY_PROVIDER is not: set REPLY_PROVIDER=openai \
                 to use that server"
                    .into(),
            );
            Kind::OpenAi
        }
        None if development && mistral_key.is_none() && !mistral_url_set => Kind::Demo,
        None => Kind::Mistral,
    };

    let settings = match kind {
        Kind::Demo => ProviderSettings::Demo,
        Kind::Mistral if mistral_key.is_none() && !mistral_url_set => {
            return ProviderChoice::MistralWithoutKey;
        }
        Kind::Mistral => ProviderSettings::Mistral(EndpointSettings {
            base_url: mistral_url,
            api_key: mistral_key,
            embedding_model: embedding_model(embedding, Some(DEFAULT_MISTRAL_EMBEDDING_MODEL)),
        }),
        Kind::OpenAi => ProviderSettings::OpenAiCompatible(EndpointSettings {
            base_url: openai_url.unwrap_or_else(|| {
                env.problem(
                    "REPLY_PROVIDER=openai needs OPENAI_BASE_URL (the server's URL, \
                     e.g. http://vllm:8000/v1)"
                        .into(),
                );
                super::placeholder_url()
            }),
            api_key: openai_key,
            embedding_model: embedding_model(embedding, None),
        }),
    };
    ProviderChoice::Ready(settings)
}

fn embedding_model(set: Option<String>, default: Option<&str>) -> Option<String> {
    match set {
        Some(off) if off.eq_ignore_ascii_case(EMBEDDINGS_OFF) => None,
        Some(model) => Some(model),
        None => default.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use secrecy::ExposeSecret;

    use super::*;
    use crate::config::{Config, ConfigError};

    const SECRET: (&str, &str) = ("JWT_SECRET", "0123456789abcdef0123456789abcdef");

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = [("DATABASE_URL", "postgres://x"), SECRET]
            .iter()
            .chain(vars)
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    fn settings(vars: &[(&str, &str)]) -> ProviderSettings {
        let config = load(vars).unwrap_or_else(|e| panic!("{e}"));
        config
            .reply_provider()
            .unwrap_or_else(|e| panic!("{e}"))
            .clone()
    }

    fn problems(vars: &[(&str, &str)]) -> Vec<String> {
        load(vars).map(|_| ()).unwrap_err().0
    }

    #[test]
    fn mistral_defaults_to_its_own_api_and_embedding_model() {
        let ProviderSettings::Mistral(mistral) = settings(&[("MISTRAL_API_KEY", "k")]) else {
            panic!("not Mistral");
        };
        assert_eq!(mistral.base_url.as_str(), "https://api.mistral.ai/");
        assert_eq!(mistral.embedding_model.as_deref(), Some("mistral-embed"));
        assert_eq!(
            mistral.api_key.map(|k| k.expose_secret().to_owned()),
            Some("k".into())
        );

        let ProviderSettings::Mistral(custom) = settings(&[
            ("REPLY_PROVIDER", "mistral"),
            ("MISTRAL_BASE_URL", "http://proxy:8080/mistral"),
            ("EMBEDDING_MODEL", "off"),
        ]) else {
            panic!("not Mistral");
        };
        assert_eq!(custom.base_url.as_str(), "http://proxy:8080/mistral");
        assert!(
            custom.api_key.is_none(),
            "a server of one's own may need no key"
        );
        assert_eq!(custom.embedding_model, None, "EMBEDDING_MODEL=off");
    }

    #[test]
    fn openai_compatible_servers_need_a_url_and_embed_only_when_told_which_model() {
        let ProviderSettings::OpenAiCompatible(local) = settings(&[
            ("REPLY_PROVIDER", "openai"),
            ("OPENAI_BASE_URL", "http://ollama:11434/v1"),
        ]) else {
            panic!("not OpenAI-compatible");
        };
        assert_eq!(local.base_url.as_str(), "http://ollama:11434/v1");
        assert!(local.api_key.is_none());
        assert_eq!(local.embedding_model, None, "no default embedding model");

        let ProviderSettings::OpenAiCompatible(keyed) = settings(&[
            ("REPLY_PROVIDER", "openai"),
            ("OPENAI_BASE_URL", "https://api.openai.com/v1"),
            ("OPENAI_API_KEY", "sk-openai-key-value"),
            ("EMBEDDING_MODEL", "text-embedding-3-small"),
            // A Mistral key left in the environment does not matter.
            ("MISTRAL_API_KEY", "old"),
        ]) else {
            panic!("not OpenAI-compatible");
        };
        assert_eq!(
            keyed.embedding_model.as_deref(),
            Some("text-embedding-3-small")
        );
        let debug = format!("{keyed:?}");
        assert!(!debug.contains("sk-openai-key-value"), "{debug}");
    }

    #[test]
    fn demo_is_chosen_by_name_or_in_development_with_nothing_configured() {
        assert!(matches!(
            settings(&[("REPLY_PROVIDER", "demo")]),
            ProviderSettings::Demo
        ));
        assert!(matches!(
            settings(&[("KREMNA_ENV", "development")]),
            ProviderSettings::Demo
        ));
        assert!(matches!(
            settings(&[
                ("KREMNA_ENV", "development"),
                ("MISTRAL_BASE_URL", "http://x")
            ]),
            ProviderSettings::Mistral(_)
        ));
    }

    #[test]
    fn mistral_without_a_key_stops_only_the_worker() {
        for vars in [&[][..], &[("REPLY_PROVIDER", "mistral")][..]] {
            let config = load(vars).expect("the API and realtime nodes still start");
            assert!(matches!(config.provider, ProviderChoice::MistralWithoutKey));
            let err = config.reply_provider().unwrap_err().to_string();
            assert!(err.contains("MISTRAL_API_KEY is required"), "{err}");
        }
    }

    #[test]
    fn each_invalid_combination_is_reported() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (
                &[("REPLY_PROVIDER", "anthropic")],
                "REPLY_PROVIDER must be `mistral`, `openai` or `demo`, not `anthropic`",
            ),
            (
                &[("REPLY_PROVIDER", "openai")],
                "REPLY_PROVIDER=openai needs OPENAI_BASE_URL",
            ),
            (
                &[("OPENAI_BASE_URL", "http://vllm:8000")],
                "OPENAI_BASE_URL is set but REPLY_PROVIDER is not",
            ),
            (
                &[
                    ("REPLY_PROVIDER", "openai"),
                    ("OPENAI_BASE_URL", "vllm:8000"),
                ],
                "OPENAI_BASE_URL must be an http(s) URL",
            ),
            (
                &[("MISTRAL_BASE_URL", "ftp://mistral")],
                "MISTRAL_BASE_URL must be an http(s) URL",
            ),
        ];
        for (vars, expected) in cases {
            let found = problems(vars);
            assert!(
                found.iter().any(|p| p.contains(expected)),
                "{vars:?}: {found:?}"
            );
            assert_eq!(found.len(), 1, "{vars:?}: {found:?}");
        }
    }

    #[test]
    fn provider_problems_are_reported_with_the_others_at_once() {
        let found = problems(&[
            ("REPLY_PROVIDER", "openai"),
            ("MISTRAL_BASE_URL", "not a url"),
            ("OPENAI_API_KEY", "sk-secret-value"),
            ("PORT", "seventy"),
        ]);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().any(|p| p.contains("needs OPENAI_BASE_URL")));
        assert!(found.iter().any(|p| p.contains("MISTRAL_BASE_URL")));
        assert!(found.iter().any(|p| p.contains("PORT")));
        assert!(!found.concat().contains("sk-secret-value"));
    }
}
