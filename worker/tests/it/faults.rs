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
    assert!(stored["error"]["detail"].as_str().unwrap().contains("500"));
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
