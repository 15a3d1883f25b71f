//! Fault: Redis restarts under running services (a server this test starts itself;
//! never the machine's shared one).

use std::time::Duration;

use kremna_test_stack::{
    FakeConfig, Options, PLATFORM_ORIGIN, Reply, Scenario, Stack,
    process::{blocking, eventually, http_status},
    redis_server::RedisServer,
};
use serde_json::json;

async fn status_of(urls: &[String]) -> Vec<u16> {
    let mut statuses = Vec::new();
    for url in urls {
        statuses.push(http_status(url).await);
    }
    statuses
}

/// Property: after a Redis restart, live delivery comes back by itself — a visitor who
/// stayed connected gets the reply written across the restart and then a new reply
/// streamed live (deltas and final message) — and readiness of the realtime node and
/// of the worker (both broadcast through Redis) is 503 while Redis is gone, 200 after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_delivery_comes_back_after_a_redis_restart() {
    let mut redis = blocking(RedisServer::start);
    let stack = Stack::start(Options {
        redis_url: Some(redis.url()),
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Lorem { tokens: 20 })
            .with_inter_token_delay(Duration::from_millis(50)),
        ..Options::default()
    })
    .await;
    let owner = stack.owner("redis-restart").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let readiness = [
        format!("{}/readyz", stack.node_url(0)),
        format!(
            "http://{}/readyz",
            stack.worker.as_ref().unwrap().health_addr
        ),
    ];

    let mut run = Scenario::spawn(
        "acrossRedisRestart",
        &json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                 "transport": "websocket", "timeoutMs": 40000 }),
    );
    run.wait_mark("sent_during").await;
    blocking(|| redis.kill());
    eventually(
        Duration::from_secs(5),
        "node and worker unready while Redis is down",
        || async { status_of(&readiness).await == [503, 503] },
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    blocking(|| redis.restart());
    eventually(
        Duration::from_secs(10),
        "node and worker ready again",
        || async { status_of(&readiness).await == [200, 200] },
    )
    .await;
    run.go().await;
    let result = run.result().await;

    assert_eq!(result["connectedThroughout"], true, "{result}");
    // A reply may arrive twice (live, and replayed by the node after the outage): the
    // protocol's clients keep one message per id. Three questions, three replies.
    let replies = result["replies"].as_array().unwrap();
    let distinct: std::collections::HashSet<&str> =
        replies.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(distinct.len(), 3, "every reply: {result}");
    assert!(
        replies.iter().all(|r| r["status"] == "complete"),
        "{result}"
    );
    assert_eq!(
        result["afterDeltas"], result["afterReply"]["content"],
        "the reply after the restart streamed live"
    );
    stack.stop().await;
}
