//! A chat exists from the visitor's first message (or first request for a person), not
//! from the moment the widget opens: `start_chat` hands out the chat's id and token and
//! stores nothing, so an opened-but-silent widget leaves no row, no inbox entry, no
//! webhook and no count in analytics.

use std::time::{Duration, Instant};

use kremna_test_stack::{Options, Owner, PLATFORM_ORIGIN, Scenario, Stack};
use serde_json::{Value, json};

fn widget_only() -> Options {
    Options {
        in_process_worker: false,
        env: vec![("WEBHOOK_ALLOW_PRIVATE_NETWORKS", "true".into())],
        ..Options::default()
    }
}

/// Subscribes an endpoint to `chat.started` (nothing delivers it: no worker runs).
async fn subscribe_chat_started(stack: &Stack, owner: &Owner) {
    let (status, made) = stack
        .api_post(
            "/webhooks/endpoints",
            &owner.token,
            json!({ "url": "http://127.0.0.1:9/hooks", "event_types": ["chat.started"] }),
        )
        .await;
    assert_eq!(status, 201, "{made}");
}

/// Rows of the workspace, read past RLS: chats, messages, `chat.started` deliveries.
async fn counts(stack: &Stack, owner: &Owner) -> (i64, i64, i64) {
    let admin = stack.db.admin_pool().await;
    let count = |sql: &'static str| {
        let admin = admin.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(owner.tenant)
                .fetch_one(&admin)
                .await
                .unwrap()
        }
    };
    let chats = count("SELECT count(*) FROM chats WHERE tenant_id = $1").await;
    let messages = count("SELECT count(*) FROM messages WHERE tenant_id = $1").await;
    let started = count(
        "SELECT count(*) FROM webhook_deliveries \
         WHERE tenant_id = $1 AND event_type = 'chat.started'",
    )
    .await;
    (chats, messages, started)
}

fn ok(answer: &Value, what: &str) {
    assert_eq!(answer["ok"], true, "{what}: {answer}");
}

fn chat_not_found(answer: &Value, what: &str) {
    assert_eq!(answer["ok"], false, "{what}: {answer}");
    assert_eq!(
        answer["error"]["code"], "chat_not_found",
        "{what}: {answer}"
    );
}

/// Names of the dashboard events about `chat`, in the order they arrived.
fn events_for(agent: &Value, chat: &str) -> Vec<String> {
    agent["seen"]
        .as_array()
        .expect("seen")
        .iter()
        .filter(|e| e["data"]["chat"]["id"] == chat || e["data"]["chatId"] == chat)
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

/// Property: opening the widget stores nothing — no chat row, no `chat.started`
/// delivery, no `chat_started` on the dashboards — while the visitor already holds the
/// chat's id. The first message then makes exactly one row and one delivery, and the
/// dashboards hear `chat_started` before that message's `new_message`.
#[tokio::test]
async fn the_first_message_not_the_open_widget_makes_the_chat() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("first-message").await;
    let bot = stack.assistant(&owner, json!({})).await;
    subscribe_chat_started(&stack, &owner).await;
    let mut agent = Scenario::spawn(
        "agentHandoffListen",
        &json!({ "url": stack.node_url(0), "token": owner.token, "transport": "websocket",
                 "names": ["chat_started", "new_message"] }),
    );
    agent.wait_mark("agent_connected").await;
    let mut visitor = Scenario::spawn(
        "visitorScript",
        &json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                 "transport": "websocket", "steps": [
            { "wait": true, "event": "send_message",
              "payload": { "chatId": "$chatId", "content": "Hello?" } },
        ] }),
    );
    let started = visitor.wait_mark("started").await;
    let chat = started["chatId"].as_str().unwrap().to_owned();
    visitor.wait_mark("step").await;
    assert_eq!(counts(&stack, &owner).await, (0, 0, 0), "an open widget");
    visitor.go().await;
    let result = visitor.result().await;
    ok(&result["answers"][0], "the first message");
    assert_eq!(
        counts(&stack, &owner).await,
        (1, 1, 1),
        "after the first message"
    );
    agent.go().await;
    let agent = agent.result().await;
    assert_eq!(
        events_for(&agent, &chat),
        ["chat_started", "new_message"],
        "{agent}"
    );
    let opened = agent["seen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "chat_started")
        .unwrap();
    assert_eq!(opened["data"]["chat"]["assistantId"], bot.to_string());
    assert_eq!(opened["data"]["chat"]["origin"], PLATFORM_ORIGIN);

    let view = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    assert_eq!(view["id"], chat, "{view}");
    assert_eq!(view["visitor_id"], result["started"]["visitorId"], "{view}");
    stack.stop().await;
}

/// Property: two first messages at once — one on the socket that opened the chat, one
/// from another socket holding the visitor token — make one chat, both messages, one
/// `chat.started`.
#[tokio::test]
async fn two_first_messages_at_once_make_one_chat() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("first-message-race").await;
    let bot = stack.assistant(&owner, json!({})).await;
    subscribe_chat_started(&stack, &owner).await;
    let result = stack
        .scenario(
            "visitorScript",
            json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "connect": ["b"], "steps": [
                { "together": [
                    { "event": "send_message",
                      "payload": { "chatId": "$chatId", "content": "one", "clientMessageId": "one" } },
                    { "socket": "b", "event": "send_message",
                      "payload": { "chatId": "$chatId", "content": "two", "clientMessageId": "two",
                                   "visitorToken": "$token" } },
                ] },
            ] }),
        )
        .await;
    ok(&result["answers"][0][0], "from the opening socket");
    ok(
        &result["answers"][0][1],
        "from another socket, with the token",
    );
    assert_eq!(counts(&stack, &owner).await, (1, 2, 1), "{result}");
    stack.stop().await;
}

/// Property: a visitor who resumes before writing (a reload, another tab) gets an empty
/// open chat, not `chat_not_found`, and still no row exists; writing from the resumed
/// socket then makes it.
#[tokio::test]
async fn resuming_before_the_first_message_answers_an_empty_open_chat() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("first-message-resume").await;
    let bot = stack.assistant(&owner, json!({})).await;
    let mut visitor = Scenario::spawn(
        "visitorScript",
        &json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                 "transport": "polling", "steps": [
            { "socket": "b", "event": "start_chat",
              "payload": { "assistantId": "$assistantId", "chatId": "$chatId", "visitorToken": "$token" } },
            { "wait": true, "socket": "b", "event": "send_message",
              "payload": { "chatId": "$chatId", "content": "Now I write." } },
        ] }),
    );
    visitor.wait_mark("started").await;
    visitor.wait_mark("step").await;
    assert_eq!(counts(&stack, &owner).await.0, 0, "resumed, still silent");
    visitor.go().await;
    let result = visitor.result().await;
    let resumed = &result["answers"][0];
    ok(resumed, "resume before the first message");
    assert_eq!(resumed["resumed"], true, "{resumed}");
    assert_eq!(resumed["id"], result["chatId"], "{resumed}");
    assert_eq!(resumed["state"], "open", "{resumed}");
    assert_eq!(resumed["messages"], json!([]), "{resumed}");
    assert_eq!(resumed["visitorId"], result["started"]["visitorId"]);
    ok(&result["answers"][1], "writing from the resumed socket");
    assert_eq!(counts(&stack, &owner).await.0, 1);
    stack.stop().await;
}

/// Property: a chat an admin deleted does not come back. Neither the socket that opened
/// it, nor an old visitor token on another socket (resume, message, request for a
/// person) recreates the row: each answers `chat_not_found`, as before this change.
#[tokio::test]
async fn a_deleted_chat_does_not_come_back_from_an_old_token() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("first-message-deleted").await;
    let bot = stack
        .assistant(&owner, json!({ "handoff_policy": "on_request" }))
        .await;
    let mut visitor = Scenario::spawn(
        "visitorScript",
        &json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                 "transport": "websocket", "steps": [
            { "event": "send_message", "payload": { "chatId": "$chatId", "content": "Hi" } },
            { "wait": true, "event": "send_message",
              "payload": { "chatId": "$chatId", "content": "Still there?" } },
            { "socket": "b", "event": "start_chat",
              "payload": { "assistantId": "$assistantId", "chatId": "$chatId", "visitorToken": "$token" } },
            { "socket": "c", "event": "send_message",
              "payload": { "chatId": "$chatId", "content": "Hello again", "visitorToken": "$token" } },
            { "socket": "c", "event": "request_human",
              "payload": { "chatId": "$chatId", "visitorToken": "$token" } },
            { "socket": "c", "event": "leave_email",
              "payload": { "chatId": "$chatId", "visitorToken": "$token", "email": "ada@example.com" } },
        ] }),
    );
    let started = visitor.wait_mark("started").await;
    let chat = started["chatId"].as_str().unwrap().to_owned();
    visitor.wait_mark("step").await;
    assert_eq!(counts(&stack, &owner).await.0, 1);
    assert_eq!(
        stack
            .api_delete(&format!("/chats/{chat}"), &owner.token)
            .await,
        204
    );
    visitor.go().await;
    let result = visitor.result().await;
    ok(&result["answers"][0], "the first message");
    let answers = result["answers"].as_array().unwrap();
    for (i, what) in [
        (1, "the opening socket writes again"),
        (2, "resume with the old token"),
        (3, "a message with the old token"),
        (4, "a request for a person with the old token"),
        (5, "an address with the old token"),
    ] {
        chat_not_found(&answers[i], what);
    }
    assert_eq!(counts(&stack, &owner).await.0, 0, "{result}");
    stack.stop().await;
}

/// Property: a visitor who asks for a person before writing anything still reaches the
/// inbox: the request makes the chat (`needs_human`), the dashboards hear
/// `chat_started` before `chat_state_changed`, and the address left afterwards is kept.
#[tokio::test]
async fn asking_for_a_person_before_writing_makes_the_chat() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("first-message-handoff").await;
    let bot = stack
        .assistant(&owner, json!({ "handoff_policy": "on_request" }))
        .await;
    subscribe_chat_started(&stack, &owner).await;
    let mut agent = Scenario::spawn(
        "agentHandoffListen",
        &json!({ "url": stack.node_url(0), "token": owner.token, "transport": "websocket",
                 "names": ["chat_started", "chat_state_changed", "visitor_email"] }),
    );
    agent.wait_mark("agent_connected").await;
    let result = stack
        .scenario(
            "visitorScript",
            json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "steps": [
                { "event": "request_human", "payload": { "chatId": "$chatId" } },
                { "event": "leave_email", "payload": { "chatId": "$chatId", "email": "ada@example.com" } },
            ] }),
        )
        .await;
    ok(&result["answers"][0], "request_human");
    assert_eq!(result["answers"][0]["state"], "needs_human");
    ok(&result["answers"][1], "leave_email");
    assert_eq!(counts(&stack, &owner).await, (1, 0, 1));
    let chat = result["chatId"].as_str().unwrap();
    agent.go().await;
    let agent = agent.result().await;
    assert_eq!(
        events_for(&agent, chat),
        ["chat_started", "chat_state_changed", "visitor_email"],
        "{agent}"
    );
    let view = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    assert_eq!(view["state"], "needs_human", "{view}");
    assert_eq!(view["visitor_email"], "ada@example.com", "{view}");
    stack.stop().await;
}

/// Property: analytics count chats that have something in them. A widget opened and
/// left silent adds nothing; a chat with a message counts once.
#[tokio::test]
async fn analytics_do_not_count_an_opened_but_silent_widget() {
    let stack = Stack::start(Options {
        env: vec![("ANALYTICS_ROLLUP_SCHEDULE", "* * * * * *".into())],
        ..Options::default()
    })
    .await;
    let owner = stack.owner("first-message-analytics").await;
    let bot = stack.assistant(&owner, json!({})).await;
    let silent = stack
        .scenario(
            "visitorScript",
            json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "steps": [] }),
        )
        .await;
    assert!(silent["chatId"].is_string(), "{silent}");
    let spoke = stack
        .scenario(
            "visitorScript",
            json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "steps": [
                { "event": "send_message", "payload": { "chatId": "$chatId", "content": "Count me" } },
            ] }),
        )
        .await;
    ok(&spoke["answers"][0], "the message");

    let deadline = Instant::now() + Duration::from_secs(10);
    let report = loop {
        let report = stack.api_get("/analytics", &owner.token).await;
        if report["summary"]["visitor_messages"] == 1 || Instant::now() > deadline {
            break report;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(report["summary"]["visitor_messages"], 1, "{report}");
    assert_eq!(report["summary"]["chats"], 1, "{report}");
    let list = stack.api_get("/chats", &owner.token).await;
    let items = list["data"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {list}"));
    assert_eq!(items.len(), 1, "{list}");
    stack.stop().await;
}
