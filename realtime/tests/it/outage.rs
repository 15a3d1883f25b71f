//! Fault: Redis is gone (killed) or hangs (frozen) while visitors write. A server of
//! the test's own; never the machine's shared one.

use std::time::Duration;

use kremna_test_stack::{
    Options, PLATFORM_ORIGIN, Scenario, Stack,
    process::{blocking, eventually, http_status},
    redis_server::RedisServer,
};
use serde_json::{Value, json};

async fn ready_again(url: &str) {
    eventually(Duration::from_secs(10), "node ready again", || async {
        http_status(url).await == 200
    })
    .await;
}

fn assert_fails_fast(step: &Value, what: &str) {
    let ms = step["ms"].as_u64().unwrap();
    assert!(ms < 800, "{what}: answered after {ms} ms: {step}");
    let error = &step["ack"]["error"];
    assert_eq!(step["ack"]["ok"], false, "{what}: {step}");
    assert_eq!(error["code"], "service_unavailable", "{what}: {step}");
    assert!(
        error["retryAfter"].as_u64().is_some_and(|s| s >= 1),
        "{what}: says when to retry: {step}"
    );
}

/// Property: while Redis is down (killed) or hangs (frozen), `send_message` fails closed
/// and fast — well under a second — with the retryable `service_unavailable` and a
/// `retryAfter`, stores nothing, and works again as soon as Redis is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sends_fail_fast_and_retryably_while_redis_is_out() {
    let mut redis = blocking(RedisServer::start);
    let stack = Stack::start(Options {
        redis_url: Some(redis.url()),
        in_process_worker: false,
        ..Options::default()
    })
    .await;
    let owner = stack.owner("outage").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let ready = format!("{}/readyz", stack.node_url(0));

    let mut run = Scenario::spawn(
        "sendEachStep",
        &json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                 "transport": "websocket", "steps": 4, "timeoutMs": 60000 }),
    );
    let started = run.wait_mark("started").await;
    blocking(|| redis.kill());
    run.go().await;
    run.wait_mark("sent").await;
    blocking(|| redis.restart());
    ready_again(&ready).await;
    run.go().await;
    run.wait_mark("sent").await;
    redis.freeze();
    run.go().await;
    run.wait_mark("sent").await;
    redis.thaw();
    ready_again(&ready).await;
    run.go().await;
    let result = run.result().await;
    let steps = result["results"].as_array().unwrap();

    assert_fails_fast(&steps[0], "Redis killed");
    assert_eq!(steps[1]["ack"]["ok"], true, "after the restart: {result}");
    assert_fails_fast(&steps[2], "Redis frozen");
    assert_eq!(steps[3]["ack"]["ok"], true, "after the thaw: {result}");

    let chat = started["chatId"].as_str().unwrap();
    let transcript = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    let stored: Vec<&str> = transcript["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "user")
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(
        stored,
        ["step 1", "step 3"],
        "refused messages are not stored"
    );
    stack.stop().await;
}
