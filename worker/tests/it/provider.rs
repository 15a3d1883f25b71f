//! The provider seam against the fake Mistral at the HTTP boundary: streamed chat in
//! both dialects, and embeddings with batching, time limits and the same error
//! classification as chat.

use std::time::{Duration, Instant};

use kremna_fake_mistral::{FakeConfig, FakeMistral, Fault, Reply};
use kremna_shared::{
    config::{EndpointSettings, ProviderSettings},
    embedding,
};
use kremna_worker::provider::{
    ChatMessage, ChatRequest, MAX_BATCH_INPUTS, Provider, ProviderError, Role,
};
use secrecy::SecretString;
use url::Url;

const TIMEOUT: Duration = Duration::from_secs(10);

fn endpoint(fake: &FakeMistral, embedding_model: Option<&str>) -> EndpointSettings {
    EndpointSettings {
        base_url: Url::parse(&fake.base_url()).unwrap(),
        api_key: Some(SecretString::from("test-key")),
        embedding_model: embedding_model.map(str::to_owned),
    }
}

fn mistral(fake: &FakeMistral) -> Provider {
    mistral_with_timeout(fake, TIMEOUT)
}

fn mistral_with_timeout(fake: &FakeMistral, timeout: Duration) -> Provider {
    let settings = ProviderSettings::Mistral(endpoint(fake, Some("mistral-embed")));
    Provider::from_settings(&settings, timeout).unwrap()
}

async fn keyed_fake(config: FakeConfig) -> FakeMistral {
    FakeMistral::start(config.with_api_key("test-key")).await
}

fn request() -> ChatRequest {
    ChatRequest {
        model: "mistral-small-latest".into(),
        temperature: 0.2,
        messages: vec![
            ChatMessage {
                role: Role::System,
                content: "Be brief.".into(),
            },
            ChatMessage {
                role: Role::User,
                content: "Hello there".into(),
            },
        ],
    }
}

/// Streams `request()`, returning the completion and the deltas seen.
async fn stream(provider: &Provider) -> (kremna_worker::provider::Completion, Vec<String>) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let completion = provider.stream(&request(), tx).await.unwrap();
    let mut deltas = Vec::new();
    while let Ok(d) = rx.try_recv() {
        deltas.push(d);
    }
    (completion, deltas)
}

#[tokio::test]
async fn mistral_streams_with_its_roles_and_embeds() {
    let fake =
        keyed_fake(FakeConfig::default().with_reply(Reply::Fixed("Hi, how can I help?".into())))
            .await;
    let provider = mistral(&fake);

    let (completion, deltas) = stream(&provider).await;
    assert_eq!(completion.content, "Hi, how can I help?");
    assert_eq!(deltas.concat(), completion.content);
    assert!(deltas.len() > 1, "streamed in pieces");
    assert_eq!(completion.usage.unwrap().completion_tokens, 5);
    let sent = &fake.requests()[0];
    assert_eq!(sent.messages()[0]["role"], "system");
    assert_eq!(sent.messages()[1]["role"], "user");
    assert_eq!(sent.bearer_token(), Some("test-key"));
    assert!(
        sent.body.get("stream_options").is_none(),
        "Mistral is not sent OpenAI's stream options"
    );

    assert_eq!(provider.embedding_model(), Some("mistral-embed"));
    let texts = ["How do I reset my password?", "Opening hours", "Şifre"];
    let embedded = provider.embed(&texts).await.unwrap();
    assert_eq!(embedded.model, "mistral-embed");
    assert_eq!(embedded.vectors.len(), 3);
    for (text, vector) in texts.iter().zip(&embedded.vectors) {
        assert_eq!(
            vector,
            &embedding::embed(text),
            "in order, as the fake made them"
        );
    }
    assert!(embedded.prompt_tokens.is_some_and(|t| t > 0));
    let sent = &fake.requests()[1];
    assert_eq!(sent.path, "/v1/embeddings");
    assert_eq!(sent.inputs(), texts);
    assert_eq!(sent.bearer_token(), Some("test-key"));

    let none = provider.embed::<&str>(&[]).await.unwrap();
    assert!(none.vectors.is_empty());
    assert_eq!(fake.request_count(), 2, "nothing to embed, no request");
    fake.shutdown().await;
}

#[tokio::test]
async fn an_openai_compatible_server_is_asked_for_usage_and_embeds_only_when_told_which_model() {
    let fake =
        FakeMistral::start(FakeConfig::default().with_reply(Reply::Fixed("One two".into()))).await;
    let mut settings = EndpointSettings {
        // As OpenAI's SDKs write it: with `/v1`.
        base_url: Url::parse(&format!("{}/v1", fake.base_url())).unwrap(),
        api_key: None,
        embedding_model: None,
    };
    let provider = Provider::from_settings(
        &ProviderSettings::OpenAiCompatible(settings.clone()),
        TIMEOUT,
    )
    .unwrap();
    let (completion, _) = stream(&provider).await;
    assert_eq!(completion.content, "One two");
    let usage = completion.usage.expect("usage from the chunk of its own");
    assert_eq!(usage.completion_tokens, 2);
    let sent = &fake.requests()[0];
    assert_eq!(sent.path, "/v1/chat/completions");
    assert_eq!(sent.body["stream_options"]["include_usage"], true);
    assert_eq!(sent.bearer_token(), None, "no key, no header");

    assert_eq!(provider.embedding_model(), None);
    let err = provider.embed(&["text"]).await.unwrap_err();
    assert_eq!(err, ProviderError::EmbeddingsUnsupported);
    assert!(!err.is_retryable());
    assert_eq!(
        fake.request_count(),
        1,
        "no request for unsupported embeddings"
    );

    settings.embedding_model = Some("nomic-embed-text".into());
    let provider =
        Provider::from_settings(&ProviderSettings::OpenAiCompatible(settings), TIMEOUT).unwrap();
    let embedded = provider.embed(&["text"]).await.unwrap();
    assert_eq!(embedded.model, "nomic-embed-text");
    assert_eq!(fake.requests()[1].path, "/v1/embeddings");
    fake.shutdown().await;
}

#[tokio::test]
async fn embeddings_go_in_bounded_batches_and_come_back_in_order() {
    let fake = keyed_fake(FakeConfig::default()).await;
    let provider = mistral(&fake);
    let texts: Vec<String> = (0..70).map(|i| format!("passage number {i}")).collect();
    let embedded = provider.embed(&texts).await.unwrap();

    let sizes: Vec<usize> = fake.requests().iter().map(|r| r.inputs().len()).collect();
    assert_eq!(sizes, [MAX_BATCH_INPUTS, MAX_BATCH_INPUTS, 6]);
    let sent: Vec<String> = fake
        .requests()
        .iter()
        .flat_map(|r| {
            r.inputs()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(sent, texts);
    assert_eq!(embedded.vectors.len(), 70);
    for (text, vector) in texts.iter().zip(&embedded.vectors) {
        assert_eq!(vector, &embedding::embed(text));
    }
    // Every request's tokens, summed.
    let billed: u64 = fake
        .requests()
        .iter()
        .map(|r| {
            let chars: usize = r.inputs().iter().map(|t| t.chars().count()).sum();
            chars.div_ceil(4) as u64
        })
        .sum();
    assert_eq!(embedded.prompt_tokens.map(u64::from), Some(billed));
    fake.shutdown().await;
}

#[tokio::test]
async fn a_rate_limited_embedding_call_says_when_to_try_again() {
    let fake = keyed_fake(FakeConfig::default().failing_first(1, Fault::rate_limited(3))).await;
    let provider = mistral(&fake);
    let err = provider.embed(&["hello"]).await.unwrap_err();
    assert_eq!(
        err,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(3))
        }
    );
    assert!(err.is_retryable());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
    assert!(
        provider.embed(&["hello"]).await.is_ok(),
        "the next call works"
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn a_refused_key_is_not_worth_retrying() {
    let fake = FakeMistral::start(FakeConfig::default().with_api_key("another-key")).await;
    let provider = mistral(&fake);
    let err = provider.embed(&["hello"]).await.unwrap_err();
    assert_eq!(err, ProviderError::Unauthorized { status: 401 });
    assert!(!err.is_retryable());
    assert_eq!(err.cause().as_str(), "provider_unauthorized");
    fake.shutdown().await;
}

#[tokio::test]
async fn a_hung_embedding_call_ends_at_the_time_limit() {
    let fake = keyed_fake(FakeConfig::default().failing_first(1, Fault::Timeout)).await;
    let provider = mistral_with_timeout(&fake, Duration::from_millis(300));
    let started = Instant::now();
    let err = provider.embed(&["hello"]).await.unwrap_err();
    let took = started.elapsed();
    assert_eq!(err, ProviderError::Timeout);
    assert!(err.is_retryable());
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    fake.shutdown().await;
}

#[tokio::test]
async fn broken_embedding_answers_are_classified_like_chat_failures() {
    let fake = keyed_fake(FakeConfig::default()).await;
    let provider = mistral(&fake);
    let cases = [
        (Fault::status(503), "provider_unavailable", true),
        (Fault::status(400), "provider_rejected", false),
        (Fault::Malformed, "provider_malformed", true),
        (Fault::DisconnectAfterChunks(0), "stream_interrupted", true),
    ];
    for (fault, code, retryable) in cases {
        fake.set_config(
            FakeConfig::default()
                .with_api_key("test-key")
                .failing_first(1, fault.clone()),
        );
        let err = provider.embed(&["hello"]).await.unwrap_err();
        assert_eq!(err.cause().as_str(), code, "{fault:?}: {err}");
        assert_eq!(err.is_retryable(), retryable, "{fault:?}");
    }
    // The fake refuses an empty text, as the real APIs do: not worth retrying.
    fake.set_config(FakeConfig::default().with_api_key("test-key"));
    let err = provider.embed(&["fine", ""]).await.unwrap_err();
    assert!(
        matches!(err, ProviderError::Rejected { status: 422, .. }),
        "{err}"
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn the_demo_provider_streams_a_labelled_reply_and_embeds_like_the_fake() {
    let provider = Provider::from_settings(&ProviderSettings::Demo, TIMEOUT).unwrap();
    let (completion, deltas) = stream(&provider).await;
    assert!(
        completion.content.starts_with("(Demo reply:"),
        "{}",
        completion.content
    );
    assert!(completion.content.contains("Hello there"));
    assert_eq!(deltas.concat(), completion.content);

    assert_eq!(provider.embedding_model(), Some(embedding::MODEL));
    let embedded = provider.embed(&["a question", "an answer"]).await.unwrap();
    assert_eq!(embedded.model, embedding::MODEL);
    assert_eq!(embedded.vectors[0], embedding::embed("a question"));
    assert_eq!(embedded.vectors[1], embedding::embed("an answer"));
}
