//! The 256 KiB frame limit holds on both transports.

use kremna_test_stack::{Options, PLATFORM_ORIGIN, Stack};
use serde_json::json;

/// Resident memory of this process (the API, the nodes and the worker run in it).
fn rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kib / 1024
}

/// Property: a websocket message over 256 KiB is refused at the transport (the socket
/// is closed; nothing is parsed or answered), 20 sockets sending 10 MiB each do not
/// grow the node's memory, polling still answers 413 (the client sees a transport
/// error), and normal messages still work on both.
#[tokio::test]
async fn oversized_frames_are_refused_on_both_transports() {
    let stack = Stack::start(Options {
        in_process_worker: false,
        ..Options::default()
    })
    .await;
    let owner = stack.owner("frames").await;
    let bot = stack.assistant(&owner, json!({})).await;
    let url = stack.node_url(0);

    let one = stack
        .scenario("bigFrames", json!({ "url": url, "assistantId": bot, "origin": PLATFORM_ORIGIN, "transport": "websocket", "bytes": 1 << 20 }))
        .await;
    let outcome = &one["outcomes"][0];
    assert_eq!(outcome["disconnected"], true, "1 MiB over websocket: {one}");
    assert!(
        outcome["answer"]["ok"].is_null(),
        "no answer to a refused frame: {one}"
    );
    assert_eq!(one["normal"]["ok"], true, "{one}");

    let before = rss_mib();
    let many = stack
        .scenario("bigFrames", json!({ "url": url, "assistantId": bot, "origin": PLATFORM_ORIGIN, "transport": "websocket", "bytes": 10 << 20, "sockets": 20, "timeoutMs": 60000 }))
        .await;
    let after = rss_mib();
    for outcome in many["outcomes"].as_array().unwrap() {
        assert_eq!(
            outcome["disconnected"], true,
            "10 MiB over websocket: {outcome}"
        );
    }
    println!("resident memory: {before} MiB before 20 × 10 MiB frames, {after} MiB after");
    assert!(
        after.saturating_sub(before) < 64,
        "memory grew from {before} MiB to {after} MiB"
    );

    let polling = stack
        .scenario("bigFrames", json!({ "url": url, "assistantId": bot, "origin": PLATFORM_ORIGIN, "transport": "polling", "bytes": 1 << 20 }))
        .await;
    let outcome = &polling["outcomes"][0];
    assert!(outcome["answer"]["ok"].is_null(), "polling: {polling}");
    assert_eq!(polling["normal"]["ok"], true, "{polling}");
    stack.stop().await;
}
