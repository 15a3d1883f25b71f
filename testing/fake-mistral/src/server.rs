//! The HTTP server (hyper 1, HTTP/1.1), request recording and the fault machinery.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Frame, Incoming};
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::http::request::Parts;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::{JoinHandle, JoinSet};

use crate::config::{Endpoint, FakeConfig, Fault, Reply};
use crate::embeddings;
use crate::wire::{
    ChunkChoice, ChunkOut, CompletionChoice, CompletionOut, Delta, MessageOut, Usage,
    UsageChunkOut, estimate_prompt_tokens, last_user_text, lorem_chunks, sse_event, to_json,
    tokenize,
};

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;
pub(crate) type Body = UnsyncBoxBody<Bytes, BoxError>;

/// How long a `Fault::Timeout` request is held at most.
pub(crate) const TIMEOUT_HOLD: Duration = Duration::from_secs(3600);
/// Pause before an injected disconnect, so the chunks already sent reach the socket first.
pub(crate) const DISCONNECT_GRACE: Duration = Duration::from_millis(100);
/// The model reported when the request did not name one (only on faulted invalid requests).
const DEFAULT_MODEL: &str = "mistral-small-latest";

/// What the fake did with a recorded request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Answered normally.
    Ok,
    /// `401`: wrong or missing bearer key.
    Unauthorized,
    /// `400`/`422`: not JSON, or failed validation.
    InvalidRequest,
    /// Injected `Fault::Status`.
    FaultStatus,
    /// Injected `Fault::Timeout` (never answered).
    FaultTimeout,
    /// Injected `Fault::DisconnectAfterChunks`.
    FaultDisconnect,
    /// Injected `Fault::Malformed`.
    FaultMalformed,
    /// `404`: unknown path or method.
    NotFound,
}

/// One request the fake received (control endpoints under `/_fake/` are not recorded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// 1-based order of arrival since start or the last reset.
    pub seq: u64,
    pub method: String,
    pub path: String,
    /// All request headers, names lower-case; repeated headers joined with `", "`.
    pub headers: BTreeMap<String, String>,
    /// The parsed JSON body; `null` when the body was empty or not JSON.
    pub body: Value,
    /// The raw body (lossy UTF-8), only when it was non-empty and not JSON.
    pub raw_body: Option<String>,
    /// Wall-clock arrival time, milliseconds since the Unix epoch.
    pub received_at_unix_ms: u64,
    /// Arrival time in microseconds since the fake started (monotonic; use it to measure
    /// client back-off between retries).
    pub since_start_us: u64,
    /// The status the fake answered with; `None` for `Fault::Timeout`.
    pub status: Option<u16>,
    pub outcome: Outcome,
}

impl RecordedRequest {
    /// A header by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The token of `Authorization: Bearer <token>`.
    pub fn bearer_token(&self) -> Option<&str> {
        self.header("authorization").and_then(strip_bearer)
    }

    /// The body's `messages` array (empty when absent).
    pub fn messages(&self) -> &[Value] {
        self.body
            .get("messages")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The texts of an embeddings request's `input` (a string or an array of strings).
    pub fn inputs(&self) -> Vec<&str> {
        match self.body.get("input") {
            Some(Value::String(one)) => vec![one.as_str()],
            Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The body's `model`.
    pub fn model(&self) -> Option<&str> {
        self.body.get("model").and_then(Value::as_str)
    }

    /// Whether the body asked for `"stream": true`.
    pub fn is_stream(&self) -> bool {
        wants_stream(&self.body)
    }

    /// Arrival time since the fake started.
    pub fn since_start(&self) -> Duration {
        Duration::from_micros(self.since_start_us)
    }
}

pub(crate) struct State {
    pub(crate) config: FakeConfig,
    requests: Vec<RecordedRequest>,
    /// Requests per endpoint past the auth check since the last config change or reset;
    /// they drive faults.
    chat_count: u64,
    embedding_count: u64,
}

impl State {
    /// Counts one authorised request to `endpoint`; answers whether it gets the fault.
    pub(crate) fn count(&mut self, endpoint: Endpoint) -> bool {
        let seq = match endpoint {
            Endpoint::Chat => &mut self.chat_count,
            Endpoint::Embeddings => &mut self.embedding_count,
        };
        *seq += 1;
        let seq = *seq;
        self.config.is_faulty(endpoint, seq)
    }
}

pub(crate) struct Shared {
    started: Instant,
    state: Mutex<State>,
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set_config(&self, config: FakeConfig) {
        let mut st = self.lock();
        st.config = config;
        st.chat_count = 0;
        st.embedding_count = 0;
    }

    fn reset(&self) {
        let mut st = self.lock();
        st.requests.clear();
        st.chat_count = 0;
        st.embedding_count = 0;
    }
}

/// A running fake Mistral server. Dropping it stops the server (like [`FakeMistral::shutdown`],
/// without waiting).
pub struct FakeMistral {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for FakeMistral {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeMistral")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl FakeMistral {
    /// Starts the fake on `127.0.0.1:<free port>`, serving in a background tokio task.
    ///
    /// # Panics
    /// If binding a loopback port fails (use [`FakeMistral::bind`] to handle that).
    pub async fn start(config: FakeConfig) -> FakeMistral {
        let addr = SocketAddr::from(([127, 0, 0, 1], 0));
        match FakeMistral::bind(addr, config).await {
            Ok(fake) => fake,
            Err(e) => panic!("fake-mistral: cannot bind {addr}: {e}"),
        }
    }

    /// Starts the fake on `addr` (port 0 picks a free one).
    pub async fn bind(addr: SocketAddr, config: FakeConfig) -> io::Result<FakeMistral> {
        let listener = TcpListener::bind(addr).await?;
        FakeMistral::from_listener(listener, config)
    }

    /// Starts the fake on an already bound listener. Must be called inside a tokio runtime.
    pub fn from_listener(listener: TcpListener, config: FakeConfig) -> io::Result<FakeMistral> {
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            started: Instant::now(),
            state: Mutex::new(State {
                config,
                requests: Vec::new(),
                chat_count: 0,
                embedding_count: 0,
            }),
        });
        let (stop, stop_rx) = watch::channel(false);
        let task = tokio::spawn(serve(listener, shared.clone(), stop_rx));
        Ok(FakeMistral {
            addr,
            shared,
            stop,
            task: Some(task),
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` — the API base; chat completions live at `{base}/v1/chat/completions`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `{base}/v1/chat/completions`.
    pub fn chat_completions_url(&self) -> String {
        format!("{}/v1/chat/completions", self.base_url())
    }

    /// `{base}/v1/embeddings`.
    pub fn embeddings_url(&self) -> String {
        format!("{}/v1/embeddings", self.base_url())
    }

    /// The current configuration.
    pub fn config(&self) -> FakeConfig {
        self.shared.lock().config.clone()
    }

    /// Replaces the configuration for requests arriving from now on; restarts the fault count
    /// (so `fail_first_n` applies to the next requests). Recorded requests are kept.
    pub fn set_config(&self, config: FakeConfig) {
        self.shared.set_config(config);
    }

    /// Edits the configuration in place (same effect as [`FakeMistral::set_config`]).
    pub fn update_config(&self, edit: impl FnOnce(&mut FakeConfig)) {
        let mut config = self.config();
        edit(&mut config);
        self.set_config(config);
    }

    /// All recorded requests, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// How many requests were recorded.
    pub fn request_count(&self) -> usize {
        self.shared.lock().requests.len()
    }

    /// Forgets the recorded requests and restarts the fault count; keeps the configuration.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Stops accepting, drops every open connection (including held `Timeout` requests and
    /// streams in flight) and waits for the server task to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for FakeMistral {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let _ = stream.set_nodelay(true);
                    let shared = shared.clone();
                    let mut stop = stop.clone();
                    conns.spawn(async move {
                        let svc = service_fn(move |req| handle(shared.clone(), req));
                        let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), svc);
                        tokio::select! {
                            _ = conn => {}
                            _ = stop.changed() => {}
                        }
                    });
                }
                // e.g. EMFILE: back off a little instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
            },
        }
        while conns.try_join_next().is_some() {}
    }
    conns.shutdown().await;
}

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<Body>, BoxError> {
    let (parts, body) = req.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => return Err(Box::new(e)),
    };
    let path = parts.uri.path().to_string();
    if let Some(ctl) = path.strip_prefix("/_fake/") {
        return Ok(control(&shared, &parts.method, ctl, &bytes));
    }
    match (&parts.method, path.as_str()) {
        (&Method::POST, "/v1/chat/completions") => chat(&shared, &parts, bytes).await,
        (&Method::POST, "/v1/embeddings") => embeddings::handle(&shared, &parts, &bytes).await,
        (&Method::GET, "/v1/models") => Ok(models(&shared, &parts, &bytes)),
        _ => {
            let rec = new_record(&shared, &parts, &bytes);
            push_record(&shared, rec, Some(404), Outcome::NotFound);
            Ok(json_response(
                StatusCode::NOT_FOUND,
                json!({"detail": "Not Found"}).to_string(),
            ))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Recording

pub(crate) fn new_record(shared: &Shared, parts: &Parts, bytes: &Bytes) -> RecordedRequest {
    let body: Option<Value> = serde_json::from_slice(bytes).ok();
    let raw_body = match body {
        None if !bytes.is_empty() => Some(String::from_utf8_lossy(bytes).into_owned()),
        _ => None,
    };
    RecordedRequest {
        seq: 0,
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        headers: header_map(&parts.headers),
        body: body.unwrap_or(Value::Null),
        raw_body,
        received_at_unix_ms: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0),
        since_start_us: u64::try_from(shared.started.elapsed().as_micros()).unwrap_or(u64::MAX),
        status: None,
        outcome: Outcome::Ok,
    }
}

fn push_record(shared: &Shared, rec: RecordedRequest, status: Option<u16>, outcome: Outcome) {
    let mut st = shared.lock();
    push_locked(&mut st, rec, status, outcome);
}

pub(crate) fn push_locked(
    st: &mut State,
    mut rec: RecordedRequest,
    status: Option<u16>,
    outcome: Outcome,
) {
    rec.seq = st.requests.len() as u64 + 1;
    rec.status = status;
    rec.outcome = outcome;
    st.requests.push(rec);
}

fn header_map(headers: &HeaderMap) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        out.entry(name.as_str().to_string())
            .and_modify(|v| {
                v.push_str(", ");
                v.push_str(&value);
            })
            .or_insert(value);
    }
    out
}

fn strip_bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

pub(crate) fn authorized(config: &FakeConfig, headers: &HeaderMap) -> bool {
    let Some(key) = config.api_key.as_deref() else {
        return true;
    };
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(strip_bearer)
        == Some(key)
}

fn wants_stream(body: &Value) -> bool {
    body.get("stream").and_then(Value::as_bool).unwrap_or(false)
}

// ---------------------------------------------------------------------------------------------
// Chat completions

struct ChatRequest {
    model: String,
    messages: Vec<Value>,
    stream: bool,
    max_tokens: Option<u64>,
    /// `stream_options.include_usage`: OpenAI's way of asking for usage in a stream.
    usage_chunk: bool,
}

/// A request validation failure: status and message.
pub(crate) type Invalid = (StatusCode, String);

fn validate(body: Option<&Value>) -> Result<ChatRequest, Invalid> {
    let unprocessable = |msg: String| Err((StatusCode::UNPROCESSABLE_ENTITY, msg));
    let Some(body) = body else {
        return Err((
            StatusCode::BAD_REQUEST,
            "Invalid JSON: the request body could not be parsed".to_string(),
        ));
    };
    let Some(obj) = body.as_object() else {
        return unprocessable("Input should be a valid dictionary or object".to_string());
    };
    let model = match obj.get("model") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        None | Some(Value::Null) => return unprocessable("model: Field required".to_string()),
        Some(_) => return unprocessable("model: Input should be a valid string".to_string()),
    };
    let messages = match obj.get("messages") {
        Some(Value::Array(a)) if !a.is_empty() => a.clone(),
        Some(Value::Array(_)) => {
            return unprocessable(
                "messages: List should have at least 1 item after validation, not 0".to_string(),
            );
        }
        None | Some(Value::Null) => {
            return unprocessable("messages: Field required".to_string());
        }
        Some(_) => return unprocessable("messages: Input should be a valid list".to_string()),
    };
    for (i, m) in messages.iter().enumerate() {
        match m.get("role") {
            Some(Value::String(role))
                if matches!(role.as_str(), "system" | "user" | "assistant" | "tool") => {}
            Some(Value::String(role)) => {
                return unprocessable(format!(
                    "messages.{i}.role: Input should be 'system', 'user', 'assistant' or 'tool', got {role:?}"
                ));
            }
            None | Some(Value::Null) => {
                return unprocessable(format!("messages.{i}.role: Field required"));
            }
            Some(_) => {
                return unprocessable(format!("messages.{i}.role: Input should be a valid string"));
            }
        }
    }
    let stream = match obj.get("stream") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return unprocessable("stream: Input should be a valid boolean".to_string()),
    };
    let max_tokens = match obj.get("max_tokens") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64() {
            Some(n) => Some(n),
            None => {
                return unprocessable(
                    "max_tokens: Input should be a valid non-negative integer".to_string(),
                );
            }
        },
    };
    let usage_chunk = obj
        .get("stream_options")
        .and_then(|o| o.get("include_usage"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(ChatRequest {
        model,
        messages,
        stream,
        max_tokens,
        usage_chunk,
    })
}

pub(crate) enum Action {
    Unauthorized,
    Fault(Fault),
    Invalid,
    Answer,
}

impl Action {
    /// Decides what to do with a request to `endpoint` (and counts it), under the lock.
    pub(crate) fn decide(
        st: &mut State,
        endpoint: Endpoint,
        headers: &HeaderMap,
        valid: bool,
    ) -> Action {
        if !authorized(&st.config, headers) {
            Action::Unauthorized
        } else if st.count(endpoint) {
            Action::Fault(st.config.fault.clone())
        } else if valid {
            Action::Answer
        } else {
            Action::Invalid
        }
    }

    /// The status and outcome recorded for this action; `invalid` is the status a failed
    /// validation answers with.
    pub(crate) fn recorded_as(&self, invalid: Option<StatusCode>) -> (Option<u16>, Outcome) {
        match (self, invalid) {
            (Action::Unauthorized, _) => (Some(401), Outcome::Unauthorized),
            (Action::Fault(Fault::Status { code, .. }), _) => {
                (Some(status_or_500(*code).as_u16()), Outcome::FaultStatus)
            }
            (Action::Fault(Fault::Timeout), _) => (None, Outcome::FaultTimeout),
            (Action::Fault(Fault::DisconnectAfterChunks(_)), _) => {
                (Some(200), Outcome::FaultDisconnect)
            }
            (Action::Fault(Fault::Malformed), _) => (Some(200), Outcome::FaultMalformed),
            (Action::Invalid, Some(code)) => (Some(code.as_u16()), Outcome::InvalidRequest),
            (Action::Invalid | Action::Answer, _) => (Some(200), Outcome::Ok),
        }
    }
}

async fn chat(shared: &Shared, parts: &Parts, bytes: Bytes) -> Result<Response<Body>, BoxError> {
    let rec = new_record(shared, parts, &bytes);
    let validated = validate((!rec.body.is_null()).then_some(&rec.body));
    let stream = match &validated {
        Ok(req) => req.stream,
        Err(_) => wants_stream(&rec.body),
    };

    let (config, action) = {
        let mut st = shared.lock();
        let config = st.config.clone();
        let action = Action::decide(&mut st, Endpoint::Chat, &parts.headers, validated.is_ok());
        let (status, outcome) = action.recorded_as(validated.as_ref().err().map(|(code, _)| *code));
        push_locked(&mut st, rec, status, outcome);
        (config, action)
    };

    match action {
        Action::Unauthorized => Ok(unauthorized()),
        Action::Invalid => {
            let (code, message) = match validated {
                Err(e) => e,
                Ok(_) => (StatusCode::BAD_REQUEST, "invalid request".to_string()),
            };
            Ok(error_response(code, &message, None))
        }
        Action::Answer => {
            let plan = Plan::new(&config, validated.as_ref().ok());
            if stream {
                Ok(stream_answer(plan, &config))
            } else {
                Ok(complete_answer(plan, &config).await)
            }
        }
        Action::Fault(fault) => {
            let plan = Plan::new(&config, validated.as_ref().ok());
            inject(fault, plan, &config, stream).await
        }
    }
}

/// Everything needed to write one answer.
struct Plan {
    id: String,
    created: u64,
    model: String,
    chunks: Vec<String>,
    finish_reason: &'static str,
    usage: Usage,
    /// Usage goes in a chunk of its own after the content (OpenAI's shape when asked),
    /// not on the last content chunk (Mistral's).
    usage_chunk: bool,
}

impl Plan {
    fn new(config: &FakeConfig, req: Option<&ChatRequest>) -> Plan {
        let messages = req.map(|r| r.messages.as_slice()).unwrap_or(&[]);
        let mut chunks = match &config.reply {
            Reply::Fixed(text) => tokenize(text),
            Reply::Echo => tokenize(&format!("You said: {}", last_user_text(messages))),
            Reply::Lorem { tokens } => lorem_chunks(*tokens),
        };
        let mut finish_reason = "stop";
        if let Some(max) = req.and_then(|r| r.max_tokens) {
            let max = usize::try_from(max).unwrap_or(usize::MAX);
            if chunks.len() > max {
                chunks.truncate(max);
                finish_reason = "length";
            }
        }
        let completion = u32::try_from(chunks.len()).unwrap_or(u32::MAX);
        Plan {
            id: format!("cmpl-{}", uuid::Uuid::new_v4().simple()),
            created: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
            model: req.map_or_else(|| DEFAULT_MODEL.to_string(), |r| r.model.clone()),
            chunks,
            finish_reason,
            usage: Usage::new(estimate_prompt_tokens(messages), completion),
            usage_chunk: req.is_some_and(|r| r.usage_chunk),
        }
    }

    /// The SSE event for content chunk `content`; `first` adds the role, `last` adds
    /// `finish_reason` and `usage`.
    fn chunk_event(&self, content: &str, first: bool, last: bool) -> Bytes {
        let chunk = ChunkOut {
            id: &self.id,
            object: "chat.completion.chunk",
            created: self.created,
            model: &self.model,
            choices: [ChunkChoice {
                index: 0,
                delta: Delta {
                    role: first.then_some("assistant"),
                    content,
                },
                finish_reason: last.then_some(self.finish_reason),
            }],
            usage: (last && !self.usage_chunk).then_some(self.usage),
        };
        sse_event(&to_json(&chunk))
    }

    /// OpenAI's usage chunk: no choices, only `usage`.
    fn usage_event(&self) -> Bytes {
        sse_event(&to_json(&UsageChunkOut {
            id: &self.id,
            object: "chat.completion.chunk",
            created: self.created,
            model: &self.model,
            choices: [],
            usage: self.usage,
        }))
    }

    fn completion_json(&self) -> String {
        let text = self.chunks.concat();
        to_json(&CompletionOut {
            id: &self.id,
            object: "chat.completion",
            created: self.created,
            model: &self.model,
            choices: [CompletionChoice {
                index: 0,
                message: MessageOut {
                    role: "assistant",
                    content: &text,
                    tool_calls: None,
                },
                finish_reason: self.finish_reason,
            }],
            usage: self.usage,
        })
    }
}

pub(crate) async fn sleep_nonzero(d: Duration) {
    if !d.is_zero() {
        tokio::time::sleep(d).await;
    }
}

/// `200 text/event-stream`: the chunks (first with the role, last with finish_reason + usage),
/// each a separate body frame, then `[DONE]`.
fn stream_answer(plan: Plan, config: &FakeConfig) -> Response<Body> {
    let (tx, body) = channel_body();
    let ttft = config.time_to_first_token;
    let gap = config.inter_token_delay;
    tokio::spawn(async move {
        sleep_nonzero(ttft).await;
        let n = plan.chunks.len();
        if n == 0 {
            // An empty answer still needs the role, finish_reason and usage.
            if tx.send(Ok(plan.chunk_event("", true, true))).await.is_err() {
                return;
            }
        }
        for (i, content) in plan.chunks.iter().enumerate() {
            if i > 0 {
                sleep_nonzero(gap).await;
            }
            let event = plan.chunk_event(content, i == 0, i + 1 == n);
            if tx.send(Ok(event)).await.is_err() {
                return; // the client went away
            }
        }
        if plan.usage_chunk && tx.send(Ok(plan.usage_event())).await.is_err() {
            return;
        }
        let _ = tx.send(Ok(sse_event("[DONE]"))).await;
    });
    sse_response(body)
}

/// Non-streaming: waits as long as streaming would have taken, then one JSON body.
async fn complete_answer(plan: Plan, config: &FakeConfig) -> Response<Body> {
    let gaps = u32::try_from(plan.chunks.len().saturating_sub(1)).unwrap_or(u32::MAX);
    sleep_nonzero(
        config
            .time_to_first_token
            .saturating_add(config.inter_token_delay.saturating_mul(gaps)),
    )
    .await;
    json_response(StatusCode::OK, plan.completion_json())
}

async fn inject(
    fault: Fault,
    plan: Plan,
    config: &FakeConfig,
    stream: bool,
) -> Result<Response<Body>, BoxError> {
    match fault {
        Fault::Status {
            code,
            retry_after_secs,
            message,
        } => {
            let status = status_or_500(code);
            Ok(match status {
                StatusCode::UNAUTHORIZED if message.is_none() => unauthorized(),
                _ => error_response(
                    status,
                    message.as_deref().unwrap_or_default(),
                    retry_after_secs,
                ),
            })
        }
        Fault::Timeout => {
            // Never answer; the connection task is dropped on shutdown.
            tokio::time::sleep(TIMEOUT_HOLD).await;
            Err("fake-mistral: injected timeout expired".into())
        }
        Fault::DisconnectAfterChunks(n) => {
            let (tx, body) = channel_body();
            let ttft = config.time_to_first_token;
            let gap = config.inter_token_delay;
            tokio::spawn(async move {
                sleep_nonzero(ttft).await;
                if stream {
                    for (i, content) in plan.chunks.iter().take(n).enumerate() {
                        if i > 0 {
                            sleep_nonzero(gap).await;
                        }
                        if tx
                            .send(Ok(plan.chunk_event(content, i == 0, false)))
                            .await
                            .is_err()
                        {
                            return;
                        }
                    }
                } else {
                    let json = plan.completion_json();
                    let half = json.len() / 2;
                    let cut = Bytes::from(json.into_bytes()).slice(..half);
                    if tx.send(Ok(cut)).await.is_err() {
                        return;
                    }
                }
                tokio::time::sleep(gap.max(DISCONNECT_GRACE)).await;
                // A body error makes hyper abort the connection: no terminating chunk.
                let _ = tx
                    .send(Err("fake-mistral: injected disconnect".into()))
                    .await;
            });
            Ok(if stream {
                sse_response(body)
            } else {
                json_response_body(StatusCode::OK, body)
            })
        }
        Fault::Malformed => {
            sleep_nonzero(config.time_to_first_token).await;
            let broken = format!(
                "{{\"id\":\"{}\",\"object\":\"chat.completion.chunk\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"oops",
                plan.id
            );
            if stream {
                let mut events = sse_event(&broken).to_vec();
                events.extend_from_slice(&sse_event("[DONE]"));
                Ok(sse_response(full(Bytes::from(events))))
            } else {
                Ok(json_response(StatusCode::OK, broken))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Other endpoints

fn models(shared: &Shared, parts: &Parts, bytes: &Bytes) -> Response<Body> {
    let rec = new_record(shared, parts, bytes);
    let config = shared.lock().config.clone();
    if !authorized(&config, &parts.headers) {
        push_record(shared, rec, Some(401), Outcome::Unauthorized);
        return unauthorized();
    }
    push_record(shared, rec, Some(200), Outcome::Ok);
    let data: Vec<Value> = [
        "mistral-small-latest",
        "mistral-medium-latest",
        "mistral-large-latest",
        "mistral-embed",
    ]
    .iter()
    .map(|id| json!({"id": id, "object": "model", "created": 1732000000, "owned_by": "mistralai"}))
    .collect();
    json_response(
        StatusCode::OK,
        json!({"object": "list", "data": data}).to_string(),
    )
}

fn control(shared: &Shared, method: &Method, what: &str, bytes: &Bytes) -> Response<Body> {
    match (method, what) {
        (&Method::GET, "requests") => {
            let requests = shared.lock().requests.clone();
            json_response(StatusCode::OK, to_json(&requests))
        }
        (&Method::GET, "config") => {
            let config = shared.lock().config.clone();
            json_response(StatusCode::OK, to_json(&config))
        }
        (&Method::POST | &Method::PUT, "config") => {
            let parsed = if bytes.iter().all(u8::is_ascii_whitespace) {
                Ok(FakeConfig::default())
            } else {
                serde_json::from_slice::<FakeConfig>(bytes)
            };
            match parsed {
                Ok(config) => {
                    let body = to_json(&config);
                    shared.set_config(config);
                    json_response(StatusCode::OK, body)
                }
                Err(e) => json_response(
                    StatusCode::BAD_REQUEST,
                    json!({"error": format!("invalid FakeConfig: {e}")}).to_string(),
                ),
            }
        }
        (&Method::PATCH, "config") => {
            // Shallow merge: the given top-level keys replace the current ones.
            let current = serde_json::to_value(shared.lock().config.clone());
            let patch = serde_json::from_slice::<Value>(bytes);
            let merged = match (current, patch) {
                (Ok(Value::Object(mut cur)), Ok(Value::Object(patch))) => {
                    cur.extend(patch);
                    serde_json::from_value::<FakeConfig>(Value::Object(cur))
                        .map_err(|e| format!("invalid FakeConfig: {e}"))
                }
                (_, Ok(_)) => Err("the patch must be a JSON object".to_string()),
                (_, Err(e)) => Err(format!("invalid JSON: {e}")),
            };
            match merged {
                Ok(config) => {
                    let body = to_json(&config);
                    shared.set_config(config);
                    json_response(StatusCode::OK, body)
                }
                Err(e) => json_response(StatusCode::BAD_REQUEST, json!({"error": e}).to_string()),
            }
        }
        (&Method::POST, "reset") => {
            shared.reset();
            json_response(StatusCode::OK, json!({"ok": true}).to_string())
        }
        (&Method::GET, "health") => json_response(StatusCode::OK, json!({"ok": true}).to_string()),
        _ => json_response(
            StatusCode::NOT_FOUND,
            json!({"error": "unknown control endpoint; try GET /_fake/requests, GET|POST|PATCH /_fake/config, POST /_fake/reset, GET /_fake/health"}).to_string(),
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Responses and bodies

pub(crate) fn status_or_500(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

pub(crate) fn unauthorized() -> Response<Body> {
    json_response(
        StatusCode::UNAUTHORIZED,
        json!({
            "message": "Unauthorized",
            "request_id": uuid::Uuid::new_v4().simple().to_string(),
        })
        .to_string(),
    )
}

/// A Mistral-shaped `{"object":"error",…}` body; an empty `message` picks one for the status.
pub(crate) fn error_response(
    status: StatusCode,
    message: &str,
    retry_after: Option<u64>,
) -> Response<Body> {
    let (default_message, kind) = match status.as_u16() {
        400 | 422 => ("Invalid request", "invalid_request_error"),
        429 => ("Requests rate limit exceeded", "rate_limited"),
        503 => ("Service unavailable", "service_unavailable"),
        500..=599 => ("Internal server error", "internal_server_error"),
        _ => ("Error", "api_error"),
    };
    let message = if message.is_empty() {
        default_message
    } else {
        message
    };
    let mut resp = json_response(
        status,
        json!({
            "object": "error",
            "message": message,
            "type": kind,
            "param": null,
            "code": null,
        })
        .to_string(),
    );
    if let Some(secs) = retry_after {
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    resp
}

pub(crate) fn json_response(status: StatusCode, json: String) -> Response<Body> {
    json_response_body(status, full(Bytes::from(json)))
}

pub(crate) fn json_response_body(status: StatusCode, body: Body) -> Response<Body> {
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

fn sse_response(body: Body) -> Response<Body> {
    let mut resp = Response::new(body);
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

fn full(bytes: Bytes) -> Body {
    Full::new(bytes)
        .map_err(|never: Infallible| match never {})
        .boxed_unsync()
}

/// A body fed by a channel: every message becomes its own frame (so hyper writes and flushes
/// it as soon as it is sent); an `Err` aborts the connection.
struct ChannelBody {
    rx: mpsc::Receiver<Result<Bytes, BoxError>>,
}

impl hyper::body::Body for ChannelBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        self.rx
            .poll_recv(cx)
            .map(|item| item.map(|res| res.map(Frame::data)))
    }
}

pub(crate) fn channel_body() -> (mpsc::Sender<Result<Bytes, BoxError>>, Body) {
    let (tx, rx) = mpsc::channel(16);
    (tx, ChannelBody { rx }.boxed_unsync())
}
