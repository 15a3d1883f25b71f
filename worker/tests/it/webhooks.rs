//! Webhook delivery end to end (issue 11): a real chat (socket.io-client) reaches a
//! receiver on this machine as signed `chat.started`, `message.created` and
//! `reply.completed` requests, verified here with an HMAC written from RFC 2104 (not the
//! code under test); a 500 is retried with the same `webhook-id`; a redirect is never
//! followed; an internal address is refused at delivery when the operator has not
//! allowed internal networks.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use base64::{Engine, engine::general_purpose::STANDARD};
use kremna_test_stack::{FakeConfig, Options, Owner, PLATFORM_ORIGIN, Reply, Stack};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    headers: HashMap<String, String>,
    body: String,
}

/// A receiver on 127.0.0.1: `/ok` answers 200; `/flaky` 500 the first time, then 200;
/// `/redirect` 307 to `location`.
#[derive(Clone)]
struct Receiver {
    base: String,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    async fn start(location: Option<String>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let log = got.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let log = log.clone();
                let location = location.clone();
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut socket).await else {
                        return;
                    };
                    let seen = {
                        let mut log = log.lock().unwrap();
                        log.push(request.clone());
                        log.iter().filter(|r| r.path == request.path).count()
                    };
                    let head = match request.path.as_str() {
                        "/flaky" if seen == 1 => {
                            "HTTP/1.1 500 Internal Server Error\r\n".to_owned()
                        }
                        "/redirect" => format!(
                            "HTTP/1.1 307 Temporary Redirect\r\nlocation: {}\r\n",
                            location.as_deref().unwrap_or("/")
                        ),
                        _ => "HTTP/1.1 200 OK\r\n".to_owned(),
                    };
                    let reply = format!("{head}content-length: 2\r\nconnection: close\r\n\r\nok");
                    let _ = socket.write_all(reply.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Self { base, got }
    }

    fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    async fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let got = self.received();
            if got.len() >= count || tokio::time::Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Received> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let path = lines.next()?.split_whitespace().nth(1)?.to_owned();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).to_string();
    Some(Received {
        path,
        headers,
        body,
    })
}

/// HMAC-SHA256 as RFC 2104 defines it, from SHA-256 alone: an implementation of the
/// receiver's side that shares nothing with the worker's signing code.
fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::digest([pad(0x36), message.to_vec()].concat());
    Sha256::digest([pad(0x5c), inner.to_vec()].concat()).to_vec()
}

/// Verifies a request as a Standard Webhooks receiver does.
fn verify(request: &Received, secret: &str) {
    let id = &request.headers["webhook-id"];
    let timestamp = &request.headers["webhook-timestamp"];
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let signed = format!("{id}.{timestamp}.{}", request.body);
    let expected = format!(
        "v1,{}",
        STANDARD.encode(hmac_sha256(&key, signed.as_bytes()))
    );
    let sent: Vec<&str> = request.headers["webhook-signature"].split(' ').collect();
    assert!(sent.contains(&expected.as_str()), "{sent:?} ≠ {expected}");
    let age = chrono::Utc::now().timestamp() - timestamp.parse::<i64>().unwrap();
    assert!((0..60).contains(&age), "timestamp {age} s old");
    assert!(id.starts_with("msg_"), "{id}");
    assert_eq!(request.headers["content-type"], "application/json");
}

async fn stack(allow_private: bool) -> Stack {
    Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Fixed("Happy to help.".into())),
        env: vec![("WEBHOOK_ALLOW_PRIVATE_NETWORKS", allow_private.to_string())],
        ..Options::default()
    })
    .await
}

async fn create_endpoint(
    stack: &Stack,
    owner: &Owner,
    url: &str,
    events: Value,
) -> (String, String) {
    let (status, made) = stack
        .api_post(
            "/webhooks/endpoints",
            &owner.token,
            json!({ "url": url, "event_types": events }),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    (
        made["endpoint"]["id"].as_str().unwrap().to_owned(),
        made["secret"].as_str().unwrap().to_owned(),
    )
}

/// The delivery once `done` holds, or its last state after `within`.
async fn delivery_when(
    stack: &Stack,
    owner: &Owner,
    id: &str,
    within: Duration,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let d = stack
            .api_get(&format!("/webhooks/deliveries/{id}"), &owner.token)
            .await;
        if done(&d) || tokio::time::Instant::now() > deadline {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_chat_reaches_the_endpoint_as_signed_events() {
    let stack = stack(true).await;
    let receiver = Receiver::start(None).await;
    let owner = stack.owner("hooks").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let all = json!([
        "chat.started",
        "message.created",
        "reply.completed",
        "reply.failed",
        "chat.handoff_requested",
        "chat.resolved"
    ]);
    let (endpoint, secret) =
        create_endpoint(&stack, &owner, &format!("{}/ok", receiver.base), all).await;

    let result = stack
        .scenario(
            "flow",
            json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN, "transport": "websocket" }),
        )
        .await;
    assert_eq!(result["reply"]["status"], "complete", "{result}");
    let chat = result["started"]["chatId"].as_str().unwrap();

    let got = receiver.wait_for(3, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 3, "{got:?}");
    let mut types: Vec<String> = Vec::new();
    for request in &got {
        verify(request, &secret);
        let body: Value = serde_json::from_str(&request.body).unwrap();
        assert_eq!(body["data"]["chat_id"], chat, "{body}");
        types.push(body["type"].as_str().unwrap().to_owned());
        match body["type"].as_str().unwrap() {
            "message.created" => {
                assert_eq!(body["data"]["content"], "Merhaba, fiyatlarınız nedir?")
            }
            "reply.completed" => {
                assert_eq!(body["data"]["content"], "Happy to help.");
                assert_eq!(body["data"]["role"], "assistant");
            }
            _ => {}
        }
    }
    types.sort();
    assert_eq!(
        types,
        ["chat.started", "message.created", "reply.completed"]
    );
    // Three events, three ids.
    let mut ids: Vec<&String> = got.iter().map(|r| &r.headers["webhook-id"]).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);

    // The log says each went through on the first attempt.
    let page = stack
        .api_get(
            &format!("/webhooks/endpoints/{endpoint}/deliveries"),
            &owner.token,
        )
        .await;
    let log = page["data"].as_array().unwrap();
    assert_eq!(log.len(), 3);
    for d in log {
        let d = delivery_when(
            &stack,
            &owner,
            d["id"].as_str().unwrap(),
            Duration::from_secs(5),
            |d| d["status"] == "succeeded",
        )
        .await;
        assert_eq!(d["status"], "succeeded", "{d}");
        assert_eq!(d["attempt_count"], 1);
        assert_eq!(d["last_status_code"], 200);
        assert!(d["last_latency_ms"].as_i64().unwrap() >= 0);
    }
    stack.stop().await;
}

/// A receiver that fails once gets the same event again after the first pause (5 s),
/// under the same `webhook-id`, freshly signed; the log keeps both attempts.
#[tokio::test]
async fn a_failed_attempt_is_retried_with_the_same_webhook_id() {
    let stack = stack(true).await;
    let receiver = Receiver::start(None).await;
    let owner = stack.owner("retry").await;
    let (endpoint, secret) = create_endpoint(
        &stack,
        &owner,
        &format!("{}/flaky", receiver.base),
        json!(["chat.started"]),
    )
    .await;
    let (status, test) = stack
        .api_post(
            &format!("/webhooks/endpoints/{endpoint}/test"),
            &owner.token,
            json!({}),
        )
        .await;
    assert_eq!(status, 202, "{test}");
    let id = test["id"].as_str().unwrap();

    let first = delivery_when(&stack, &owner, id, Duration::from_secs(5), |d| {
        d["attempt_count"] == 1
    })
    .await;
    assert_eq!(first["status"], "pending", "{first}");
    assert_eq!(first["last_status_code"], 500);
    assert!(first["next_attempt_at"].is_string());

    let done = delivery_when(&stack, &owner, id, Duration::from_secs(15), |d| {
        d["status"] == "succeeded"
    })
    .await;
    assert_eq!(done["status"], "succeeded", "{done}");
    assert_eq!(done["attempt_count"], 2);
    let attempts = done["attempts"].as_array().unwrap();
    assert_eq!(attempts[0]["status_code"], 500);
    assert_eq!(attempts[1]["status_code"], 200);
    assert!(attempts[1]["error"].is_null());

    let got = receiver.received();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].headers["webhook-id"], got[1].headers["webhook-id"]);
    assert_eq!(
        got[0].headers["webhook-id"],
        test["event_id"].as_str().unwrap()
    );
    assert_eq!(got[0].body, got[1].body);
    for request in &got {
        verify(request, &secret);
    }
    stack.stop().await;
}

/// A 3xx is a failed attempt: the worker never follows it (here to another address on
/// this machine, which would be internal for a deployment that refuses those).
#[tokio::test]
async fn redirects_are_never_followed() {
    let stack = stack(true).await;
    let trap = Receiver::start(None).await;
    let receiver = Receiver::start(Some(format!("{}/ok", trap.base))).await;
    let owner = stack.owner("redirect").await;
    let (endpoint, _) = create_endpoint(
        &stack,
        &owner,
        &format!("{}/redirect", receiver.base),
        json!(["chat.started"]),
    )
    .await;
    let (_, test) = stack
        .api_post(
            &format!("/webhooks/endpoints/{endpoint}/test"),
            &owner.token,
            json!({}),
        )
        .await;
    let d = delivery_when(
        &stack,
        &owner,
        test["id"].as_str().unwrap(),
        Duration::from_secs(5),
        |d| d["attempt_count"] == 1,
    )
    .await;
    assert_eq!(d["last_status_code"], 307, "{d}");
    assert_eq!(
        d["status"], "pending",
        "a redirect is retried like any failure"
    );
    assert!(d["last_error"].as_str().unwrap().contains("redirect"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.received().len(), 1);
    assert!(trap.received().is_empty(), "the redirect was followed");
    stack.stop().await;
}

/// Where the operator has not allowed internal networks, an endpoint that points at one
/// (stored before the setting changed, or a name that now resolves inside) is refused
/// before any connection: the delivery fails at once, nothing reaches the address.
#[tokio::test]
async fn internal_addresses_are_refused_at_delivery() {
    let stack = stack(false).await;
    let receiver = Receiver::start(None).await;
    let owner = stack.owner("ssrf").await;
    // The API refuses it...
    let (status, refused) = stack
        .api_post(
            "/webhooks/endpoints",
            &owner.token,
            json!({ "url": format!("{}/ok", receiver.base), "event_types": ["chat.started"] }),
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["code"], "webhook_url_refused");
    // ...so it is stored behind the API's back, as an older setting would have allowed.
    let admin = stack.db.admin_pool().await;
    let endpoint = uuid::Uuid::new_v4();
    sqlx::query(
        "INSERT INTO webhook_endpoints (tenant_id, id, url, event_types, secret)
         VALUES ($1, $2, $3, ARRAY['chat.started'], 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')",
    )
    .bind(owner.tenant)
    .bind(endpoint)
    .bind(format!("{}/ok", receiver.base))
    .execute(&admin)
    .await
    .unwrap();
    let (status, test) = stack
        .api_post(
            &format!("/webhooks/endpoints/{endpoint}/test"),
            &owner.token,
            json!({}),
        )
        .await;
    assert_eq!(status, 202, "{test}");
    let d = delivery_when(
        &stack,
        &owner,
        test["id"].as_str().unwrap(),
        Duration::from_secs(5),
        |d| d["status"] != "pending",
    )
    .await;
    assert_eq!(d["status"], "failed", "{d}");
    assert_eq!(d["attempt_count"], 1);
    assert!(d["last_status_code"].is_null());
    assert!(
        d["last_error"]
            .as_str()
            .unwrap()
            .contains("private network"),
        "{d}"
    );
    assert!(receiver.received().is_empty());
    stack.stop().await;
}
