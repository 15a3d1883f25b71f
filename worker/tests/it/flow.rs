use kremna_test_stack::{FakeConfig, Options, PLATFORM_ORIGIN, Reply, Stack};
use serde_json::{Value, json};

async fn stack_with_reply(text: &str) -> Stack {
    Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Fixed(text.into())),
        ..Options::default()
    })
    .await
}

/// The original protocol end to end, on each transport: `start_chat` answers
/// `chat_started` with the chat `id`; `send_message` echoes the visitor's message as
/// `new_message {role, content, createdAt}`; the reply streams as deltas that
/// reassemble exactly to the stored reply, between typing on and off.
#[tokio::test]
async fn the_original_flow_streams_a_reply_on_both_transports() {
    let reply = "Fiyatlarımız ayda 10 € ile başlar. Anything else I can help with?";
    let stack = stack_with_reply(reply).await;
    let owner = stack.owner("flow").await;
    let assistant = stack
        .assistant(&owner, json!({ "instructions": "You sell things." }))
        .await;

    for transport in ["websocket", "polling"] {
        let result = stack
            .scenario(
                "flow",
                json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": transport }),
            )
            .await;
        assert_eq!(result["transport"], transport);
        let started = &result["started"];
        assert_eq!(started["ok"], true);
        assert!(started["id"].is_string() && started["id"] == started["chatId"]);
        assert!(started["visitorToken"].as_str().unwrap().len() > 20);
        assert_eq!(started["assistant"]["name"], "Test assistant");

        let echo = &result["userEcho"];
        assert_eq!(echo["role"], "user");
        assert_eq!(echo["content"], "Merhaba, fiyatlarınız nedir?");
        assert!(echo["createdAt"].is_string());
        assert_eq!(result["sent"]["ok"], true);
        assert_eq!(result["sent"]["message"]["id"], echo["id"]);

        let final_reply = &result["reply"];
        assert_eq!(final_reply["content"], reply);
        assert_eq!(final_reply["status"], "complete");
        assert_eq!(
            result["deltas"], reply,
            "the deltas reassemble to the reply"
        );
        let names: Vec<&str> = result["eventNames"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        let typing_on = names.iter().position(|n| *n == "assistant_typing").unwrap();
        let first_delta = names.iter().position(|n| *n == "message_delta").unwrap();
        assert!(
            typing_on < first_delta,
            "typing starts before the first delta: {names:?}"
        );

        // What was streamed is what was stored, with usage and latency.
        let chat: Value = stack
            .api_get(
                &format!("/chats/{}", started["id"].as_str().unwrap()),
                &owner.token,
            )
            .await;
        let messages = chat["messages"].as_array().unwrap();
        assert_eq!(messages.len(), 2);
        let stored = &messages[1];
        assert_eq!(stored["content"], reply);
        assert_eq!(stored["id"], final_reply["id"]);
        assert!(stored["prompt_tokens"].as_i64().unwrap() > 0);
        assert!(stored["completion_tokens"].as_i64().unwrap() > 0);
        assert!(stored["latency_ms"].as_i64().is_some());
        assert_eq!(stored["model"], "mistral-small-latest");
    }
    stack.stop().await;
}

/// The prompt carries the assistant's instructions and the conversation so far (the
/// original sent only the last message).
#[tokio::test]
async fn the_prompt_has_instructions_and_history() {
    let stack = stack_with_reply("Noted.").await;
    let owner = stack.owner("prompt").await;
    let assistant = stack
        .assistant(&owner, json!({ "instructions": "You are Ada." }))
        .await;
    let result = stack
        .scenario("resume", json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket" }))
        .await;
    assert!(result["resumed"]["ok"].as_bool().unwrap());
    let requests = stack.fake.requests();
    let last = requests.last().unwrap();
    let messages = last.messages();
    let roles: Vec<&str> = messages
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    let contents: Vec<&str> = messages
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["system", "user", "assistant", "user"]);
    assert_eq!(
        contents,
        [
            "You are Ada.",
            "first question",
            "Noted.",
            "second question"
        ]
    );
    assert_eq!(last.bearer_token(), Some("test-key"));
    stack.stop().await;
}

/// Atomic enqueue: every accepted visitor message has exactly one reply job, and a
/// refused one has neither message nor job.
#[tokio::test]
async fn every_accepted_message_has_exactly_one_job() {
    let stack = stack_with_reply("ok").await;
    let owner = stack.owner("atomic").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let result = stack
        .scenario("burst", json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket", "count": 5 }))
        .await;
    let acks = result["acks"].as_array().unwrap();
    assert!(acks.iter().all(|a| a["ok"] == true), "{acks:?}");

    // Let the replies finish, then count rows and jobs as the admin.
    let chat = result["chatId"].as_str().unwrap();
    let admin = stack.db.admin_pool().await;
    for _ in 0..100 {
        let done: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE chat_id = $1::uuid AND role = 'assistant' AND status = 'complete'")
            .bind(chat)
            .fetch_one(&admin)
            .await
            .unwrap();
        if done == 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let visitor_ids: Vec<String> = sqlx::query_scalar(
        "SELECT id::text FROM messages WHERE chat_id = $1::uuid AND role = 'user' ORDER BY seq",
    )
    .bind(chat)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert_eq!(visitor_ids.len(), 5);
    for id in &visitor_ids {
        let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM apalis.jobs WHERE job_type = 'kremna.reply' AND convert_from(job, 'UTF8')::jsonb ->> 'message_id' = $1")
            .bind(id)
            .fetch_one(&admin)
            .await
            .unwrap();
        assert_eq!(jobs, 1, "message {id} has {jobs} jobs");
        let replies: i64 =
            sqlx::query_scalar("SELECT count(*) FROM messages WHERE reply_to = $1::uuid")
                .bind(id)
                .fetch_one(&admin)
                .await
                .unwrap();
        assert_eq!(replies, 1, "message {id} has {replies} replies");
    }
    stack.stop().await;
}
