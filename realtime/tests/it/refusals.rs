use kremna_test_stack::{Options, PLATFORM_ORIGIN, Stack};
use serde_json::{Value, json};

fn widget_only() -> Options {
    Options {
        in_process_worker: false,
        ..Options::default()
    }
}

fn answers(result: &Value) -> Vec<(String, Value)> {
    result["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap().to_owned(), r["answer"].clone()))
        .collect()
}

fn code(answer: &Value) -> &str {
    answer["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("not a refusal: {answer}"))
}

/// Every refusal names a documented code (docs/realtime-protocol.md), arrives as an
/// ack with `ok: false`, and leaves the connection usable.
#[tokio::test]
async fn bad_requests_are_refused_with_the_documented_codes() {
    let stack = Stack::start(widget_only()).await;
    let a = stack.owner("tenant-a").await;
    let b = stack.owner("tenant-b").await;
    let shop = stack
        .assistant(
            &a,
            json!({ "allowed_origins": ["https://shop.example.com", "https://*.example.org"] }),
        )
        .await;
    let paused = stack.assistant(&a, json!({ "status": "paused" })).await;
    let b_bot = stack.assistant(&b, json!({})).await;

    // A chat of tenant A, with its visitor token.
    let flow = stack
        .scenario("burst", json!({ "url": stack.node_url(0), "assistantId": shop, "origin": "https://shop.example.com", "transport": "websocket", "count": 1 }))
        .await;
    let a_chat = flow["chatId"].as_str().unwrap().to_owned();

    let url = stack.node_url(0);
    let ok_origin = "https://shop.example.com";
    let cases = json!([
        { "name": "unknown assistant", "event": "start_chat", "origin": ok_origin, "payload": { "assistantId": uuid::Uuid::new_v4() } },
        { "name": "paused assistant", "event": "start_chat", "origin": PLATFORM_ORIGIN, "payload": { "assistantId": paused } },
        { "name": "bad origin", "event": "start_chat", "origin": "https://evil.example", "payload": { "assistantId": shop } },
        { "name": "lookalike origin", "event": "start_chat", "origin": "https://shop.example.com.evil.io", "payload": { "assistantId": shop } },
        { "name": "http instead of https", "event": "start_chat", "origin": "http://shop.example.com", "payload": { "assistantId": shop } },
        { "name": "empty list refuses other sites", "event": "start_chat", "origin": "https://shop.example.com", "payload": { "assistantId": b_bot } },
        { "name": "assistant id not a uuid", "event": "start_chat", "origin": ok_origin, "payload": { "assistantId": "42" } },
        { "name": "not an object", "event": "start_chat", "origin": ok_origin, "raw": ["hello"] },
        { "name": "number payload", "event": "send_message", "origin": ok_origin, "raw": [42] },
        { "name": "missing content", "event": "send_message", "origin": ok_origin, "startFirst": { "assistantId": shop }, "useStartedChat": true, "payload": {} },
        { "name": "content of the wrong type", "event": "send_message", "origin": ok_origin, "startFirst": { "assistantId": shop }, "useStartedChat": true, "payload": { "content": { "x": 1 } } },
        { "name": "empty message", "event": "send_message", "origin": ok_origin, "startFirst": { "assistantId": shop }, "useStartedChat": true, "payload": { "content": "   " } },
        { "name": "oversize message", "event": "send_message", "origin": ok_origin, "startFirst": { "assistantId": shop }, "useStartedChat": true, "payload": { "content": "x".repeat(4001) } },
        { "name": "huge message", "event": "send_message", "origin": ok_origin, "startFirst": { "assistantId": shop }, "useStartedChat": true, "payload": { "content": "y".repeat(200_000) } },
        { "name": "chat id alone gives nothing", "event": "send_message", "origin": ok_origin, "payload": { "chatId": a_chat, "content": "let me in" } },
        { "name": "another tenant's chat id", "event": "send_message", "origin": PLATFORM_ORIGIN, "startFirst": { "assistantId": b_bot }, "payload": { "chatId": a_chat, "content": "hi" } },
        { "name": "forged visitor token", "event": "send_message", "origin": ok_origin, "payload": { "chatId": a_chat, "content": "hi", "visitorToken": "eyJhbGciOiJIUzI1NiJ9.e30.forged" } },
        { "name": "resume with a bad token", "event": "start_chat", "origin": ok_origin, "payload": { "assistantId": shop, "chatId": a_chat, "visitorToken": "nope" } },
        { "name": "resume without a token", "event": "start_chat", "origin": ok_origin, "payload": { "assistantId": shop, "chatId": a_chat } },
        { "name": "NUL in the message", "event": "send_message", "origin": ok_origin, "startFirst": { "assistantId": shop }, "useStartedChat": true, "payload": { "content": "a\u{0}b" } },
        { "name": "unknown event", "event": "no_such_event", "origin": ok_origin, "payload": { "x": 1 } },
        { "name": "refusal without ack becomes an error event", "event": "start_chat", "origin": "https://evil.example", "noAck": true, "payload": { "assistantId": shop } },
    ]);
    let result = stack
        .scenario(
            "refusals",
            json!({ "url": url, "transport": "websocket", "cases": cases }),
        )
        .await;
    let got = answers(&result);
    let expected = [
        ("unknown assistant", "assistant_not_found"),
        ("paused assistant", "assistant_paused"),
        ("bad origin", "origin_not_allowed"),
        ("lookalike origin", "origin_not_allowed"),
        ("http instead of https", "origin_not_allowed"),
        ("empty list refuses other sites", "origin_not_allowed"),
        ("assistant id not a uuid", "invalid_payload"),
        ("not an object", "invalid_payload"),
        ("number payload", "invalid_payload"),
        ("missing content", "invalid_payload"),
        ("content of the wrong type", "invalid_payload"),
        ("empty message", "message_empty"),
        ("oversize message", "message_too_long"),
        ("huge message", "message_too_long"),
        ("chat id alone gives nothing", "chat_not_found"),
        ("another tenant's chat id", "chat_not_found"),
        ("forged visitor token", "chat_not_found"),
        ("resume with a bad token", "chat_not_found"),
        ("resume without a token", "chat_not_found"),
        ("NUL in the message", "invalid_payload"),
        ("unknown event", "unknown_event"),
    ];
    for (name, want) in expected {
        let (_, answer) = got.iter().find(|(n, _)| n == name).unwrap();
        assert_eq!(answer["ok"], false, "{name}: {answer}");
        assert_eq!(code(answer), want, "{name}: {answer}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let (_, event) = got
        .iter()
        .find(|(n, _)| n == "refusal without ack becomes an error event")
        .unwrap();
    assert_eq!(event["code"], "origin_not_allowed");
    assert_eq!(event["event"], "start_chat");
    assert!(
        result["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["connected"] == true),
        "every connection survived"
    );

    let missing = got.iter().find(|(n, _)| n == "missing content").unwrap();
    assert!(
        missing.1["error"]["message"]
            .as_str()
            .unwrap()
            .contains("content"),
        "names the field"
    );

    // Nothing refused was stored: A's chat still has only its one message.
    let admin = stack.db.admin_pool().await;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE chat_id = $1::uuid")
        .bind(&a_chat)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(count, 1);
    let long: i64 =
        sqlx::query_scalar("SELECT count(*) FROM messages WHERE char_length(content) > 4000")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(long, 0);
    stack.stop().await;
}

/// Allowed origins: exact and wildcard entries admit their pages; the platform's own
/// origin (dashboard preview) is always admitted.
#[tokio::test]
async fn allowed_origins_admit_their_pages() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("origins").await;
    let shop = stack
        .assistant(
            &owner,
            json!({ "allowed_origins": ["https://shop.example.com", "https://*.example.org"] }),
        )
        .await;
    let preview_only = stack.assistant(&owner, json!({})).await;
    let cases = json!([
        { "name": "exact", "event": "start_chat", "origin": "https://shop.example.com", "payload": { "assistantId": shop } },
        { "name": "wildcard", "event": "start_chat", "origin": "https://blog.example.org", "payload": { "assistantId": shop } },
        { "name": "platform preview", "event": "start_chat", "origin": PLATFORM_ORIGIN, "payload": { "assistantId": shop } },
        { "name": "empty list, platform preview", "event": "start_chat", "origin": PLATFORM_ORIGIN, "payload": { "assistantId": preview_only } },
    ]);
    for transport in ["websocket", "polling"] {
        let result = stack
            .scenario(
                "refusals",
                json!({ "url": stack.node_url(0), "transport": transport, "cases": cases }),
            )
            .await;
        for (name, answer) in answers(&result) {
            assert_eq!(answer["ok"], true, "{transport} {name}: {answer}");
        }
    }
    stack.stop().await;
}

/// Limits are answered with `rate_limited` and a `retryAfter`, never a silent drop:
/// messages per visitor per minute, new chats per address per hour, replies per
/// tenant per minute.
#[tokio::test]
async fn limits_are_enforced_with_a_clear_answer() {
    let stack = Stack::start(Options {
        in_process_worker: false,
        env: vec![
            ("RATE_VISITOR_MESSAGES_PER_MINUTE", "3".into()),
            ("RATE_CHATS_PER_IP_PER_HOUR", "4".into()),
            ("RATE_TENANT_REPLIES_PER_MINUTE", "5".into()),
            // All from one address here: let it use the whole tenant budget
            // (`flood.rs` tests the share).
            ("RATE_TENANT_SHARE_PER_ADDRESS_PERCENT", "100".into()),
        ],
        ..Options::default()
    })
    .await;
    let owner = stack.owner("limits").await;
    let bot = stack.assistant(&owner, json!({})).await;
    let url = stack.node_url(0);

    // One visitor: 3 messages pass, the 4th is refused.
    let burst = stack
        .scenario("burst", json!({ "url": url, "assistantId": bot, "origin": PLATFORM_ORIGIN, "transport": "websocket", "count": 4 }))
        .await;
    let acks = burst["acks"].as_array().unwrap();
    assert!(acks[..3].iter().all(|a| a["ok"] == true), "{acks:?}");
    assert_eq!(acks[3]["ok"], false);
    assert_eq!(acks[3]["error"]["code"], "rate_limited");
    assert!(acks[3]["error"]["retryAfter"].as_u64().unwrap() >= 1);

    // A second visitor (chat 2 from this address): the tenant's 5 replies a minute run out.
    let burst = stack
        .scenario("burst", json!({ "url": url, "assistantId": bot, "origin": PLATFORM_ORIGIN, "transport": "polling", "count": 3 }))
        .await;
    let acks = burst["acks"].as_array().unwrap();
    assert_eq!(acks[0]["ok"], true);
    assert_eq!(acks[1]["ok"], true);
    assert_eq!(acks[2]["error"]["code"], "rate_limited", "{acks:?}");

    // New chats from one address: 2 used above, 2 more pass, the 5th is refused.
    let cases: Vec<Value> = (0..3)
        .map(|i| json!({ "name": format!("chat {i}"), "event": "start_chat", "origin": PLATFORM_ORIGIN, "payload": { "assistantId": bot } }))
        .collect();
    let result = stack
        .scenario(
            "refusals",
            json!({ "url": url, "transport": "websocket", "cases": cases }),
        )
        .await;
    let got = answers(&result);
    assert_eq!(got[0].1["ok"], true);
    assert_eq!(got[1].1["ok"], true);
    assert_eq!(got[2].1["error"]["code"], "rate_limited", "{got:?}");
    stack.stop().await;
}

/// Retrying a send with the same clientMessageId stores one message and one job.
#[tokio::test]
async fn retried_sends_are_idempotent() {
    let stack = Stack::start(widget_only()).await;
    let owner = stack.owner("idem").await;
    let bot = stack.assistant(&owner, json!({})).await;
    let cases = json!([
        { "name": "first", "event": "send_message", "origin": PLATFORM_ORIGIN, "startFirst": { "assistantId": bot }, "useStartedChat": true,
          "payload": { "content": "same", "clientMessageId": "c-1" } },
    ]);
    let result = stack
        .scenario(
            "refusals",
            json!({ "url": stack.node_url(0), "transport": "websocket", "cases": cases }),
        )
        .await;
    let first = &answers(&result)[0].1;
    assert_eq!(first["ok"], true);
    let chat = first["message"]["chatId"].as_str().unwrap();

    // The retry arrives on a new connection, with the visitor token.
    let admin = stack.db.admin_pool().await;
    let again = stack
        .scenario(
            "refusals",
            json!({ "url": stack.node_url(0), "transport": "websocket", "cases": [
                { "name": "retry", "event": "send_message", "origin": PLATFORM_ORIGIN,
                  "payload": { "chatId": chat, "content": "same", "clientMessageId": "c-1", "visitorToken": first_token(&stack, &admin, chat).await } }
            ] }),
        )
        .await;
    let retry = &answers(&again)[0].1;
    assert_eq!(retry["ok"], true, "{retry}");
    assert_eq!(retry["duplicate"], true);
    assert_eq!(retry["message"]["id"], first["message"]["id"]);
    let messages: i64 =
        sqlx::query_scalar("SELECT count(*) FROM messages WHERE chat_id = $1::uuid")
            .bind(chat)
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(messages, 1);
    let jobs: i64 =
        sqlx::query_scalar("SELECT count(*) FROM apalis.jobs WHERE job_type = 'kremna.reply'")
            .fetch_one(&admin)
            .await
            .unwrap();
    assert_eq!(jobs, 1);
    stack.stop().await;
}

/// A visitor token for `chat`, as `chat_started` would have given it.
async fn first_token(stack: &Stack, admin: &sqlx::PgPool, chat: &str) -> String {
    let (tenant, assistant, visitor): (uuid::Uuid, uuid::Uuid, String) =
        sqlx::query_as("SELECT tenant_id, assistant_id, visitor_id FROM chats WHERE id = $1::uuid")
            .bind(chat)
            .fetch_one(admin)
            .await
            .unwrap();
    kremna_shared::auth::VisitorTokens::new(&stack.config().jwt)
        .issue(
            chat.parse().unwrap(),
            kremna_shared::ids::TenantId::from_uuid(tenant),
            kremna_shared::ids::AssistantId::from_uuid(assistant),
            &visitor,
        )
        .unwrap()
}
