//! Pausing an assistant while visitors are chatting with it.

use std::time::Duration;

use kremna_test_stack::{
    FakeConfig, Options, PLATFORM_ORIGIN, Scenario, Stack, process::http_status,
};
use serde_json::{Value, json};

fn refused_with(answer: &Value, code: &str, what: &str) {
    assert_eq!(answer["ok"], false, "{what}: {answer}");
    assert_eq!(answer["error"]["code"], code, "{what}: {answer}");
}

/// Property: pausing stops an assistant's chats where they stand, and nothing is lost.
/// A message accepted before the pause is still answered (its reply job was stored with
/// it); the visitor's next send is refused with `assistant_paused` and stores nothing;
/// neither a resume nor a new chat starts while paused, and the widget's config answers
/// 404, so new visitors get no launcher. Turned on again, the same chat resumes with
/// everything in it and takes messages.
#[tokio::test]
async fn a_pause_refuses_the_next_send_and_the_chat_resumes_when_turned_on_again() {
    let stack = Stack::start(Options {
        // a reply slow enough to pause the assistant while it streams
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_inter_token_delay(Duration::from_millis(60)),
        ..Options::default()
    })
    .await;
    let owner = stack.owner("pause").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let path = format!("/assistants/{assistant}");
    let config_url = format!("{}/api/v1/widget/assistants/{assistant}", stack.api_base);
    assert_eq!(http_status(&config_url).await, 200);

    let mut run = Scenario::spawn(
        "pausedMidChat",
        &json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                 "transport": "websocket", "timeoutMs": 30000 }),
    );
    let streaming = run.wait_mark("streaming").await;
    let paused = stack
        .api_patch(&path, &owner.token, json!({ "status": "paused" }))
        .await;
    assert_eq!(paused["status"], "paused", "{paused}");
    assert_eq!(
        http_status(&config_url).await,
        404,
        "no launcher for new visitors"
    );
    run.go().await;
    run.wait_mark("refused").await;
    let on = stack
        .api_patch(&path, &owner.token, json!({ "status": "active" }))
        .await;
    assert_eq!(on["status"], "active", "{on}");
    run.go().await;
    let result = run.result().await;

    assert_eq!(result["before"]["ok"], true, "{result}");
    assert_eq!(
        result["reply"]["status"], "complete",
        "the reply under way is finished: {result}"
    );
    assert_eq!(result["reply"]["content"], "You said: before the pause");
    refused_with(&result["after"], "assistant_paused", "the next send");
    assert_eq!(
        result["stillConnected"], true,
        "a refusal, not a disconnect"
    );
    refused_with(
        &result["resumedWhilePaused"],
        "assistant_paused",
        "a resume while paused",
    );
    refused_with(
        &result["newWhilePaused"],
        "assistant_paused",
        "a new chat while paused",
    );
    assert_eq!(result["resumed"]["ok"], true, "{result}");
    let replayed: Vec<&str> = result["resumed"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(replayed, ["before the pause", "You said: before the pause"]);
    assert_eq!(result["sentAgain"]["ok"], true, "{result}");

    let chat = streaming["chatId"].as_str().unwrap();
    let transcript = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
    let visitor: Vec<&str> = transcript["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "user")
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(
        visitor,
        ["before the pause", "on again"],
        "the refused send is not stored"
    );
    stack.stop().await;
}
