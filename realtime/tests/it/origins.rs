//! The origin allowlist cannot be bypassed: a missing or empty Origin is refused, and
//! every message is checked against the assistant's current list.

use kremna_test_stack::{Options, Scenario, Stack};
use serde_json::json;

fn widget_only() -> Options {
    Options {
        in_process_worker: false,
        ..Options::default()
    }
}

/// Property: `start_chat` without an Origin header, or with an empty one, is refused
/// on an assistant restricted to one site, as on one restricted to the platform.
#[tokio::test]
async fn a_missing_or_empty_origin_is_refused() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("origins").await;
    let shop = stack
        .assistant(&owner, json!({ "allowed_origins": ["https://a.example"] }))
        .await;
    let platform_only = stack.assistant(&owner, json!({})).await;
    let cases = json!([
        { "name": "no origin", "event": "start_chat", "payload": { "assistantId": shop } },
        { "name": "empty origin", "event": "start_chat", "origin": "", "payload": { "assistantId": shop } },
        { "name": "no origin, platform only", "event": "start_chat", "payload": { "assistantId": platform_only } },
        { "name": "the allowed page", "event": "start_chat", "origin": "https://a.example", "payload": { "assistantId": shop } },
    ]);
    for transport in ["websocket", "polling"] {
        let result = stack
            .scenario(
                "refusals",
                json!({ "url": stack.node_url(0), "transport": transport, "cases": cases }),
            )
            .await;
        let results = result["results"].as_array().unwrap();
        for r in &results[..3] {
            assert_eq!(r["answer"]["ok"], false, "{transport}: {r}");
            assert_eq!(
                r["answer"]["error"]["code"], "origin_not_allowed",
                "{transport}: {r}"
            );
        }
        assert_eq!(
            results[3]["answer"]["ok"], true,
            "{transport}: {}",
            results[3]
        );
    }
    stack.stop().await;
}

/// Property: `send_message` is checked against the current list on every event: a
/// page of another origin holding the visitor token is refused, and the visitor's own
/// page is refused from the first message after its origin left the list.
#[tokio::test]
async fn every_message_is_checked_against_the_current_list() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("origins-live").await;
    let shop = stack
        .assistant(&owner, json!({ "allowed_origins": ["https://a.example"] }))
        .await;
    let mut run = Scenario::spawn(
        "originChange",
        &json!({ "url": stack.node_url(0), "assistantId": shop, "origin": "https://a.example",
                 "otherOrigin": "https://evil.example", "transport": "websocket" }),
    );
    run.wait_mark("sent").await;
    let changed = stack
        .api_patch(
            &format!("/assistants/{shop}"),
            &owner.token,
            json!({ "allowed_origins": ["https://b.example"] }),
        )
        .await;
    assert_eq!(
        changed["allowed_origins"],
        json!(["https://b.example"]),
        "{changed}"
    );
    run.go().await;
    let result = run.result().await;
    assert_eq!(result["first"]["ok"], true, "{result}");
    assert_eq!(
        result["fromOther"]["error"]["code"], "origin_not_allowed",
        "{result}"
    );
    assert_eq!(
        result["afterRemoval"]["error"]["code"], "origin_not_allowed",
        "{result}"
    );
    stack.stop().await;
}
