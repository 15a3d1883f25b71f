//! Test harness: the real HTTP server on port 0, over a fresh database, connected as
//! the services' unprivileged role, with Redis keys no other test shares.

use std::collections::HashMap;

use kremna_api::startup;
use kremna_shared::{
    config::Config,
    db::TrustedDb,
    domain::{MessageRole, MessageStatus},
    ids::{AssistantId, ChatId, TenantId, UserId},
    repo::{
        self,
        chats::NewChat,
        messages::{MessageRecord, NewMessage},
    },
    testing::{TestDb, unique_prefix},
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::sync::oneshot;

pub const JWT_SECRET: &str = "integration-test-secret-0123456789abcdef";

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: TestDb,
    trusted: TrustedDb,
    shutdown: Option<oneshot::Sender<()>>,
}

/// A registered owner and their workspace.
#[derive(Debug, Clone)]
pub struct Account {
    pub token: String,
    pub tenant: TenantId,
    pub user: UserId,
    pub email: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The error code of an error envelope, asserting the envelope's shape.
    pub fn error_code(&self) -> &str {
        let error = self
            .body
            .get("error")
            .unwrap_or_else(|| panic!("not an error envelope: {}", self.body));
        assert!(
            error["message"].is_string(),
            "error without message: {}",
            self.body
        );
        assert!(
            error.get("details").is_some(),
            "error without details: {}",
            self.body
        );
        error["code"].as_str().expect("error.code is a string")
    }

    pub fn error_field(&self) -> &str {
        self.body["error"]["details"]["field"]
            .as_str()
            .unwrap_or_else(|| panic!("no details.field in {}", self.body))
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// Starts the app with extra environment settings (e.g. low rate limits).
    pub async fn spawn_with(overrides: &[(&str, &str)]) -> Self {
        let db = TestDb::create().await;
        let mut env: HashMap<String, String> = HashMap::from([
            ("DATABASE_URL".into(), db.app_url()),
            (
                "REDIS_URL".into(),
                // RESP3: the API's broadcaster uses the Socket.IO Redis adapter.
                std::env::var("KREMNA_TEST_REDIS_URL")
                    .map(|url| format!("{}/?protocol=resp3", url.trim_end_matches('/')))
                    .unwrap_or_else(|_| "redis://127.0.0.1:6379/?protocol=resp3".into()),
            ),
            ("JWT_SECRET".into(), JWT_SECRET.into()),
            ("KREMNA_ENV".into(), "production".into()),
            ("PUBLIC_URL".into(), "http://kremna.test".into()),
            ("DASHBOARD_DIR".into(), "/nonexistent/dashboard".into()),
            ("WIDGET_DIR".into(), "/nonexistent/widget".into()),
            ("RUST_LOG".into(), "warn".into()),
            ("REDIS_KEY_PREFIX".into(), unique_prefix()),
        ]);
        for (k, v) in overrides {
            env.insert((*k).into(), (*v).into());
        }
        let config = Config::from_lookup(|k| env.get(k).cloned()).expect("test config is valid");
        let state = startup::state(config).await.expect("app state");
        let bound = startup::bind("127.0.0.1:0".parse().expect("addr"))
            .await
            .expect("bind");
        let base = format!("http://{}", bound.addr);
        let (tx, rx) = oneshot::channel::<()>();
        let serve_state = state.clone();
        tokio::spawn(async move {
            let _ = startup::serve(bound, serve_state, async move {
                let _ = rx.await;
            })
            .await;
        });
        Self {
            base,
            client: reqwest::Client::new(),
            trusted: TrustedDb::new(state.db.clone()),
            db,
            shutdown: Some(tx),
        }
    }

    /// The services' database role, through the door the realtime node and the worker
    /// use (tests seed data the way they do).
    pub fn app_db(&self) -> &TrustedDb {
        &self.trusted
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let url = if path.starts_with('/')
            && !path.starts_with("/api/")
            && !path.starts_with("/healthz")
            && !path.starts_with("/readyz")
        {
            format!("{}/api/v1{path}", self.base)
        } else {
            format!("{}{path}", self.base)
        };
        let mut req = self.client.request(method, url);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("request sent");
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.request(Method::DELETE, path, Some(token), None).await
    }

    /// Registers a new owner with a workspace of their own.
    pub async fn register(&self, name: &str) -> Account {
        let email = format!(
            "{name}-{}@example.com",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        let reply = self
            .post(
                "/auth/register",
                None,
                json!({ "email": email, "password": "correct horse battery", "full_name": name }),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "register: {}",
            reply.body
        );
        Account {
            token: reply.body["access_token"]
                .as_str()
                .expect("token")
                .to_owned(),
            tenant: reply.body["tenant"]["id"]
                .as_str()
                .expect("tenant")
                .parse()
                .expect("uuid"),
            user: reply.body["user"]["id"]
                .as_str()
                .expect("user")
                .parse()
                .expect("uuid"),
            email,
        }
    }

    pub async fn create_assistant(&self, account: &Account, name: &str) -> AssistantId {
        let reply = self
            .post("/assistants", Some(&account.token), json!({ "name": name }))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "create assistant: {}",
            reply.body
        );
        reply.body["id"]
            .as_str()
            .expect("id")
            .parse()
            .expect("uuid")
    }

    /// Makes an API key for `account`'s workspace; returns its secret and id.
    pub async fn create_key(&self, account: &Account, body: Value) -> (String, String) {
        let reply = self.post("/api-keys", Some(&account.token), body).await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "create key: {}",
            reply.body
        );
        (
            reply.body["secret"].as_str().expect("secret").to_owned(),
            reply.body["key"]["id"].as_str().expect("id").to_owned(),
        )
    }

    /// A request with extra headers (API keys in `X-API-Key`, idempotency keys).
    pub async fn request_with(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Reply {
        let mut req = self
            .client
            .request(method, format!("{}/api/v1{path}", self.base));
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("request sent");
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Opens a chat as a visitor would (through the tenant-scoped repository, as the
    /// realtime node does) and stores `messages` in it.
    pub async fn seed_chat(
        &self,
        tenant: TenantId,
        assistant: AssistantId,
        messages: &[(MessageRole, &str)],
    ) -> (ChatId, Vec<MessageRecord>) {
        let mut tx = self.app_db().tenant(tenant).await.expect("tenant tx");
        let chat = repo::chats::create_if_absent(
            &mut tx,
            ChatId::new(),
            &NewChat {
                assistant,
                visitor_id: "visitor-1",
                origin: Some("https://shop.example.com"),
            },
        )
        .await
        .expect("create chat")
        .expect("a new chat id");
        tx.commit().await.expect("commit");
        let mut stored = Vec::new();
        for (role, content) in messages {
            // One transaction per message, as in production: each gets its own time.
            let mut tx = self.app_db().tenant(tenant).await.expect("tenant tx");
            let record = repo::messages::insert(
                &mut tx,
                &NewMessage {
                    chat: chat.id,
                    role: *role,
                    content,
                    status: MessageStatus::Complete,
                    client_message_id: None,
                    author: None,
                },
            )
            .await
            .expect("insert message")
            .expect("the chat exists")
            .message;
            tx.commit().await.expect("commit");
            stored.push(record);
        }
        (chat.id, stored)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
