//! Fault: a worker killed mid-reply and started again under the same `WORKER_NAME`
//! (as Helm's pod name and compose's hostname-pid do) before anyone noticed it died.

use std::time::Duration;

use kremna_test_stack::{FakeConfig, Options, PLATFORM_ORIGIN, Reply, Scenario, Stack};
use serde_json::json;

use crate::kill::spawn_worker;

/// Property: every reply a worker had in flight when it was killed (SIGKILL) is finished
/// exactly once after the worker comes back under the same name within a second — one
/// final `new_message` per question, one stored reply, complete — without waiting for
/// the dead worker's heartbeat to lapse (5 s here; the replies take 2 s).
#[tokio::test]
async fn a_worker_restarted_under_its_name_finishes_the_replies_it_held() {
    let stack = Stack::start(Options {
        in_process_worker: false,
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Lorem { tokens: 40 })
            .with_inter_token_delay(Duration::from_millis(50)),
        env: vec![
            ("WORKER_HEARTBEAT_MS", "1000".into()),
            ("ORPHAN_MISSED_HEARTBEATS", "5".into()),
        ],
        ..Options::default()
    })
    .await;
    let owner = stack.owner("restart").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let name = "pod-kremna-worker-0";

    let mut first = spawn_worker(&stack, name);
    let mut run = Scenario::spawn(
        "manyReplies",
        &json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                 "transport": "websocket", "chats": 3, "timeoutMs": 15000 }),
    );
    run.wait_mark("streaming").await;
    first.start_kill().expect("SIGKILL the worker");
    let _ = first.wait().await;
    let mut second = spawn_worker(&stack, name);
    let result = run.result().await;
    second.start_kill().ok();

    for chat in result["chats"].as_array().unwrap() {
        let replies = chat["replies"].as_array().unwrap();
        assert_eq!(replies.len(), 1, "exactly one final reply: {chat}");
        assert_eq!(replies[0]["status"], "complete", "{chat}");
        let id = chat["chatId"].as_str().unwrap();
        let transcript = stack.api_get(&format!("/chats/{id}"), &owner.token).await;
        let stored: Vec<_> = transcript["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "assistant")
            .collect();
        assert_eq!(stored.len(), 1, "one stored reply: {transcript}");
        assert_eq!(stored[0]["id"], replies[0]["id"]);
        assert_eq!(stored[0]["status"], "complete");
    }
    stack.stop().await;
}
