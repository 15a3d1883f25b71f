//! Visitor identity verification on `start_chat`: a page's `Kremna.identify(..)` claim
//! is verified against the assistant's identity secret, or kept apart as a claim.

use kremna_shared::auth::identity::user_hash;
use kremna_test_stack::{Owner, PLATFORM_ORIGIN, Stack};
use serde_json::{Value, json};

async fn rotate(stack: &Stack, owner: &Owner, assistant: &str) -> String {
    let (status, body) = stack
        .api_post(
            &format!("/assistants/{assistant}/identity-secret/rotate"),
            &owner.token,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body["secret"].as_str().unwrap().to_owned()
}

/// Starts one chat per case; returns each case's answer, by name.
async fn start(stack: &Stack, cases: Value) -> Vec<(String, Value)> {
    let result = stack
        .scenario(
            "identified",
            json!({ "url": stack.node_url(0), "origin": PLATFORM_ORIGIN,
                    "transport": "websocket", "cases": cases }),
        )
        .await;
    result["results"]
        .as_array()
        .unwrap_or_else(|| panic!("{result}"))
        .iter()
        .map(|r| (r["name"].as_str().unwrap().to_owned(), r.clone()))
        .collect()
}

fn chat_of(results: &[(String, Value)], name: &str) -> String {
    let (_, r) = results.iter().find(|(n, _)| n == name).unwrap();
    assert_eq!(r["started"]["ok"], true, "{name}: {r}");
    assert_eq!(r["sent"]["ok"], true, "{name}: {r}");
    r["started"]["id"].as_str().unwrap().to_owned()
}

/// Property: only a `userHash` made with the assistant's *current* secret over *this*
/// user id verifies. A wrong hash, no hash, an assistant with no secret, another
/// assistant's secret, and a hash made before a rotation all leave an unverified claim
/// (kept, as claimed), which is never linked with the verified user's chats. A
/// malformed claim is refused with the field named, and no chat starts.
#[tokio::test]
async fn only_the_right_hash_under_the_current_secret_verifies() {
    let stack = Stack::start(Default::default()).await;
    let owner = stack.owner("identity").await;
    let a = stack.assistant(&owner, json!({})).await.to_string();
    let b = stack.assistant(&owner, json!({})).await.to_string();
    let no_secret = stack.assistant(&owner, json!({})).await.to_string();
    let secret_a = rotate(&stack, &owner, &a).await;
    let secret_b = rotate(&stack, &owner, &b).await;
    let who = |hash: Option<String>, name: &str| json!({ "userId": "u-1", "name": name, "email": "u1@example.com", "userHash": hash });

    let results = start(
        &stack,
        json!([
            { "name": "right", "assistantId": a, "identity": who(Some(user_hash(&secret_a, "u-1")), "Ayşe") },
            { "name": "right_again", "assistantId": a, "identity": who(Some(user_hash(&secret_a, "u-1").to_uppercase()), "Ayşe") },
            // The page reloads before the visitor writes: the decision rides in the token.
            { "name": "right_reconnected", "assistantId": a, "identity": who(Some(user_hash(&secret_a, "u-1")), "Ayşe"), "reconnect": true },
            { "name": "wrong_reconnected", "assistantId": a, "identity": who(Some(user_hash(&secret_a, "u-2")), "Mallory"), "reconnect": true },
            { "name": "wrong", "assistantId": a, "identity": who(Some(user_hash(&secret_a, "u-2")), "Mallory") },
            { "name": "no_hash", "assistantId": a, "identity": { "userId": "u-1", "name": "Mallory" } },
            { "name": "other_assistant", "assistantId": a, "identity": who(Some(user_hash(&secret_b, "u-1")), "Mallory") },
            { "name": "no_secret", "assistantId": no_secret, "identity": who(Some(user_hash(&secret_a, "u-1")), "Mallory") },
            { "name": "malformed", "assistantId": a, "identity": { "userId": "u-1", "userHash": "zz" } },
            { "name": "anonymous", "assistantId": a },
        ]),
    )
    .await;
    let (_, malformed) = results.iter().find(|(n, _)| n == "malformed").unwrap();
    assert_eq!(malformed["started"]["ok"], false, "{malformed}");
    assert_eq!(malformed["started"]["error"]["code"], "invalid_payload");
    assert!(
        malformed["started"]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("identity.userHash"),
        "{malformed}"
    );

    let old_hash = user_hash(&secret_a, "u-1");
    rotate(&stack, &owner, &a).await;
    let after = start(
        &stack,
        json!([{ "name": "before_rotation", "assistantId": a, "identity": who(Some(old_hash), "Ayşe") }]),
    )
    .await;

    let get = |chat: String| {
        let stack = &stack;
        let token = owner.token.clone();
        async move { stack.api_get(&format!("/chats/{chat}"), &token).await }
    };
    let right = get(chat_of(&results, "right")).await;
    assert_eq!(right["identity"]["verified"], true, "{right}");
    assert_eq!(right["identity"]["user_id"], "u-1");
    assert_eq!(right["identity"]["name"], "Ayşe");
    assert_eq!(right["identity"]["email"], "u1@example.com");
    let mut linked: Vec<&str> = right["verified_user_chats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    linked.sort_unstable();
    let mut expected = [
        chat_of(&results, "right_again"),
        chat_of(&results, "right_reconnected"),
    ];
    expected.sort_unstable();
    assert_eq!(
        linked, expected,
        "the same verified user's other chats, and no claim"
    );
    let reconnected = get(chat_of(&results, "right_reconnected")).await;
    assert_eq!(reconnected["identity"]["verified"], true, "{reconnected}");

    for name in [
        "wrong",
        "wrong_reconnected",
        "no_hash",
        "other_assistant",
        "no_secret",
    ] {
        let chat = get(chat_of(&results, name)).await;
        assert_eq!(chat["identity"]["verified"], false, "{name}: {chat}");
        assert_eq!(
            chat["identity"]["user_id"], "u-1",
            "{name}: the claim is kept"
        );
        assert_eq!(chat["identity"]["name"], "Mallory", "{name}: as claimed");
        assert_eq!(
            chat["verified_user_chats"],
            json!([]),
            "{name}: linked to nothing"
        );
    }
    let stale = get(chat_of(&after, "before_rotation")).await;
    assert_eq!(stale["identity"]["verified"], false, "old secret: {stale}");
    let anonymous = get(chat_of(&results, "anonymous")).await;
    assert_eq!(anonymous.get("identity"), None, "{anonymous}");
    stack.stop().await;
}
