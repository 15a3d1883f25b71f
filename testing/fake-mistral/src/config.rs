//! The dials: what the fake answers, how fast, and which faults it injects.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How the answer text is produced.
///
/// JSON form (snake_case, externally tagged): `"echo"`, `{"fixed": "Hi!"}`,
/// `{"lorem": {"tokens": 20}}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// Always answer this text (split into word-sized chunks by [`crate::tokenize`]).
    Fixed(String),
    /// Answer `"You said: <text of the last user message>"`.
    #[default]
    Echo,
    /// Answer exactly `tokens` chunks of lorem-ipsum words (one word per chunk).
    Lorem { tokens: usize },
}

/// A fault to inject instead of a normal answer.
///
/// JSON form: `{"status": {"code": 429, "retry_after_secs": 2}}`, `"timeout"`,
/// `{"disconnect_after_chunks": 3}`, `"malformed"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// Answer with this HTTP status and a Mistral-shaped error body; `Retry-After: <secs>`
    /// is added when `retry_after_secs` is set, and `message` replaces the body's
    /// standard message (a real provider's may echo anything: tests check it is never
    /// stored or shown).
    Status {
        code: u16,
        #[serde(default)]
        retry_after_secs: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// Accept the request and never answer: no status line, no headers, the connection is
    /// held open until the client gives up (or the fake shuts down; capped at one hour).
    Timeout,
    /// Stream `n` content chunks (`200`, `text/event-stream`), then drop the TCP connection
    /// mid-body: no `finish_reason`, no `[DONE]`, no chunked-encoding terminator. For a
    /// non-streaming request the JSON body is cut off half-way instead.
    DisconnectAfterChunks(usize),
    /// Answer `200` whose stream carries a `data:` line that is not JSON (then `[DONE]`);
    /// for a non-streaming request the body is truncated, invalid JSON.
    Malformed,
}

/// Which endpoints the injected faults hit. Each endpoint counts its own requests.
///
/// JSON form: `"all"` (the default), `"chat"`, `"embeddings"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultTarget {
    #[default]
    All,
    Chat,
    Embeddings,
}

/// The endpoints whose requests count towards faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    Chat,
    Embeddings,
}

impl Default for Fault {
    fn default() -> Self {
        Fault::Status {
            code: 500,
            retry_after_secs: None,
            message: None,
        }
    }
}

impl Fault {
    /// `429 Too Many Requests` with `Retry-After: secs`.
    pub fn rate_limited(retry_after_secs: u64) -> Self {
        Fault::Status {
            code: 429,
            retry_after_secs: Some(retry_after_secs),
            message: None,
        }
    }

    /// A plain status code fault without `Retry-After`.
    pub fn status(code: u16) -> Self {
        Fault::Status {
            code,
            retry_after_secs: None,
            message: None,
        }
    }

    /// A status code fault whose error body says `message`.
    pub fn status_saying(code: u16, message: &str) -> Self {
        Fault::Status {
            code,
            retry_after_secs: None,
            message: Some(message.to_owned()),
        }
    }
}

/// Everything that can be dialled. `Default` is: echo, no latency, no auth, no faults.
///
/// Serialised (e.g. for `POST /_fake/config`) with durations as integer milliseconds in
/// `time_to_first_token_ms` / `inter_token_delay_ms`; every field is optional in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FakeConfig {
    pub reply: Reply,
    /// Delay between receiving the request and sending the first content chunk
    /// (response headers are sent at once, like the real API).
    #[serde(rename = "time_to_first_token_ms", with = "millis")]
    pub time_to_first_token: Duration,
    /// Delay between consecutive content chunks.
    #[serde(rename = "inter_token_delay_ms", with = "millis")]
    pub inter_token_delay: Duration,
    /// When `Some`, requests without `Authorization: Bearer <this>` get `401`.
    pub api_key: Option<String>,
    /// The first `fail_first_n` requests to each endpoint in `fault_on` (counted per endpoint
    /// since the last config change or reset, after the auth check) get `fault` instead of
    /// an answer.
    pub fail_first_n: u32,
    /// Additionally, every n-th request (n, 2n, 3n… by the same count) gets `fault`.
    pub fault_every_nth: Option<u32>,
    /// The fault injected by `fail_first_n` / `fault_every_nth`.
    pub fault: Fault,
    /// Which endpoints get the faults (both by default).
    pub fault_on: FaultTarget,
}

impl FakeConfig {
    pub fn with_reply(mut self, reply: Reply) -> Self {
        self.reply = reply;
        self
    }

    pub fn with_fixed_reply(self, text: impl Into<String>) -> Self {
        self.with_reply(Reply::Fixed(text.into()))
    }

    pub fn with_time_to_first_token(mut self, ttft: Duration) -> Self {
        self.time_to_first_token = ttft;
        self
    }

    pub fn with_inter_token_delay(mut self, delay: Duration) -> Self {
        self.inter_token_delay = delay;
        self
    }

    pub fn with_api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The first `n` requests (to each endpoint in `fault_on`) get `fault`.
    pub fn failing_first(mut self, n: u32, fault: Fault) -> Self {
        self.fail_first_n = n;
        self.fault = fault;
        self
    }

    /// Every `n`-th request (to each endpoint in `fault_on`) gets `fault`.
    pub fn failing_every_nth(mut self, n: u32, fault: Fault) -> Self {
        self.fault_every_nth = Some(n);
        self.fault = fault;
        self
    }

    /// Faults hit only `target`'s requests.
    pub fn with_faults_on(mut self, target: FaultTarget) -> Self {
        self.fault_on = target;
        self
    }

    /// Whether the request to `endpoint` with 1-based sequence number `seq` (counted per
    /// endpoint) gets the fault.
    pub(crate) fn is_faulty(&self, endpoint: Endpoint, seq: u64) -> bool {
        let targeted = match self.fault_on {
            FaultTarget::All => true,
            FaultTarget::Chat => endpoint == Endpoint::Chat,
            FaultTarget::Embeddings => endpoint == Endpoint::Embeddings,
        };
        if !targeted {
            return false;
        }
        if seq <= u64::from(self.fail_first_n) {
            return true;
        }
        match self.fault_every_nth {
            Some(n) if n > 0 => seq.is_multiple_of(u64::from(n)),
            _ => false,
        }
    }
}

/// `Duration` as integer milliseconds.
pub(crate) mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        Ok(Duration::from_millis(u64::deserialize(d)?))
    }
}
