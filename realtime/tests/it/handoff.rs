//! The visitor's side of human handoff: `request_human` and `leave_email` on the widget
//! namespace, with the same checks as `send_message`.

use kremna_test_stack::{Options, PLATFORM_ORIGIN, Scenario, Stack};
use serde_json::{Value, json};

fn widget_only() -> Options {
    Options {
        in_process_worker: false,
        ..Options::default()
    }
}

const OFFLINE: &str = "Nobody is here right now; leave your e-mail and we will write back.";

fn refused_with(answer: &Value, code: &str, what: &str) {
    assert_eq!(answer["ok"], false, "{what}: {answer}");
    assert_eq!(answer["error"]["code"], code, "{what}: {answer}");
}

/// Property: a visitor of an assistant that lets visitors ask gets a person asked for:
/// the chat is `needs_human`, stored in its history with no member as actor, and — as
/// no member has the dashboard open — the visitor is told the assistant's offline
/// message, both in the ack and in `chat_state`. Asking twice changes nothing more.
/// The address the visitor then leaves is kept on the chat, normalised, and shown to
/// members with the chat; a malformed one is refused and stores nothing.
#[tokio::test]
async fn asking_while_nobody_is_online_gives_the_offline_message_and_keeps_the_address() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("handoff-offline").await;
    let bot = stack
        .assistant(
            &owner,
            json!({ "handoff_policy": "on_request", "offline_message": OFFLINE }),
        )
        .await;
    let result = stack
        .scenario(
            "visitorSteps",
            json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "steps": [
                { "event": "request_human", "payload": { "chatId": "$chatId" } },
                { "event": "request_human", "payload": { "chatId": "$chatId" } },
                { "name": "bad address", "event": "leave_email", "payload": { "chatId": "$chatId", "email": "not an address" } },
                { "event": "leave_email", "payload": { "chatId": "$chatId", "email": "  Ada@Example.COM " } },
            ] }),
        )
        .await;
    let answers = result["answers"].as_array().expect("answers");
    let asked = &answers[0]["answer"];
    assert_eq!(asked["ok"], true, "{result}");
    assert_eq!(asked["state"], "needs_human");
    assert_eq!(asked["offlineMessage"], OFFLINE);
    assert_eq!(
        answers[1]["answer"]["state"], "needs_human",
        "asking again: {result}"
    );
    assert_eq!(answers[1]["answer"]["offlineMessage"], OFFLINE);
    refused_with(
        &answers[2]["answer"],
        "invalid_payload",
        "a malformed address",
    );
    assert_eq!(answers[3]["answer"]["ok"], true, "{result}");
    assert_eq!(answers[3]["answer"]["email"], "ada@example.com");

    let states = result["states"].as_array().expect("states");
    assert_eq!(states.len(), 1, "one change, one chat_state: {result}");
    assert_eq!(states[0]["state"], "needs_human");
    assert_eq!(states[0]["offlineMessage"], OFFLINE);

    let chat = result["chatId"].as_str().unwrap();
    let view = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    assert_eq!(view["state"], "needs_human", "{view}");
    assert_eq!(view["visitor_email"], "ada@example.com", "{view}");
    let history = view["history"].as_array().expect("history");
    assert_eq!(history.len(), 1, "{view}");
    assert_eq!(history[0]["kind"], "requested_by_visitor");
    assert!(
        history[0]["actor_id"].is_null(),
        "the visitor acted: {view}"
    );
    stack.stop().await;
}

/// Property: with a member's dashboard open, the request reaches it live
/// (`chat_state_changed`, then `visitor_email`) and the visitor is not told nobody is
/// there. The member then takes over and writes over REST: the visitor sees who joined
/// (`chat_state` assigned with the member's name) and the member's message (role
/// `agent` with the name); a resume meanwhile says so too; handing back tells the
/// visitor the assistant answers again.
#[tokio::test]
async fn a_member_online_hears_the_request_and_the_visitor_sees_them_join() {
    let stack = Stack::start(Options {
        realtime_nodes: 2,
        ..widget_only()
    })
    .await;
    let owner = stack.owner("handoff-online").await;
    let bot = stack
        .assistant(
            &owner,
            json!({ "handoff_policy": "model", "offline_message": OFFLINE }),
        )
        .await;
    let mut agent = Scenario::spawn(
        "agentHandoffListen",
        &json!({ "url": stack.node_url(1), "token": owner.token, "transport": "websocket" }),
    );
    agent.wait_mark("agent_connected").await;
    let mut visitor = Scenario::spawn(
        "handoffVisitor",
        &json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                 "transport": "polling", "email": "ada@example.com" }),
    );
    let asked = visitor.wait_mark("asked").await;
    let chat = asked["chatId"].as_str().unwrap().to_owned();
    let (status, view) = stack
        .api_post(&format!("/chats/{chat}/take-over"), &owner.token, json!({}))
        .await;
    assert_eq!(status, 200, "{view}");
    let name = view["assignee_name"]
        .as_str()
        .expect("assignee name")
        .to_owned();
    let (status, posted) = stack
        .api_post(
            &format!("/chats/{chat}/messages"),
            &owner.token,
            json!({ "content": "Hello, I'm here." }),
        )
        .await;
    assert!(status == 200 || status == 201, "{status} {posted}");
    visitor.go().await;
    visitor.wait_mark("joined").await;
    let (status, back) = stack
        .api_post(&format!("/chats/{chat}/hand-back"), &owner.token, json!({}))
        .await;
    assert_eq!(status, 200, "{back}");
    visitor.go().await;
    let result = visitor.result().await;
    agent.go().await;
    let seen = agent.result().await;

    assert_eq!(result["asked"]["ok"], true, "{result}");
    assert_eq!(result["asked"]["state"], "needs_human");
    assert!(
        result["asked"]["offlineMessage"].is_null(),
        "a member is online: {result}"
    );
    assert_eq!(result["left"]["ok"], true, "{result}");
    assert_eq!(result["joined"]["state"], "assigned");
    assert_eq!(result["joined"]["agentName"], name.as_str());
    assert!(
        result["joined"].get("assigneeId").is_none(),
        "no member ids to visitors"
    );
    assert_eq!(result["agentMessage"]["content"], "Hello, I'm here.");
    assert_eq!(result["agentMessage"]["authorName"], name.as_str());
    assert_eq!(result["resumedAssigned"]["state"], "assigned", "{result}");
    assert_eq!(result["resumedAssigned"]["agentName"], name.as_str());
    assert_eq!(result["resumedAssigned"]["visitorEmail"], "ada@example.com");
    let replayed = result["resumedAssigned"]["messages"]
        .as_array()
        .expect("replayed messages")
        .iter()
        .find(|m| m["role"] == "agent")
        .unwrap_or_else(|| panic!("the member's message is replayed: {result}"));
    assert_eq!(
        replayed["authorName"],
        name.as_str(),
        "with the member's name, as live"
    );
    assert_eq!(result["back"]["state"], "open");
    assert_eq!(result["started"]["state"], "open", "a new chat: {result}");

    let seen = seen["seen"].as_array().expect("seen");
    let request = seen
        .iter()
        .find(|e| e["name"] == "chat_state_changed" && e["data"]["chatId"] == chat.as_str())
        .unwrap_or_else(|| panic!("the dashboard heard the request: {seen:?}"));
    assert_eq!(request["data"]["state"], "needs_human");
    assert_eq!(request["data"]["event"]["kind"], "requested_by_visitor");
    let email = seen
        .iter()
        .find(|e| e["name"] == "visitor_email")
        .unwrap_or_else(|| panic!("the dashboard got the address: {seen:?}"));
    assert_eq!(
        email["data"],
        json!({ "chatId": chat, "email": "ada@example.com" })
    );
    stack.stop().await;
}

/// Property: `request_human` and `leave_email` act only on a chat the socket opened or
/// holds the token of, and only as the assistant allows. Another visitor's chat (here,
/// another tenant's), with or without this chat's token, and a malformed id are refused
/// like a missing chat and leave it untouched; an assistant whose policy is `never`
/// refuses both with `handoff_not_allowed` and stores nothing. (Neither chat was written
/// to, so a refusal that stored nothing leaves no chat at all: issue 10.)
#[tokio::test]
async fn other_chats_and_assistants_that_never_hand_off_are_refused() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("handoff-never").await;
    let never = stack.assistant(&owner, json!({})).await;
    let other_owner = stack.owner("handoff-other").await;
    let theirs = stack
        .assistant(&other_owner, json!({ "handoff_policy": "on_request" }))
        .await;
    let result = stack
        .scenario(
            "visitorSteps",
            json!({ "url": stack.node_url(0), "assistantId": never, "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "other": { "assistantId": theirs },
                    "steps": [
                { "name": "never", "event": "request_human", "payload": { "chatId": "$chatId" } },
                { "name": "never, address", "event": "leave_email", "payload": { "chatId": "$chatId", "email": "a@b.co" } },
                { "name": "another chat", "event": "request_human", "payload": { "chatId": "$otherChatId" } },
                { "name": "another chat, my token", "event": "request_human", "payload": { "chatId": "$otherChatId", "visitorToken": "$token" } },
                { "name": "another chat, address", "event": "leave_email", "payload": { "chatId": "$otherChatId", "email": "a@b.co" } },
                { "name": "malformed id", "event": "request_human", "payload": { "chatId": "nope" } },
                { "name": "no payload", "event": "leave_email", "payload": { "chatId": "$chatId" } },
            ] }),
        )
        .await;
    let answers = result["answers"].as_array().expect("answers");
    let code = |name: &str| {
        answers
            .iter()
            .find(|a| a["name"] == name)
            .unwrap_or_else(|| panic!("{name}: {result}"))["answer"]
            .clone()
    };
    refused_with(&code("never"), "handoff_not_allowed", "policy never");
    refused_with(
        &code("never, address"),
        "handoff_not_allowed",
        "policy never",
    );
    for name in [
        "another chat",
        "another chat, my token",
        "another chat, address",
        "malformed id",
    ] {
        refused_with(&code(name), "chat_not_found", name);
    }
    refused_with(&code("no payload"), "invalid_payload", "no address");
    assert!(result["states"].as_array().unwrap().is_empty(), "{result}");

    let mine = result["chatId"].as_str().unwrap();
    let view = stack.api_get(&format!("/chats/{mine}"), &owner.token).await;
    assert_eq!(view["error"]["code"], "not_found", "nothing stored: {view}");
    let other = result["otherChatId"].as_str().unwrap();
    let view = stack
        .api_get(&format!("/chats/{other}"), &other_owner.token)
        .await;
    assert_eq!(
        view["error"]["code"], "not_found",
        "the other chat is untouched (still not created): {view}"
    );
    stack.stop().await;
}

/// Property: like `send_message`, both events check the assistant as it is now: paused
/// since the chat started is `assistant_paused`, and a page whose origin left the list
/// is `origin_not_allowed`; neither stores anything (not even the chat, which nothing
/// was written to: issue 10).
#[tokio::test]
async fn a_paused_assistant_or_a_removed_origin_refuses_them() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("handoff-paused").await;
    let bot = stack
        .assistant(
            &owner,
            json!({ "handoff_policy": "on_request", "allowed_origins": ["https://a.example"] }),
        )
        .await;
    let path = format!("/assistants/{bot}");
    let mut run = Scenario::spawn(
        "visitorSteps",
        &json!({ "url": stack.node_url(0), "assistantId": bot, "origin": "https://a.example",
                 "transport": "websocket", "steps": [
            { "name": "paused", "event": "request_human", "payload": { "chatId": "$chatId" }, "wait": true },
            { "name": "paused, address", "event": "leave_email", "payload": { "chatId": "$chatId", "email": "a@b.co" } },
            { "name": "origin gone", "event": "request_human", "payload": { "chatId": "$chatId" }, "wait": true },
            { "name": "origin gone, address", "event": "leave_email", "payload": { "chatId": "$chatId", "email": "a@b.co" } },
        ] }),
    );
    let started = run.wait_mark("started").await;
    run.wait_mark("step").await;
    stack
        .api_patch(&path, &owner.token, json!({ "status": "paused" }))
        .await;
    run.go().await;
    run.wait_mark("step").await;
    stack
        .api_patch(
            &path,
            &owner.token,
            json!({ "status": "active", "allowed_origins": ["https://b.example"] }),
        )
        .await;
    run.go().await;
    let result = run.result().await;
    let answers = result["answers"].as_array().expect("answers");
    refused_with(&answers[0]["answer"], "assistant_paused", "paused");
    refused_with(&answers[1]["answer"], "assistant_paused", "paused");
    refused_with(&answers[2]["answer"], "origin_not_allowed", "origin gone");
    refused_with(&answers[3]["answer"], "origin_not_allowed", "origin gone");

    let chat = started["chatId"].as_str().unwrap();
    let view = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    assert_eq!(view["error"]["code"], "not_found", "nothing stored: {view}");
    stack.stop().await;
}

/// Property: the visitor's requests count with the visitor's messages (per chat, per
/// address): past the chat's limit they are refused with `rate_limited` and a
/// `retryAfter`, so a page cannot flood the dashboards with requests or addresses.
#[tokio::test]
async fn requests_count_against_the_chats_limit() {
    let stack = Stack::start(Options {
        env: vec![("RATE_VISITOR_MESSAGES_PER_MINUTE", "3".into())],
        ..widget_only()
    })
    .await;
    let owner = stack.owner("handoff-limits").await;
    let bot = stack
        .assistant(&owner, json!({ "handoff_policy": "on_request" }))
        .await;
    let step = |email: &str| json!({ "event": "leave_email", "payload": { "chatId": "$chatId", "email": email } });
    let result = stack
        .scenario(
            "visitorSteps",
            json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "steps": [
                { "event": "request_human", "payload": { "chatId": "$chatId" } },
                step("a1@b.co"), step("a2@b.co"), step("a3@b.co"),
            ] }),
        )
        .await;
    let answers = result["answers"].as_array().expect("answers");
    for a in &answers[..3] {
        assert_eq!(a["answer"]["ok"], true, "{result}");
    }
    refused_with(&answers[3]["answer"], "rate_limited", "the fourth");
    assert!(
        answers[3]["answer"]["error"]["retryAfter"]
            .as_u64()
            .unwrap()
            >= 1
    );
    let chat = result["chatId"].as_str().unwrap();
    let view = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    assert_eq!(
        view["visitor_email"], "a2@b.co",
        "the refused one is not kept: {view}"
    );
    stack.stop().await;
}
