//! One address cannot silence a workspace: its messages are limited across its chats
//! and in each chat, and it may use only its share of the tenant's reply budget.

use kremna_test_stack::{Options, PLATFORM_ORIGIN, Stack};
use serde_json::json;

/// Property: with the default limits, 30 chats × 20 messages from one address get
/// `rate_limited` beyond that address's allowance, and a visitor from another address
/// is still answered (the tenant's budget was not used up by the flood).
#[tokio::test]
async fn one_address_cannot_silence_a_workspace() {
    let stack = Stack::start(Options {
        env: vec![("TRUST_PROXY_HEADERS", "true".into())],
        ..Options::default()
    })
    .await;
    let owner = stack.owner("flooded").await;
    let bot = stack.assistant(&owner, json!({})).await;
    let result = stack
        .scenario(
            "flood",
            json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "chats": 30, "perChat": 20,
                    "attacker": "198.51.100.7", "visitor": "203.0.113.20", "timeoutMs": 90000 }),
        )
        .await;
    println!("flood outcome: {}", result["codes"]);
    let accepted = result["codes"]["ok"].as_u64().unwrap_or(0);
    let limited = result["codes"]["rate_limited"].as_u64().unwrap_or(0);
    assert!(
        limited > 0,
        "the flooding address was never limited: {result}"
    );
    assert!(
        accepted <= 40,
        "one address got {accepted} messages in: {result}"
    );
    assert_eq!(
        accepted + limited,
        600,
        "every message was answered: {result}"
    );
    assert_eq!(result["started"]["ok"], true, "{result}");
    assert_eq!(
        result["sent"]["ok"], true,
        "the other visitor was refused: {result}"
    );
    assert_eq!(result["reply"]["role"], "assistant", "no reply: {result}");
    stack.stop().await;
}
