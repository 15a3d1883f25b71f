use std::{process::Stdio, time::Duration};

use kremna_test_stack::{FakeConfig, Options, PLATFORM_ORIGIN, Reply, Scenario, Stack};
use serde_json::json;
use tokio::process::{Child, Command};

pub(crate) fn spawn_worker(stack: &Stack, name: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kremna-worker"))
        .env_clear()
        .envs(stack.env())
        .env("WORKER_NAME", name)
        .env("WORKER_HEALTH_PORT", "0")
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("start kremna-worker")
}

/// A worker killed (SIGKILL) in the middle of streaming a reply: another worker takes
/// the job once the first one's heartbeat lapses, and the visitor receives the reply
/// exactly once — one final `new_message`, one stored reply, same message id.
#[tokio::test]
async fn a_reply_survives_its_worker_being_killed() {
    let stack = Stack::start(Options {
        in_process_worker: false,
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Lorem { tokens: 40 })
            .with_inter_token_delay(Duration::from_millis(50)),
        ..Options::default()
    })
    .await;
    let owner = stack.owner("kill").await;
    let assistant = stack.assistant(&owner, json!({})).await;

    let mut first = spawn_worker(&stack, "doomed-worker");
    let mut run = Scenario::spawn(
        "oneReply",
        &json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                 "transport": "websocket", "timeoutMs": 40000 }),
    );
    let marked = run.wait_mark("first_delta").await;
    first.start_kill().expect("SIGKILL the worker");
    let _ = first.wait().await;

    let mut second = spawn_worker(&stack, "rescuing-worker");
    let result = run.result().await;
    second.start_kill().ok();

    let replies = result["replies"].as_array().unwrap();
    assert_eq!(replies.len(), 1, "exactly one final reply: {result}");
    let chat = marked["chatId"].as_str().unwrap();
    let transcript = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    let stored: Vec<_> = transcript["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "assistant")
        .collect();
    assert_eq!(stored.len(), 1, "one stored reply: {transcript}");
    assert_eq!(stored[0]["id"], replies[0]["id"]);
    assert_eq!(stored[0]["status"], "complete");
    assert_eq!(result["deltasLastAttempt"], stored[0]["content"]);
    let attempts = result["attempts"].as_array().unwrap();
    assert!(
        attempts.len() >= 2,
        "the rescue streamed again under a new attempt: {attempts:?}"
    );
    stack.stop().await;
}
