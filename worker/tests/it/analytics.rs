use std::time::{Duration, Instant};

use kremna_test_stack::{FakeConfig, Options, PLATFORM_ORIGIN, Reply, Stack};
use serde_json::json;

/// The rollup job runs on the worker's schedule: a reply streamed through the live
/// pipeline shows in `/analytics` within a tick, with its tokens and latency.
#[tokio::test]
async fn the_scheduled_rollup_makes_live_replies_visible_in_analytics() {
    let stack = Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Fixed("Counted.".into())),
        env: vec![("ANALYTICS_ROLLUP_SCHEDULE", "* * * * * *".into())],
        ..Options::default()
    })
    .await;
    let owner = stack.owner("rollup-live").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let result = stack
        .scenario(
            "flow",
            json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket" }),
        )
        .await;
    assert_eq!(result["reply"]["status"], "complete");

    let deadline = Instant::now() + Duration::from_secs(10);
    let report = loop {
        let report = stack.api_get("/analytics", &owner.token).await;
        if report["summary"]["replies"] == 1 || Instant::now() > deadline {
            break report;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let summary = &report["summary"];
    assert_eq!(summary["replies"], 1, "{report}");
    assert_eq!(summary["visitor_messages"], 1);
    assert_eq!(summary["chats"], 1);
    assert!(
        summary["completion_tokens"].as_i64().unwrap() > 0,
        "{summary}"
    );
    assert_eq!(summary["latency"]["samples"], 1);
    assert_eq!(report["total_messages"], 2);
    let today = report["traffic_data"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(today["messages"], 2, "{report}");
    stack.stop().await;
}
