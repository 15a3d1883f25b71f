//! The whole Kremna stack in one test process, over a fresh database: the API, any
//! number of realtime nodes, the worker, and a fake Mistral — plus a runner for the
//! real socket.io-client scenarios in `testing/js/scenarios.mjs`.
//!
//! Each stack gets its own Redis key prefix, so rate limits and Socket.IO channels of
//! concurrent tests never meet.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

use std::{
    collections::HashMap,
    net::SocketAddr,
    path::{Path, PathBuf},
    process::Stdio,
    time::Duration,
};

pub mod pg_cluster;
pub mod process;
pub mod redis_server;

pub use kremna_fake_mistral::{FakeConfig, FakeMistral, Fault, Reply};
use kremna_realtime::Node;
use kremna_shared::{
    config::Config,
    ids::{AssistantId, TenantId},
    testing::{TestDb, unique_prefix},
};
use kremna_worker::Worker;
use serde_json::{Value, json};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    net::TcpListener,
    process::{Child, Command},
    sync::oneshot,
};

pub const JWT_SECRET: &str = "stack-test-secret-0123456789abcdef0123";
/// The platform's own origin in tests (the dashboard; always allowed to chat).
pub const PLATFORM_ORIGIN: &str = "http://platform.test";

pub struct Options {
    pub realtime_nodes: usize,
    /// Run a worker in this process (tests that kill a worker run their own process).
    pub in_process_worker: bool,
    pub fake: FakeConfig,
    pub env: Vec<(&'static str, String)>,
    /// Redis to use instead of the shared one (`redis://host:port`): fault tests pass
    /// a [`redis_server::RedisServer`] of their own.
    pub redis_url: Option<String>,
    /// A cluster to make the test database on instead of the shared one (its
    /// superuser's URL): fault tests pass a [`pg_cluster::PgCluster`] of their own.
    pub admin_database_url: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            realtime_nodes: 1,
            in_process_worker: true,
            fake: FakeConfig::default().with_api_key("test-key"),
            env: Vec::new(),
            redis_url: None,
            admin_database_url: None,
        }
    }
}

pub struct Stack {
    pub db: TestDb,
    pub api_base: String,
    pub nodes: Vec<Node>,
    pub worker: Option<Worker>,
    pub fake: FakeMistral,
    env: HashMap<String, String>,
    http: reqwest::Client,
    api_shutdown: Option<oneshot::Sender<()>>,
}

/// A workspace owner, signed in.
#[derive(Debug, Clone)]
pub struct Owner {
    pub token: String,
    pub tenant: TenantId,
}

impl Stack {
    pub async fn start(options: Options) -> Self {
        let db = match &options.admin_database_url {
            Some(admin) => TestDb::create_on(admin).await,
            None => TestDb::create().await,
        };
        let fake = FakeMistral::start(options.fake).await;
        let redis = options.redis_url.clone().unwrap_or_else(|| {
            std::env::var("KREMNA_TEST_REDIS_URL")
                .unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
        });
        let mut env: HashMap<String, String> = [
            ("DATABASE_URL", db.app_url()),
            ("REDIS_URL", format!("{redis}/?protocol=resp3")),
            ("REDIS_KEY_PREFIX", unique_prefix()),
            // pipeline tests register as many workspaces as they like from 127.0.0.1
            ("REGISTER_MAX_PER_IP_PER_HOUR", "100000".into()),
            ("JWT_SECRET", JWT_SECRET.into()),
            ("KREMNA_ENV", "production".into()),
            ("PUBLIC_URL", PLATFORM_ORIGIN.into()),
            ("MISTRAL_BASE_URL", fake.base_url()),
            ("MISTRAL_API_KEY", "test-key".into()),
            (
                "WORKER_NAME",
                format!("test-worker-{}", uuid::Uuid::new_v4().simple()),
            ),
            ("WORKER_HEARTBEAT_MS", "500".into()),
            ("ORPHAN_MISSED_HEARTBEATS", "2".into()),
            ("REPLY_RETRY_BASE_MS", "100".into()),
            ("DATABASE_MAX_CONNECTIONS", "8".into()),
            ("DASHBOARD_DIR", "/nonexistent".into()),
            ("WIDGET_DIR", "/nonexistent".into()),
            // Quiet unless asked: expected failures (provider faults) log warnings.
            (
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "error".into()),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        for (k, v) in options.env {
            env.insert(k.to_owned(), v);
        }
        let config = config_from(&env);
        kremna_shared::telemetry::init(&config.log);

        let api_state = kremna_api::startup::state(config.clone())
            .await
            .expect("api state");
        let bound = kremna_api::startup::bind("127.0.0.1:0".parse().unwrap())
            .await
            .expect("bind api");
        let api_base = format!("http://{}", bound.addr);
        let (api_tx, api_rx) = oneshot::channel::<()>();
        tokio::spawn(kremna_api::startup::serve(bound, api_state, async move {
            let _ = api_rx.await;
        }));

        let mut nodes = Vec::new();
        for _ in 0..options.realtime_nodes {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            nodes.push(
                kremna_realtime::start(config.clone(), listener)
                    .await
                    .expect("realtime node"),
            );
        }
        let worker = if options.in_process_worker {
            let health = TcpListener::bind("127.0.0.1:0").await.unwrap();
            Some(
                kremna_worker::start(config.clone(), health)
                    .await
                    .expect("worker"),
            )
        } else {
            None
        };
        Self {
            db,
            api_base,
            nodes,
            worker,
            fake,
            env,
            http: reqwest::Client::new(),
            api_shutdown: Some(api_tx),
        }
    }

    /// The environment the services run with (to start a worker process like them).
    pub fn env(&self) -> &HashMap<String, String> {
        &self.env
    }

    pub fn config(&self) -> Config {
        config_from(&self.env)
    }

    pub fn node_url(&self, index: usize) -> String {
        format!("http://{}", self.nodes[index].addr)
    }

    pub fn node_addr(&self, index: usize) -> SocketAddr {
        self.nodes[index].addr
    }

    /// Registers a new owner through the API.
    pub async fn owner(&self, name: &str) -> Owner {
        let email = format!(
            "{name}-{}@example.com",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        let body: Value = self
            .http
            .post(format!("{}/api/v1/auth/register", self.api_base))
            .json(
                &json!({ "email": email, "password": "correct horse battery", "full_name": name }),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Owner {
            token: body["access_token"].as_str().expect("token").to_owned(),
            tenant: body["tenant"]["id"].as_str().unwrap().parse().unwrap(),
        }
    }

    /// Creates an assistant through the API; `extra` adds fields to the body.
    pub async fn assistant(&self, owner: &Owner, extra: Value) -> AssistantId {
        let mut body = json!({ "name": "Test assistant", "instructions": "Answer briefly." });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let reply: Value = self
            .http
            .post(format!("{}/api/v1/assistants", self.api_base))
            .bearer_auth(&owner.token)
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        reply["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no assistant: {reply}"))
            .parse()
            .unwrap()
    }

    pub async fn api_get(&self, path: &str, token: &str) -> Value {
        self.http
            .get(format!("{}/api/v1{path}", self.api_base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn api_patch(&self, path: &str, token: &str, body: Value) -> Value {
        self.http
            .patch(format!("{}/api/v1{path}", self.api_base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// POSTs `body` with the owner's token; the status and the body (null when empty).
    pub async fn api_post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        let reply = self
            .http
            .post(format!("{}/api/v1{path}", self.api_base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = reply.status().as_u16();
        let text = reply.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// DELETEs with the owner's token; the status.
    pub async fn api_delete(&self, path: &str, token: &str) -> u16 {
        self.http
            .delete(format!("{}/api/v1{path}", self.api_base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// Runs a scenario to completion and returns its result.
    pub async fn scenario(&self, name: &str, args: Value) -> Value {
        let mut run = Scenario::spawn(name, &args);
        run.result().await
    }

    pub async fn stop(mut self) {
        if let Some(worker) = self.worker.take() {
            worker.stop().await.expect("worker drains");
        }
        for node in self.nodes.drain(..) {
            node.stop().await;
        }
        if let Some(tx) = self.api_shutdown.take() {
            let _ = tx.send(());
        }
    }
}

fn config_from(env: &HashMap<String, String>) -> Config {
    Config::from_lookup(|k| env.get(k).cloned()).expect("test config is valid")
}

fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../js")
}

/// Installs the scenario runner's npm packages once (tests run in parallel processes).
fn ensure_node_modules() {
    let dir = js_dir();
    if dir.join("node_modules/socket.io-client").is_dir() {
        return;
    }
    let lock = dir.join(".installing");
    if std::fs::create_dir(&lock).is_ok() {
        let status = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .expect("npm runs");
        let _ = std::fs::remove_dir(&lock);
        assert!(status.success(), "npm ci in testing/js failed");
    } else {
        for _ in 0..600 {
            if dir.join("node_modules/socket.io-client").is_dir() && !lock.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("waited too long for npm ci in testing/js");
    }
}

/// A running scenario: its `MARK` lines can be awaited while it runs.
pub struct Scenario {
    child: Child,
    stdin: std::sync::Arc<tokio::sync::Mutex<tokio::process::ChildStdin>>,
    lines: tokio::io::Lines<BufReader<tokio::process::ChildStdout>>,
    result: Option<Value>,
    name: String,
}

impl Scenario {
    pub fn spawn(name: &str, args: &Value) -> Self {
        ensure_node_modules();
        let mut child = Command::new("node")
            .arg(js_dir().join("scenarios.mjs"))
            .arg(name)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs");
        let stdout = child.stdout.take().expect("stdout piped");
        let stdin = child.stdin.take().expect("stdin piped");
        // The arguments are the first line; the pipe stays open for `go`. The write
        // holds the lock it took here, so a `go` can never overtake it.
        let input = format!("{args}\n");
        let stdin = std::sync::Arc::new(tokio::sync::Mutex::new(stdin));
        let mut first = stdin.clone().try_lock_owned().expect("a new lock is free");
        tokio::spawn(async move {
            use tokio::io::AsyncWriteExt;
            let _ = first.write_all(input.as_bytes()).await;
        });
        Self {
            child,
            stdin,
            lines: BufReader::new(stdout).lines(),
            result: None,
            name: name.to_owned(),
        }
    }

    /// Lets a scenario waiting in `proceed()` take its next step.
    pub async fn go(&mut self) {
        use tokio::io::AsyncWriteExt;
        let mut stdin = self.stdin.lock().await;
        stdin
            .write_all(b"go\n")
            .await
            .expect("write to the scenario");
        stdin.flush().await.expect("flush to the scenario");
    }

    /// Waits for `MARK <mark>` and returns its data.
    pub async fn wait_mark(&mut self, mark: &str) -> Value {
        let prefix = format!("MARK {mark} ");
        while let Some(line) = self.lines.next_line().await.expect("read scenario output") {
            if let Some(data) = line.strip_prefix(&prefix) {
                return serde_json::from_str(data).unwrap_or(Value::Null);
            }
            if let Some(result) = line.strip_prefix("RESULT ") {
                self.result = serde_json::from_str(result).ok();
                panic!("scenario {} ended before mark {mark}: {result}", self.name);
            }
        }
        panic!("scenario {} exited before mark {mark}", self.name);
    }

    pub async fn result(&mut self) -> Value {
        if let Some(result) = self.result.take() {
            return result;
        }
        while let Some(line) = self.lines.next_line().await.expect("read scenario output") {
            if let Some(result) = line.strip_prefix("RESULT ") {
                let value: Value = serde_json::from_str(result).expect("RESULT is JSON");
                let _ = self.child.wait().await;
                if let Some(failure) = value.get("failed") {
                    panic!("scenario {} failed: {failure}\n{value}", self.name);
                }
                return value;
            }
        }
        panic!("scenario {} exited without a RESULT", self.name);
    }
}
