//! The conversation API end to end (issue 11): a partner's backend, with an API key,
//! starts a conversation, posts its user's messages and gets replies streamed as
//! Server-Sent Events or awaited as JSON — through the same path as the widget (the
//! worker writes the reply from the fake provider), visible in the dashboard's chats.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures::StreamExt;
use kremna_test_stack::{FakeConfig, Options, Owner, PLATFORM_ORIGIN, Reply, Stack};
use serde_json::{Value, json};

const REPLY: &str = "We open at 10 on Sundays. Anything else?";

async fn stack() -> Stack {
    Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Fixed(REPLY.into()))
            .with_inter_token_delay(Duration::from_millis(5)),
        ..Options::default()
    })
    .await
}

/// A key with `access` on every resource.
async fn api_key(stack: &Stack, owner: &Owner, access: &str) -> String {
    let (status, body) = stack
        .api_post(
            "/api-keys",
            &owner.token,
            json!({ "name": format!("{access} key"), "access": access }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["secret"].as_str().unwrap().to_owned()
}

struct Partner {
    base: String,
    key: String,
    http: reqwest::Client,
}

impl Partner {
    fn new(stack: &Stack, key: String) -> Self {
        Self {
            base: format!("{}/api/v1", stack.api_base),
            key,
            http: reqwest::Client::new(),
        }
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> (u16, Value) {
        let reply = req.bearer_auth(&self.key).send().await.unwrap();
        let status = reply.status().as_u16();
        let text = reply.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(self.http.post(format!("{}{path}", self.base)).json(&body))
            .await
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.send(self.http.get(format!("{}{path}", self.base)))
            .await
    }

    /// POSTs to a stream endpoint and reads every event until the server ends it:
    /// `(event name, data)`.
    async fn stream(
        &self,
        path: &str,
        body: Value,
        idempotency_key: Option<&str>,
    ) -> (u16, Vec<(String, Value)>) {
        let mut req = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .json(&body);
        if let Some(key) = idempotency_key {
            req = req.header("idempotency-key", key);
        }
        let reply = req.send().await.unwrap();
        let status = reply.status().as_u16();
        if status != 200 {
            return (status, Vec::new());
        }
        assert!(
            reply.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        let mut events = Vec::new();
        let mut stream = reply.bytes_stream().eventsource();
        let read = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(event) = stream.next().await {
                let event = event.unwrap();
                events.push((event.event, serde_json::from_str(&event.data).unwrap()));
            }
        })
        .await;
        assert!(read.is_ok(), "the stream did not end: {events:?}");
        (status, events)
    }
}

async fn start_conversation(partner: &Partner, assistant: impl std::fmt::Display) -> String {
    let (status, body) = partner
        .post(
            "/conversations",
            json!({ "assistant_id": assistant.to_string(), "user_id": "user-42" }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["user_id"], "user-42");
    assert_eq!(body["state"], "open");
    body["id"].as_str().unwrap().to_owned()
}

/// The reply streams as SSE (the stored message, typing, deltas that reassemble to the
/// reply, the final reply naming the message it answers), is awaited as JSON on the
/// next message, pages with `after`/`has_more`/`next_cursor`, shows in the dashboard's
/// chats, and a retried stream with the same `Idempotency-Key` stores nothing twice
/// and asks the provider nothing again.
#[tokio::test]
async fn a_partner_streams_and_awaits_replies_and_retries_safely() {
    let stack = stack().await;
    let owner = stack.owner("partner").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let partner = Partner::new(&stack, api_key(&stack, &owner, "write").await);
    let id = start_conversation(&partner, assistant).await;

    let (status, events) = partner
        .stream(
            &format!("/conversations/{id}/messages/stream"),
            json!({ "content": "When do you open on Sunday?" }),
            Some("retry-me-1"),
        )
        .await;
    assert_eq!(status, 200);
    let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    let (first, last) = (&events[0], events.last().unwrap());
    assert_eq!(first.0, "message", "{names:?}");
    assert_eq!(first.1["role"], "user");
    assert_eq!(first.1["content"], "When do you open on Sunday?");
    assert!(names.contains(&"typing"), "{names:?}");
    let deltas: String = events
        .iter()
        .filter(|(n, _)| n == "delta")
        .map(|(_, d)| d["delta"].as_str().unwrap())
        .collect();
    assert_eq!(deltas, REPLY, "the deltas reassemble to the reply");
    assert_eq!(last.0, "message", "{names:?}");
    assert_eq!(last.1["role"], "assistant");
    assert_eq!(last.1["status"], "complete");
    assert_eq!(last.1["content"], REPLY);
    assert_eq!(last.1["reply_to"], first.1["id"]);
    assert_eq!(last.1["type"], "message", "each event names its type");

    // The same request again (a client retrying after a cut connection): the same
    // message, its stored reply at once, no second provider call.
    let calls = stack.fake.request_count();
    let (_, again) = partner
        .stream(
            &format!("/conversations/{id}/messages/stream"),
            json!({ "content": "When do you open on Sunday?" }),
            Some("retry-me-1"),
        )
        .await;
    assert_eq!(again.len(), 2, "{again:?}");
    assert_eq!(again[0].1["id"], first.1["id"]);
    assert_eq!(again[1].1["id"], last.1["id"]);
    assert_eq!(stack.fake.request_count(), calls);

    // Awaited as one JSON answer.
    let (status, exchange) = partner
        .post(
            &format!("/conversations/{id}/messages"),
            json!({ "content": "And on Saturday?" }),
        )
        .await;
    assert_eq!(status, 200, "{exchange}");
    assert_eq!(exchange["message"]["role"], "user");
    assert_eq!(exchange["reply"]["content"], REPLY);
    assert_eq!(exchange["reply"]["reply_to"], exchange["message"]["id"]);
    assert_eq!(exchange["reply_pending"], false);
    assert_eq!(exchange["state"], "open");

    // Four messages, two pages of three and one.
    let (_, page1) = partner
        .get(&format!("/conversations/{id}/messages?limit=3"))
        .await;
    assert_eq!(page1["data"].as_array().unwrap().len(), 3, "{page1}");
    assert_eq!(page1["has_more"], true);
    let cursor = page1["next_cursor"].as_str().unwrap();
    let (_, page2) = partner
        .get(&format!(
            "/conversations/{id}/messages?limit=3&after={cursor}"
        ))
        .await;
    assert_eq!(page2["data"].as_array().unwrap().len(), 1, "{page2}");
    assert_eq!(page2["has_more"], false);
    assert!(page2.get("next_cursor").is_none());
    let roles: Vec<&Value> = page1["data"]
        .as_array()
        .unwrap()
        .iter()
        .chain(page2["data"].as_array().unwrap())
        .map(|m| &m["role"])
        .collect();
    assert_eq!(roles, ["user", "assistant", "user", "assistant"]);

    // Conversations page the same way, and the dashboard sees the chat.
    start_conversation(&partner, assistant).await;
    let (_, list) = partner.get("/conversations?limit=1").await;
    assert_eq!(list["has_more"], true);
    let after = list["next_cursor"].as_str().unwrap();
    let (_, rest) = partner
        .get(&format!("/conversations?limit=1&after={after}"))
        .await;
    assert_eq!(rest["data"][0]["id"], id.as_str());
    let (_, list) = partner
        .get("/conversations?user_id=user-42&after=bm90LWEtY3Vyc29y")
        .await;
    assert_eq!(list["error"]["code"], "invalid_parameter", "{list}");
    let chats = stack.api_get("/chats", &owner.token).await;
    assert!(
        chats["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str()),
        "{chats}"
    );
    stack.stop().await;
}

/// While a member has the conversation the assistant is silent: the message is
/// stored, no provider call is made, the JSON answer says so at once and the stream
/// ends after the message.
#[tokio::test]
async fn no_reply_while_a_member_has_the_conversation() {
    let stack = stack().await;
    let owner = stack.owner("handoff").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let partner = Partner::new(&stack, api_key(&stack, &owner, "write").await);
    let id = start_conversation(&partner, assistant).await;
    let (status, _) = stack
        .api_post(&format!("/chats/{id}/take-over"), &owner.token, json!({}))
        .await;
    assert_eq!(status, 200);

    let calls = stack.fake.request_count();
    let started = std::time::Instant::now();
    let (status, exchange) = partner
        .post(
            &format!("/conversations/{id}/messages"),
            json!({ "content": "Hello?" }),
        )
        .await;
    assert_eq!(status, 200, "{exchange}");
    assert!(exchange.get("reply").is_none(), "{exchange}");
    assert_eq!(exchange["reply_pending"], false);
    assert_eq!(exchange["state"], "assigned");
    assert!(started.elapsed() < Duration::from_secs(5));
    let (_, events) = partner
        .stream(
            &format!("/conversations/{id}/messages/stream"),
            json!({ "content": "Anyone?" }),
            None,
        )
        .await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].1["role"], "user");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(stack.fake.request_count(), calls, "no provider call");
    stack.stop().await;
}

/// The conversation API reaches only the caller's own conversations: another
/// workspace's conversation and a widget chat (even the caller's own) answer 404, a
/// read-only key may read but not post (403), another workspace's assistant is 404.
#[tokio::test]
async fn conversations_are_scoped_to_the_tenant_and_the_api_channel() {
    let stack = stack().await;
    let owner = stack.owner("a").await;
    let other = stack.owner("b").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let other_assistant = stack.assistant(&other, json!({})).await;
    let partner = Partner::new(&stack, api_key(&stack, &owner, "write").await);
    let stranger = Partner::new(&stack, api_key(&stack, &other, "write").await);
    let reader = Partner::new(&stack, api_key(&stack, &owner, "read").await);
    let id = start_conversation(&partner, assistant).await;

    for path in [
        format!("/conversations/{id}"),
        format!("/conversations/{id}/messages"),
    ] {
        let (status, body) = stranger.get(&path).await;
        assert_eq!(status, 404, "{path}: {body}");
    }
    let (status, _) = stranger
        .post(
            &format!("/conversations/{id}/messages"),
            json!({ "content": "hi" }),
        )
        .await;
    assert_eq!(status, 404);
    let (_, list) = stranger.get("/conversations").await;
    assert_eq!(list["data"], json!([]));
    let (status, _) = partner
        .post(
            "/conversations",
            json!({ "assistant_id": other_assistant.to_string(), "user_id": "u" }),
        )
        .await;
    assert_eq!(status, 404);

    let (status, _) = reader.get(&format!("/conversations/{id}")).await;
    assert_eq!(status, 200);
    let (status, body) = reader
        .post(
            &format!("/conversations/{id}/messages"),
            json!({ "content": "hi" }),
        )
        .await;
    assert_eq!(status, 403, "{body}");

    // A widget chat of the same workspace is not a conversation.
    let result = stack
        .scenario(
            "flow",
            json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket" }),
        )
        .await;
    let widget_chat = result["started"]["id"].as_str().unwrap();
    let (status, _) = partner.get(&format!("/conversations/{widget_chat}")).await;
    assert_eq!(status, 404);
    let (status, _) = partner
        .post(
            &format!("/conversations/{widget_chat}/messages"),
            json!({ "content": "pretending to be the visitor" }),
        )
        .await;
    assert_eq!(status, 404);
    stack.stop().await;
}
