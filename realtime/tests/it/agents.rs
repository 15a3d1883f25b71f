use chrono::Utc;
use kremna_test_stack::{JWT_SECRET, Options, PLATFORM_ORIGIN, Scenario, Stack};
use serde_json::json;

/// Property: a dashboard socket sees its own tenant's chats start and their messages
/// arrive live, and never another tenant's.
#[tokio::test]
async fn the_dashboard_sees_its_tenant_only() {
    let stack = Stack::start(Options {
        realtime_nodes: 2,
        ..Options::default()
    })
    .await;
    let a = stack.owner("live-a").await;
    let b = stack.owner("live-b").await;
    let a_bot = stack.assistant(&a, json!({})).await;

    let mut watch_a = Scenario::spawn(
        "agentListen",
        &json!({ "url": stack.node_url(1), "token": a.token, "transport": "websocket", "listenMs": 3000 }),
    );
    let mut watch_b = Scenario::spawn(
        "agentListen",
        &json!({ "url": stack.node_url(1), "token": b.token, "transport": "polling", "listenMs": 3000 }),
    );
    watch_a.wait_mark("agent_connected").await;
    watch_b.wait_mark("agent_connected").await;
    let flow = stack
        .scenario("flow", json!({ "url": stack.node_url(0), "assistantId": a_bot, "origin": PLATFORM_ORIGIN, "transport": "websocket" }))
        .await;
    let seen_a = watch_a.result().await;
    let seen_b = watch_b.result().await;

    let names: Vec<&str> = seen_a["seen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"chat_started"), "{names:?}");
    assert_eq!(
        names.iter().filter(|n| **n == "new_message").count(),
        2,
        "visitor message and reply: {names:?}"
    );
    assert!(
        !names.contains(&"message_delta"),
        "deltas only go to sockets watching the chat"
    );
    let reply = seen_a["seen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "new_message" && e["data"]["role"] == "assistant")
        .unwrap();
    assert_eq!(reply["data"]["id"], flow["reply"]["id"]);
    assert_eq!(
        seen_b["seen"].as_array().unwrap().len(),
        0,
        "tenant B saw nothing: {seen_b}"
    );
    stack.stop().await;
}

/// Dashboard connections need a valid, unexpired access token of a current member.
#[tokio::test]
async fn the_dashboard_namespace_refuses_bad_tokens() {
    let stack = Stack::start(Options {
        in_process_worker: false,
        ..Options::default()
    })
    .await;
    let owner = stack.owner("agent-auth").await;
    let now = Utc::now().timestamp();
    let expired = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &json!({ "sub": uuid::Uuid::new_v4(), "tid": owner.tenant, "role": "owner", "iss": "kremna",
                 "aud": "kremna-dashboard", "iat": now - 7200, "exp": now - 3600, "jti": uuid::Uuid::new_v4() }),
        &jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .unwrap();
    for (token, want) in [
        (None, "missing_token"),
        (Some("garbage".to_owned()), "invalid_token"),
        (Some(expired), "token_expired"),
    ] {
        let result = stack
            .scenario(
                "agentListen",
                json!({ "url": stack.node_url(0), "token": token, "transport": "websocket" }),
            )
            .await;
        assert_eq!(result["connected"], false, "{result}");
        assert_eq!(result["error"], want);
    }
    // Watching another tenant's chat is refused like a missing one.
    let other = stack.owner("agent-other").await;
    let bot = stack.assistant(&other, json!({})).await;
    let chat = stack
        .scenario("burst", json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN, "transport": "websocket", "count": 1 }))
        .await["chatId"]
        .clone();
    let result = stack
        .scenario("watchChat", json!({ "url": stack.node_url(0), "token": owner.token, "chatId": chat, "transport": "websocket" }))
        .await;
    assert_eq!(result["answer"]["ok"], false);
    assert_eq!(result["answer"]["error"]["code"], "chat_not_found");
    stack.stop().await;
}
