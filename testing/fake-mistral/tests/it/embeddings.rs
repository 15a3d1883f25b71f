//! `POST /v1/embeddings`: the wire shape, meaningful vectors, validation and the dials.

use std::time::{Duration, Instant};

use kremna_fake_mistral::{FakeConfig, FakeMistral, Fault, FaultTarget, Outcome};
use kremna_shared::embedding::{DIMENSIONS, cosine};
use serde_json::{Value, json};

use super::{chat_body, client, post, read_stream};

async fn embed_raw(fake: &FakeMistral, body: &Value) -> reqwest::Response {
    client()
        .post(fake.embeddings_url())
        .bearer_auth("test-key")
        .json(body)
        .send()
        .await
        .expect("send")
}

/// The vectors for `texts`, in order.
async fn embed(fake: &FakeMistral, texts: &[&str]) -> Vec<Vec<f32>> {
    let resp = embed_raw(fake, &json!({"model": "mistral-embed", "input": texts})).await;
    assert_eq!(resp.status(), 200);
    let v: Value = resp.json().await.unwrap();
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["embedding"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap() as f32)
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn embeddings_answer_in_the_openai_and_mistral_shape() {
    let fake = FakeMistral::start(FakeConfig::default()).await;
    let resp = embed_raw(
        &fake,
        &json!({"model": "mistral-embed", "input": ["first text", "second one"]}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/json");
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["object"], "list");
    assert_eq!(v["model"], "mistral-embed");
    let data = v["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);
    for (i, datum) in data.iter().enumerate() {
        assert_eq!(datum["object"], "embedding");
        assert_eq!(datum["index"], i);
        assert_eq!(datum["embedding"].as_array().unwrap().len(), DIMENSIONS);
    }
    // 20 characters → 5 tokens.
    assert_eq!(v["usage"], json!({"prompt_tokens": 5, "total_tokens": 5}));

    // A single string is one input.
    let one: Value = embed_raw(&fake, &json!({"model": "m", "input": "just one"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["data"].as_array().unwrap().len(), 1);
    assert_eq!(one["model"], "m");

    let recs = fake.requests();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].path, "/v1/embeddings");
    assert_eq!(recs[0].inputs(), ["first text", "second one"]);
    assert_eq!(recs[1].inputs(), ["just one"]);
    assert_eq!(recs[0].model(), Some("mistral-embed"));
    assert_eq!(recs[0].bearer_token(), Some("test-key"));
    fake.shutdown().await;
}

/// The vectors mean something: a question lands nearest the passage that answers it,
/// and the same text always gets the same vector.
#[tokio::test]
async fn similar_texts_get_close_vectors_and_unrelated_texts_far_ones() {
    let fake = FakeMistral::start(FakeConfig::default()).await;
    let passages = [
        "To reset your password, open Settings and choose Reset password.",
        "Orders ship within two business days; delivery to Germany takes three more.",
        "Our support team answers chats on weekdays from 9:00 to 18:00.",
    ];
    let questions = [
        ("How can I reset my password?", 0),
        ("How long does shipping to Germany take?", 1),
        ("When is your support team available for chat?", 2),
    ];
    let docs = embed(&fake, &passages).await;
    for (question, expected) in questions {
        let q = &embed(&fake, &[question]).await[0];
        let scores: Vec<f32> = docs.iter().map(|d| cosine(q, d)).collect();
        let best = scores
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .unwrap()
            .0;
        assert_eq!(best, expected, "{question:?}: {scores:?}");
        assert!(scores[expected] > 0.25, "{question:?}: {scores:?}");
        for (i, score) in scores.iter().enumerate() {
            if i != expected {
                assert!(*score < 0.15, "{question:?} vs {i}: {scores:?}");
            }
        }
    }
    let again = embed(&fake, &[passages[0], passages[0]]).await;
    assert_eq!(again[0], docs[0], "deterministic across requests");
    assert_eq!(again[0], again[1]);
    assert!(
        (cosine(&again[0], &again[0]) - 1.0).abs() < 1e-5,
        "unit length"
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn invalid_embedding_requests_get_422_or_400() {
    let fake = FakeMistral::start(FakeConfig::default()).await;
    let cases = [
        (json!({"input": ["x"]}), "model: Field required"),
        (json!({"model": "m"}), "input: Field required"),
        (json!({"model": "m", "input": []}), "at least 1 item"),
        (json!({"model": "m", "input": ["ok", 3]}), "input.1"),
        (
            json!({"model": "m", "input": ["ok", ""]}),
            "at least 1 character",
        ),
        (
            json!({"model": "m", "input": {"text": "x"}}),
            "list of strings",
        ),
    ];
    for (body, message) in cases {
        let resp = embed_raw(&fake, &body).await;
        assert_eq!(resp.status(), 422, "{body}");
        let v: Value = resp.json().await.unwrap();
        assert_eq!(v["type"], "invalid_request_error");
        assert!(v["message"].as_str().unwrap().contains(message), "{v}");
    }
    let resp = client()
        .post(fake.embeddings_url())
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert!(
        fake.requests()
            .iter()
            .all(|r| r.outcome == Outcome::InvalidRequest)
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn embeddings_have_the_chat_dials_auth_latency_and_faults() {
    let fake = FakeMistral::start(
        FakeConfig::default()
            .with_api_key("test-key")
            .with_time_to_first_token(Duration::from_millis(150))
            .failing_first(1, Fault::rate_limited(2)),
    )
    .await;
    let body = json!({"model": "mistral-embed", "input": ["hello"]});
    let resp = client()
        .post(fake.embeddings_url())
        .bearer_auth("wrong")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401, "the auth check comes first");

    let resp = embed_raw(&fake, &body).await;
    assert_eq!(resp.status(), 429);
    assert_eq!(resp.headers()["retry-after"], "2");

    let started = Instant::now();
    let resp = embed_raw(&fake, &body).await;
    assert_eq!(resp.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(150), "latency");

    let outcomes: Vec<Outcome> = fake.requests().iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Unauthorized, Outcome::FaultStatus, Outcome::Ok]
    );

    // Broken answers: a cut-off body and invalid JSON.
    fake.set_config(FakeConfig::default().failing_first(1, Fault::DisconnectAfterChunks(0)));
    let resp = embed_raw(&fake, &body).await;
    assert!(resp.bytes().await.is_err(), "the connection drops mid-body");
    fake.set_config(FakeConfig::default().failing_first(1, Fault::Malformed));
    let resp = embed_raw(&fake, &body).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.json::<Value>().await.is_err());
    fake.shutdown().await;
}

/// Chat and embeddings count their own requests, and `fault_on` picks which one fails,
/// so a test can break one while the other works.
#[tokio::test]
async fn faults_can_target_one_endpoint() {
    let body = json!({"model": "mistral-embed", "input": ["hello"]});
    let fake = FakeMistral::start(
        FakeConfig::default()
            .failing_first(1, Fault::status(503))
            .with_faults_on(FaultTarget::Chat),
    )
    .await;
    assert_eq!(embed_raw(&fake, &body).await.status(), 200);
    assert_eq!(post(&fake, &chat_body("hi", false)).await.status(), 503);

    fake.set_config(
        FakeConfig::default()
            .failing_first(1, Fault::status(503))
            .with_faults_on(FaultTarget::Embeddings),
    );
    assert_eq!(post(&fake, &chat_body("hi", false)).await.status(), 200);
    assert_eq!(embed_raw(&fake, &body).await.status(), 503);
    assert_eq!(embed_raw(&fake, &body).await.status(), 200);

    // `all` (the default): the first request to each endpoint fails.
    fake.set_config(FakeConfig::default().failing_first(1, Fault::status(503)));
    assert_eq!(embed_raw(&fake, &body).await.status(), 503);
    assert_eq!(post(&fake, &chat_body("hi", false)).await.status(), 503);
    assert_eq!(embed_raw(&fake, &body).await.status(), 200);
    assert_eq!(post(&fake, &chat_body("hi", false)).await.status(), 200);
    fake.shutdown().await;
}

/// OpenAI sends usage in a stream only when asked, in a chunk of its own with no
/// choices; the fake does the same, and keeps Mistral's shape otherwise.
#[tokio::test]
async fn a_stream_that_asks_for_usage_gets_it_in_a_chunk_of_its_own() {
    let fake = FakeMistral::start(FakeConfig::default().with_fixed_reply("One two three")).await;
    let mut body = chat_body("hi", true);
    body["stream_options"] = json!({"include_usage": true});
    let s = read_stream(post(&fake, &body).await).await;
    assert!(s.saw_done());
    let chunks = s.json_chunks();
    let (usage_chunk, content) = chunks.split_last().unwrap();
    assert_eq!(usage_chunk["choices"], json!([]));
    assert_eq!(usage_chunk["usage"]["completion_tokens"], 3);
    let last_content = content.last().unwrap();
    assert_eq!(last_content["choices"][0]["finish_reason"], "stop");
    assert!(last_content.get("usage").is_none());
    assert!(content.iter().all(|c| c.get("usage").is_none()));
    fake.shutdown().await;
}
