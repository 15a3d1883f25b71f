use std::{collections::HashSet, time::Duration};

use kremna_test_stack::{FakeConfig, Options, PLATFORM_ORIGIN, Reply, Stack};
use serde_json::{Value, json};

fn ids(messages: &Value) -> Vec<String> {
    messages
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Property: a widget that comes back with the last message id it saw receives every
/// message it missed — including a reply that was still streaming when it left and
/// finished after a later visitor message — each exactly once, and nothing it had.
#[tokio::test]
async fn resume_replays_exactly_what_was_missed() {
    let stack = Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Lorem { tokens: 30 })
            .with_inter_token_delay(Duration::from_millis(15)),
        ..Options::default()
    })
    .await;
    let owner = stack.owner("resume").await;
    let assistant = stack.assistant(&owner, json!({})).await;

    for (transport, drop_during_stream) in [
        ("websocket", false),
        ("polling", false),
        ("websocket", true),
        ("polling", true),
    ] {
        let result = stack
            .scenario(
                "resume",
                json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                        "transport": transport, "dropDuringStream": drop_during_stream }),
            )
            .await;
        let chat = result["chatId"].as_str().unwrap();
        let resumed = &result["resumed"];
        assert_eq!(resumed["ok"], true, "{result}");
        assert_eq!(resumed["resumed"], true);

        let transcript: Value = stack.api_get(&format!("/chats/{chat}"), &owner.token).await;
        let all = ids(&transcript["messages"]);
        assert_eq!(all.len(), 4, "two questions, two replies: {transcript}");
        let seen: HashSet<String> = ids(&result["seenBefore"]).into_iter().collect();
        let replayed = ids(&resumed["messages"]);
        let replayed_set: HashSet<String> = replayed.iter().cloned().collect();
        assert_eq!(
            replayed.len(),
            replayed_set.len(),
            "no duplicates in the replay"
        );
        assert!(
            seen.is_disjoint(&replayed_set),
            "nothing already seen is replayed"
        );
        let union: HashSet<String> = seen.union(&replayed_set).cloned().collect();
        assert_eq!(
            union,
            all.into_iter().collect::<HashSet<_>>(),
            "nothing is lost ({transport}, drop during stream: {drop_during_stream})"
        );
        let seqs: Vec<i64> = resumed["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["seq"].as_i64().unwrap())
            .collect();
        assert!(
            seqs.windows(2).all(|w| w[0] < w[1]),
            "replayed in order: {seqs:?}"
        );
    }
    stack.stop().await;
}

/// Property: a reply the widget missed while connected comes back on the next resume
/// even after the visitor's own next message moved past it: the widget resumes from
/// `lastSeq` (every message up to it is shown), and the server replays every final
/// message after that — while `lastMessageId` (older widgets' cursor, the newest message
/// shown) is ignored when `lastSeq` is given. The client drops the reply's broadcast on
/// the floor; to the server that is the same as a broadcast lost on the way.
#[tokio::test]
async fn resume_from_last_seq_returns_a_reply_missed_while_connected() {
    let stack = Stack::start(Options::default()).await;
    let owner = stack.owner("missed").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    for transport in ["websocket", "polling"] {
        let result = stack
            .scenario(
                "missedReply",
                json!({ "url": stack.node_url(0), "assistantId": assistant,
                        "origin": PLATFORM_ORIGIN, "transport": transport }),
            )
            .await;
        let resumed = &result["resumed"];
        assert_eq!(resumed["ok"], true, "{result}");
        let last_seq = result["lastSeq"].as_i64().unwrap();
        assert!(
            last_seq < result["missed"]["seq"].as_i64().unwrap(),
            "the cursor stays below the missed reply: {result}"
        );
        let replayed = ids(&resumed["messages"]);
        let missed = result["missed"]["id"].as_str().unwrap();
        assert_eq!(
            replayed.iter().filter(|id| id.as_str() == missed).count(),
            1,
            "the missed reply comes back, once ({transport}): {result}"
        );
        assert!(
            resumed["messages"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["seq"].as_i64().unwrap() > last_seq),
            "nothing at or below lastSeq is replayed: {result}"
        );
    }
    stack.stop().await;
}
