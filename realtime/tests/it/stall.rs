//! Fault: a realtime node stalls (SIGSTOP) while the rest of the deployment keeps
//! broadcasting, and falls far behind on Redis.

use std::{process::Stdio, time::Duration};

use kremna_test_stack::{
    FakeConfig, Options, PLATFORM_ORIGIN, Reply, Scenario, Stack,
    process::{eventually, free_port, http_status, signal},
    redis_server::RedisServer,
};
use serde_json::json;
use tokio::process::Command;

const CHATS: usize = 6;

/// Property: visitors connected to a node that stalled while more than 1,024 broadcasts
/// went by (six replies of 400 pieces each, all finished while it was frozen) still end
/// with every final reply, without reconnecting. The node may fall only 256 messages
/// behind (`REALTIME_ADAPTER_BUFFER`), so it surely drops some of the backlog and must
/// recover the final replies from Postgres.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_on_a_stalled_node_still_get_every_final_reply() {
    let redis = kremna_test_stack::process::blocking(RedisServer::start);
    let stack = Stack::start(Options {
        redis_url: Some(redis.url()),
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Lorem { tokens: 400 })
            .with_time_to_first_token(Duration::from_millis(800)),
        ..Options::default()
    })
    .await;
    let owner = stack.owner("stall").await;
    let assistant = stack.assistant(&owner, json!({})).await;

    // Node B runs in its own process, so it can be frozen.
    let port = free_port();
    let mut node_b = Command::new(env!("CARGO_BIN_EXE_kremna-realtime"))
        .env_clear()
        .envs(stack.env())
        .env("HOST", "127.0.0.1")
        .env("REALTIME_PORT", port.to_string())
        .env("REALTIME_ADAPTER_BUFFER", "256")
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("start kremna-realtime");
    let url_b = format!("http://127.0.0.1:{port}");
    eventually(Duration::from_secs(10), "node B ready", || {
        let url = format!("{url_b}/readyz");
        async move { http_status(&url).await == 200 }
    })
    .await;

    let mut run = Scenario::spawn(
        "waitingVisitors",
        &json!({ "url": url_b, "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                 "transport": "websocket", "chats": CHATS, "waitMs": 15000, "timeoutMs": 30000 }),
    );
    let sent = run.wait_mark("sent").await;
    let pid = node_b.id().expect("node B runs");
    signal(pid, "STOP");
    let chats: Vec<String> = sent["chats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    let stored_replies = || async {
        let mut ids = Vec::new();
        for chat in &chats {
            let transcript = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
            if let Some(reply) = transcript["messages"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["role"] == "assistant" && m["status"] == "complete")
            {
                ids.push(reply["id"].as_str().unwrap().to_owned());
            }
        }
        ids
    };
    eventually(
        Duration::from_secs(20),
        "every reply written while node B is frozen",
        || async { stored_replies().await.len() == CHATS },
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    signal(pid, "CONT");
    let result = run.result().await;
    let stored = stored_replies().await;

    for chat in result["chats"].as_array().unwrap() {
        assert_eq!(chat["connected"], true, "no reconnect needed: {chat}");
        let replies = chat["replies"].as_array().unwrap();
        assert_eq!(replies.len(), 1, "the final reply arrived: {result}");
        assert!(
            stored.iter().any(|id| replies[0] == id.as_str()),
            "{result}"
        );
    }
    node_b.start_kill().ok();
    stack.stop().await;
}
