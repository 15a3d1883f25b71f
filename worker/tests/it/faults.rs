use std::time::Duration;

use kremna_test_stack::{FakeConfig, Fault, Options, PLATFORM_ORIGIN, Reply, Stack};
use serde_json::json;

/// Provider faults are retried with backoff (honouring Retry-After) and the visitor
/// gets the reply once; the transcript shows one reply.
#[tokio::test]
async fn transient_provider_faults_are_retried() {
    for fault in [
        Fault::rate_limited(1),
        Fault::status(503),
        Fault::DisconnectAfterChunks(3),
        Fault::Malformed,
    ] {
        let stack = Stack::start(Options {
            fake: FakeConfig::default()
                .with_api_key("test-key")
                .with_reply(Reply::Fixed("Recovered answer.".into()))
                .failing_first(2, fault.clone()),
            ..Options::default()
        })
        .await;
        let owner = stack.owner("faults").await;
        let assistant = stack.assistant(&owner, json!({})).await;
        let started = std::time::Instant::now();
        let result = stack
            .scenario("flow", json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket" }))
            .await;
        assert_eq!(result["reply"]["content"], "Recovered answer.", "{fault:?}");
        assert_eq!(result["reply"]["status"], "complete");
        assert_eq!(
            stack.fake.request_count(),
            3,
            "{fault:?}: two failures, one success"
        );
        if matches!(fault, Fault::Status { code: 429, .. }) {
            assert!(
                started.elapsed() >= Duration::from_secs(2),
                "Retry-After: 1 was honoured twice"
            );
        }
        let chat = result["started"]["id"].as_str().unwrap();
        let transcript = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
        assert_eq!(transcript["messages"].as_array().unwrap().len(), 2);
        stack.stop().await;
    }
}

/// When every attempt fails, the visitor gets a polite failure message (never the
/// provider's error text), the reply is stored as failed, and admins see why.
#[tokio::test]
async fn a_final_failure_is_polite_to_visitors_and_clear_to_admins() {
    let stack = Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .failing_first(100, Fault::status(500)),
        env: vec![("REPLY_MAX_ATTEMPTS", "3".into())],
        ..Options::default()
    })
    .await;
    let owner = stack.owner("fail").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let result = stack
        .scenario("flow", json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket" }))
        .await;
    let reply = &result["reply"];
    assert_eq!(reply["status"], "failed");
    assert_eq!(reply["content"], kremna_worker::reply::FAILURE_TEXT);
    assert!(
        !reply.to_string().contains("500"),
        "no provider detail reaches the visitor"
    );
    assert_eq!(stack.fake.request_count(), 3, "REPLY_MAX_ATTEMPTS");
    let names = result["eventNames"].as_array().unwrap();
    assert!(
        names.iter().any(|n| n == "error"),
        "an error event tells the widget"
    );

    let chat = result["started"]["id"].as_str().unwrap();
    let transcript = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    let stored = &transcript["messages"][1];
    assert_eq!(stored["status"], "failed");
    assert_eq!(stored["error"]["code"], "provider_unavailable");
    stack.stop().await;
}

/// Property: whatever a provider's error body says, it is never stored on the message
/// nor shown to members (agents included): the failed reply carries only its
/// classified cause, in the database and in the transcript API alike.
#[tokio::test]
async fn a_providers_error_text_is_never_stored_or_shown() {
    const MARKER: &str = "MARKER-4f1c secret sk-live-0123456789abcdefghij internal host 10.1.2.3";
    let stack = Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .failing_first(1000, Fault::status_saying(500, MARKER)),
        env: vec![
            ("REPLY_MAX_ATTEMPTS", "2".into()),
            ("REPLY_RETRY_BASE_MS", "10".into()),
        ],
        ..Options::default()
    })
    .await;
    let owner = stack.owner("marker").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let admin = stack.db.admin_pool().await;
    for (status, cause) in [(500, "provider_unavailable"), (422, "provider_rejected")] {
        stack.fake.set_config(
            FakeConfig::default()
                .with_api_key("test-key")
                .failing_first(1000, Fault::status_saying(status, MARKER)),
        );
        let result = stack
            .scenario("flow", json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket" }))
            .await;
        assert_eq!(result["reply"]["status"], "failed", "{status}: {result}");
        assert!(!result.to_string().contains("MARKER"), "{status}: {result}");

        let chat = result["started"]["id"].as_str().unwrap();
        let transcript = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
        let stored = &transcript["messages"][1];
        assert_eq!(stored["status"], "failed", "{status}: {transcript}");
        assert_eq!(stored["error"]["code"], cause, "{status}: {transcript}");
        assert!(
            !transcript.to_string().contains("MARKER"),
            "{status}: the transcript shows the provider's text: {transcript}"
        );

        let rows: Vec<String> =
            sqlx::query_scalar("SELECT to_jsonb(m)::text FROM messages m WHERE chat_id = $1::uuid")
                .bind(chat)
                .fetch_all(&admin)
                .await
                .unwrap();
        assert_eq!(rows.len(), 2);
        for row in rows {
            assert!(!row.contains("MARKER"), "{status}: stored: {row}");
        }
    }
    stack.stop().await;
}

/// A rejected request (bad key) is not retried: retrying cannot help.
#[tokio::test]
async fn permanent_provider_errors_are_not_retried() {
    let stack = Stack::start(Options {
        fake: FakeConfig::default().with_api_key("the-right-key"),
        ..Options::default()
    })
    .await;
    let owner = stack.owner("auth").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let result = stack
        .scenario("flow", json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket" }))
        .await;
    assert_eq!(result["reply"]["status"], "failed");
    assert_eq!(stack.fake.request_count(), 1);
    let chat = result["started"]["id"].as_str().unwrap();
    let transcript = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    assert_eq!(
        transcript["messages"][1]["error"]["code"],
        "provider_unauthorized"
    );
    stack.stop().await;
}
