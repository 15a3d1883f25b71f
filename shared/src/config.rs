//! Configuration: built-in defaults, overridden by environment variables, validated once
//! at start-up. Every problem is reported together, so an operator fixes them in one go.
//!
//! Secrets are held in [`SecretString`] so a `{:?}` of the config never prints them.
//! The README lists every variable; keep the two in step.

mod provider;

use std::{fmt, net::IpAddr, str::FromStr, time::Duration};

use secrecy::{ExposeSecret, SecretString};
use url::Url;

pub use self::provider::{EndpointSettings, ProviderChoice, ProviderSettings};
use crate::{analytics::PriceTable, domain::origin::Origin};

/// Where the service runs. Development relaxes the rules that protect real data
/// (a built-in JWT secret, a demo reply provider); production never does so silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Pretty,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub environment: Environment,
    pub database: DatabaseConfig,
    pub redis_url: SecretString,
    pub jwt: JwtConfig,
    pub http: HttpConfig,
    pub realtime: RealtimeConfig,
    pub worker: WorkerConfig,
    /// Where replies and embeddings come from; the worker reads it through
    /// [`Config::reply_provider`].
    pub provider: ProviderChoice,
    /// Namespaces this deployment's Redis keys (rate limits) and Socket.IO channels.
    pub redis_prefix: String,
    pub login_limits: LoginLimits,
    pub log: LogConfig,
    pub analytics: AnalyticsConfig,
    pub webhooks: WebhookConfig,
}

/// Outgoing webhooks (issue 11).
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// Whether endpoints on loopback, private, link-local, unique-local and other internal
    /// addresses are allowed (`WEBHOOK_ALLOW_PRIVATE_NETWORKS`, default false; tests and
    /// single-machine installs turn it on). Checked at creation and before every attempt.
    pub allow_private_networks: bool,
    /// The longest one attempt may take, connection to last byte
    /// (`WEBHOOK_TIMEOUT_SECONDS`, default 10).
    pub timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    /// The services' role: owns nothing, not a superuser, subject to row-level security.
    pub url: SecretString,
    /// A role that may create roles and schemas; used only by `kremna-api migrate`.
    pub admin_url: Option<SecretString>,
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct JwtConfig {
    pub secret: SecretString,
    pub issuer: String,
    pub audience: String,
    pub ttl: Duration,
}

#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub host: IpAddr,
    /// `PORT`: the REST API, the dashboard and the widget files (3000, as the original).
    pub port: u16,
    /// Where users reach the dashboard; its origin is always allowed (CORS, preview chats).
    pub public_url: Url,
    /// Extra origins allowed to call the REST API from a browser. Never `*`.
    pub cors_allowed_origins: Vec<Origin>,
    pub max_body_bytes: usize,
    /// Requests a partner's API key may make per minute, unless the key sets its own
    /// (`API_KEY_REQUESTS_PER_MINUTE`).
    pub api_key_requests_per_minute: u32,
    /// Slow and greedy clients (`HTTP_*_TIMEOUT_SECONDS`, `HTTP_MAX_CONNECTIONS_PER_IP`).
    pub connections: ConnectionLimits,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy_headers: bool,
    pub dashboard_dir: String,
    pub widget_dir: String,
}

/// What one connection may take of a server (the API's and the realtime node's own).
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// A request's head must arrive whole within this, counted from when the server
    /// starts waiting for it (not per byte: a trickle does not extend it).
    pub header_timeout: Duration,
    /// A request's body must arrive whole within this once its head is in.
    pub body_timeout: Duration,
    /// A connection with no bytes in either direction for this long is closed: a client
    /// that stops half-way through its headers or body, or an idle keep-alive.
    pub idle_timeout: Duration,
    /// Open connections one peer address may hold (not applied behind a trusted proxy,
    /// where every peer is the proxy).
    pub max_per_ip: usize,
}

#[derive(Debug, Clone)]
pub struct RealtimeConfig {
    pub port: u16,
    /// Slow and greedy clients (`REALTIME_*_TIMEOUT_SECONDS`,
    /// `REALTIME_MAX_CONNECTIONS_PER_IP`). The node pings its sockets at least twice
    /// per idle timeout, so a healthy socket is never idle.
    pub connections: ConnectionLimits,
    /// Browser-facing URL of the Socket.IO node, handed to the widget.
    pub public_url: Url,
    pub limits: ChatLimits,
    /// Socket.IO adapter messages a process may fall behind on Redis before it drops
    /// them; dropped messages are counted and a node replays final messages from
    /// Postgres to its visitors (`REALTIME_ADAPTER_BUFFER`).
    pub adapter_buffer: usize,
    /// Packets one socket may have waiting to be written before the node drops what
    /// follows (`REALTIME_SOCKET_BUFFER`). A dashboard watching many busy chats gets
    /// over a thousand packets a second; socketioxide's default of 128 dropped final
    /// replies on it (bench/inbox). The queue grows only while a client reads slowly.
    pub socket_buffer: usize,
}

/// Limits on public chat: abuse and spend.
#[derive(Debug, Clone, Copy)]
pub struct ChatLimits {
    /// Messages into one chat (keyed on the chat its server-issued visitor token
    /// names, not on the client-chosen `visitorId`).
    pub visitor_messages_per_minute: u32,
    /// Messages from one client address, across all its chats and assistants.
    pub address_messages_per_minute: u32,
    pub chats_per_ip_per_hour: u32,
    /// The spend guard: replies one tenant's visitors may ask for.
    pub tenant_replies_per_minute: u32,
    /// How much of the tenant's budget one client address may use (percent, at least
    /// one message), so one address cannot exhaust it for everyone else.
    pub tenant_share_per_address_percent: u32,
}

impl ChatLimits {
    /// One address's share of the tenant's replies per minute.
    pub fn tenant_replies_per_address(&self) -> u32 {
        let share = u64::from(self.tenant_replies_per_minute)
            * u64::from(self.tenant_share_per_address_percent.min(100))
            / 100;
        u32::try_from(share).unwrap_or(u32::MAX).max(1)
    }
}

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// `GET /healthz` for liveness probes.
    pub health_port: u16,
    /// Unique per process: it owns the jobs it locks.
    pub name: String,
    /// Replies generated at once by one worker process.
    pub concurrency: usize,
    /// Provider calls per reply before the visitor is told it failed.
    pub reply_attempts: u32,
    /// The longest a provider call may take, first byte to last.
    pub reply_timeout: Duration,
    /// The first pause between provider attempts; it doubles each time (with jitter).
    pub retry_base: Duration,
    /// Prompt budget in (estimated) tokens for instructions plus history.
    pub history_token_budget: usize,
    /// How often a worker proves it is alive; a job whose worker misses
    /// `ORPHAN_MISSED_HEARTBEATS` beats is given to another worker.
    pub heartbeat: Duration,
    pub missed_heartbeats: u32,
    /// Knowledge base: ingestion and grounding (issue 13).
    pub knowledge: KnowledgeConfig,
}

/// How the worker ingests knowledge sources and grounds replies in them.
#[derive(Debug, Clone)]
pub struct KnowledgeConfig {
    /// The largest page or file read, in bytes (`KNOWLEDGE_MAX_BYTES`, default 2 MB).
    pub max_bytes: usize,
    /// The longest a page fetch may take (`KNOWLEDGE_FETCH_TIMEOUT_SECONDS`, default 15).
    pub fetch_timeout: Duration,
    /// Whether pages on loopback, private and link-local addresses may be fetched
    /// (`KNOWLEDGE_FETCH_PRIVATE`, default false: a URL must not reach the internal
    /// network; tests and local demos turn it on).
    pub fetch_private: bool,
    /// Prompt tokens (estimated) given to retrieved chunks (`KNOWLEDGE_TOKEN_BUDGET`).
    pub token_budget: usize,
    /// Chunks retrieved for a reply (`KNOWLEDGE_TOP_K`, default 6).
    pub top_k: usize,
    /// From how many chunks an assistant's vectors are searched through pgvector's HNSW
    /// index, where the server has one (`KNOWLEDGE_VECTOR_INDEX_FROM_CHUNKS`, default
    /// 50,000). Below it the exact search in memory is faster: `bench/knowledge/run`
    /// measured 3 ms exact against 80 ms through the shared index for 5,000 chunks of a
    /// 100,000-chunk table, since the index must walk past other tenants' vectors.
    pub vector_index_from_chunks: usize,
    /// The most pages a PDF may have (`KNOWLEDGE_MAX_PDF_PAGES`, default 300).
    pub max_pdf_pages: usize,
    /// When the worker looks for web sources due a scheduled refetch
    /// (`KNOWLEDGE_REFETCH_SCHEDULE`, a cron expression with seconds; default every
    /// minute).
    pub refetch_schedule: String,
    /// The most pages a sitemap or crawl source reads (`KNOWLEDGE_MAX_PAGES`, default
    /// 50): the default of a source's own `page_limit` and its ceiling.
    pub max_pages: usize,
}

#[derive(Debug, Clone)]
pub struct AnalyticsConfig {
    /// When the worker folds new messages into usage rollups: a cron expression with
    /// seconds (`ANALYTICS_ROLLUP_SCHEDULE`, default every 10 s).
    pub rollup_schedule: String,
    /// USD per million tokens, for the estimated cost (`MODEL_PRICES`).
    pub prices: PriceTable,
}

#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    /// Attempts for one e-mail from one client address per window: the tight limit,
    /// answered with 429.
    pub per_email_and_ip: u32,
    /// Attempts from one client address per window, whatever the e-mail.
    pub per_ip: u32,
    /// Failed attempts on one e-mail (from anywhere) before every further attempt on it
    /// is slowed down. The e-mail is never locked: its owner, from another address,
    /// still gets in, only more slowly.
    pub slow_after_failures: u32,
    /// The first delay; it doubles with every further failure, up to `max_delay`.
    pub base_delay: Duration,
    pub max_delay: Duration,
    pub window: Duration,
    /// Accounts registered from one client address per hour.
    pub registrations_per_ip_per_hour: u32,
}

impl LoginLimits {
    /// How long an attempt on an e-mail with `failures` recent failures waits.
    pub fn delay_after(&self, failures: u64) -> Duration {
        let Some(over) = failures.checked_sub(u64::from(self.slow_after_failures)) else {
            return Duration::ZERO;
        };
        let factor = 1u32 << over.min(20);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }
}

#[derive(Debug, Clone)]
pub struct LogConfig {
    pub format: LogFormat,
    pub filter: String,
}

/// Everything that was wrong with the environment, one line per problem.
#[derive(Debug)]
pub struct ConfigError(pub Vec<String>);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "invalid configuration:")?;
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// A JWT secret that everyone can read in this file: only ever used in development.
const DEV_JWT_SECRET: &str = "kremna-development-only-secret-do-not-use-in-production";
const MIN_JWT_SECRET_BYTES: usize = 32;
const DEFAULT_ROLLUP_SCHEDULE: &str = "*/10 * * * * *";

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads the process environment for `kremna-api migrate`, which signs nothing and so
    /// does not need `JWT_SECRET`.
    pub fn for_migration_from_env() -> Result<Self, ConfigError> {
        Self::load(|key| std::env::var(key).ok(), false)
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Self::load(lookup, true)
    }

    fn load(
        lookup: impl Fn(&str) -> Option<String>,
        signs_tokens: bool,
    ) -> Result<Self, ConfigError> {
        let mut env = Reader {
            lookup: &lookup,
            problems: Vec::new(),
        };

        let environment = match env.text("KREMNA_ENV").as_deref() {
            None | Some("production") | Some("prod") => Environment::Production,
            Some("development") | Some("dev") => Environment::Development,
            Some(other) => {
                env.problem(format!(
                    "KREMNA_ENV must be `production` or `development`, not `{other}`"
                ));
                Environment::Production
            }
        };
        let dev = environment == Environment::Development;

        let database = DatabaseConfig {
            url: env.required_secret("DATABASE_URL").unwrap_or_default(),
            admin_url: env.secret("DATABASE_ADMIN_URL"),
            max_connections: env.parse("DATABASE_MAX_CONNECTIONS", 10),
            acquire_timeout: Duration::from_secs(env.parse("DATABASE_ACQUIRE_TIMEOUT_SECONDS", 5)),
        };
        if database.max_connections == 0 {
            env.problem("DATABASE_MAX_CONNECTIONS must be at least 1".into());
        }
        let redis_url = env
            .secret("REDIS_URL")
            .unwrap_or_else(|| SecretString::from("redis://127.0.0.1:6379"));

        let jwt_secret = match env.secret("JWT_SECRET") {
            Some(secret) => {
                if !dev && secret.expose_secret().len() < MIN_JWT_SECRET_BYTES {
                    env.problem(format!(
                        "JWT_SECRET must be at least {MIN_JWT_SECRET_BYTES} bytes (try `openssl rand -hex 32`)"
                    ));
                }
                secret
            }
            None if dev || !signs_tokens => SecretString::from(DEV_JWT_SECRET),
            None => {
                env.problem(format!(
                    "JWT_SECRET is required outside development (at least {MIN_JWT_SECRET_BYTES} bytes)"
                ));
                SecretString::default()
            }
        };
        let jwt = JwtConfig {
            secret: jwt_secret,
            issuer: env.text("JWT_ISSUER").unwrap_or_else(|| "kremna".into()),
            audience: env
                .text("JWT_AUDIENCE")
                .unwrap_or_else(|| "kremna-dashboard".into()),
            ttl: Duration::from_secs(env.parse("JWT_TTL_SECONDS", 8 * 3600)),
        };
        if jwt.ttl.is_zero() {
            env.problem("JWT_TTL_SECONDS must be positive".into());
        }

        let port: u16 = env.parse("PORT", 3000);
        let public_url = env.url("PUBLIC_URL", &format!("http://localhost:{port}"));
        let cors_allowed_origins = env
            .text("CORS_ALLOWED_ORIGINS")
            .map(|list| env.origins("CORS_ALLOWED_ORIGINS", &list))
            .unwrap_or_default();
        let http = HttpConfig {
            host: env.parse("HOST", IpAddr::from([0, 0, 0, 0])),
            port,
            public_url,
            cors_allowed_origins,
            max_body_bytes: env.parse("MAX_BODY_BYTES", 256 * 1024),
            api_key_requests_per_minute: env.parse("API_KEY_REQUESTS_PER_MINUTE", 600),
            connections: env.connection_limits("HTTP", 15, 64),
            trust_proxy_headers: env.parse("TRUST_PROXY_HEADERS", false),
            dashboard_dir: env
                .text("DASHBOARD_DIR")
                .unwrap_or_else(|| "frontend/dist".into()),
            widget_dir: env
                .text("WIDGET_DIR")
                .unwrap_or_else(|| "widget/dist".into()),
        };

        let realtime_port: u16 = env.parse("REALTIME_PORT", 3001);
        let realtime = RealtimeConfig {
            port: realtime_port,
            // Long-polls are held up to the ping interval and websockets see a ping at
            // least that often, so the idle timeout can be shorter than on the API;
            // many visitors may share one office's address.
            connections: env.connection_limits("REALTIME", 60, 256),
            public_url: env.url(
                "REALTIME_PUBLIC_URL",
                &format!("http://localhost:{realtime_port}"),
            ),
            limits: ChatLimits {
                visitor_messages_per_minute: env.parse("RATE_VISITOR_MESSAGES_PER_MINUTE", 20),
                address_messages_per_minute: env.parse("RATE_ADDRESS_MESSAGES_PER_MINUTE", 40),
                chats_per_ip_per_hour: env.parse("RATE_CHATS_PER_IP_PER_HOUR", 30),
                tenant_replies_per_minute: env.parse("RATE_TENANT_REPLIES_PER_MINUTE", 600),
                tenant_share_per_address_percent: env
                    .parse("RATE_TENANT_SHARE_PER_ADDRESS_PERCENT", 25),
            },
            adapter_buffer: env.parse("REALTIME_ADAPTER_BUFFER", 16_384),
            socket_buffer: env.parse("REALTIME_SOCKET_BUFFER", 2_048),
        };
        if !(16..=65_536).contains(&realtime.socket_buffer) {
            env.problem("REALTIME_SOCKET_BUFFER must be between 16 and 65536 packets".into());
        }

        let provider = provider::parse(&mut env, dev);
        let worker = WorkerConfig {
            health_port: env.parse("WORKER_HEALTH_PORT", 3002),
            name: env.text("WORKER_NAME").unwrap_or_else(default_worker_name),
            concurrency: env.parse("WORKER_CONCURRENCY", 16),
            reply_attempts: env.parse("REPLY_MAX_ATTEMPTS", 4),
            reply_timeout: Duration::from_secs(env.parse("REPLY_TIMEOUT_SECONDS", 60)),
            retry_base: Duration::from_millis(env.parse("REPLY_RETRY_BASE_MS", 500)),
            history_token_budget: env.parse("REPLY_HISTORY_TOKEN_BUDGET", 6000),
            heartbeat: Duration::from_millis(env.parse("WORKER_HEARTBEAT_MS", 5000)),
            missed_heartbeats: env.parse("ORPHAN_MISSED_HEARTBEATS", 3),
            knowledge: KnowledgeConfig {
                max_bytes: env.parse("KNOWLEDGE_MAX_BYTES", 2_000_000),
                fetch_timeout: Duration::from_secs(
                    env.parse("KNOWLEDGE_FETCH_TIMEOUT_SECONDS", 15),
                ),
                fetch_private: env.parse("KNOWLEDGE_FETCH_PRIVATE", false),
                token_budget: env.parse("KNOWLEDGE_TOKEN_BUDGET", 1500),
                top_k: env.parse("KNOWLEDGE_TOP_K", 6),
                vector_index_from_chunks: env.parse("KNOWLEDGE_VECTOR_INDEX_FROM_CHUNKS", 50_000),
                max_pdf_pages: env.parse("KNOWLEDGE_MAX_PDF_PAGES", 300),
                max_pages: env.parse("KNOWLEDGE_MAX_PAGES", 50),
                refetch_schedule: env
                    .text("KNOWLEDGE_REFETCH_SCHEDULE")
                    .unwrap_or_else(|| "0 * * * * *".into()),
            },
        };
        if worker.concurrency == 0 || worker.reply_attempts == 0 || worker.heartbeat.is_zero() {
            env.problem(
                "WORKER_CONCURRENCY, REPLY_MAX_ATTEMPTS and WORKER_HEARTBEAT_MS must be positive"
                    .into(),
            );
        }
        let redis_prefix = env
            .text("REDIS_KEY_PREFIX")
            .unwrap_or_else(|| "kremna".into());

        let login_limits = LoginLimits {
            per_email_and_ip: env.parse("LOGIN_MAX_ATTEMPTS_PER_EMAIL_AND_IP", 10),
            per_ip: env.parse("LOGIN_MAX_ATTEMPTS_PER_IP", 50),
            slow_after_failures: env.parse("LOGIN_SLOW_AFTER_FAILURES_PER_EMAIL", 10),
            base_delay: Duration::from_millis(env.parse("LOGIN_DELAY_BASE_MS", 250)),
            max_delay: Duration::from_millis(env.parse("LOGIN_DELAY_MAX_MS", 8000)),
            window: Duration::from_secs(env.parse("LOGIN_WINDOW_SECONDS", 15 * 60)),
            registrations_per_ip_per_hour: env.parse("REGISTER_MAX_PER_IP_PER_HOUR", 10),
        };
        if login_limits.per_email_and_ip == 0
            || login_limits.per_ip == 0
            || login_limits.registrations_per_ip_per_hour == 0
            || login_limits.window.is_zero()
        {
            env.problem(
                "LOGIN_MAX_ATTEMPTS_PER_EMAIL_AND_IP, LOGIN_MAX_ATTEMPTS_PER_IP, \
                 REGISTER_MAX_PER_IP_PER_HOUR and LOGIN_WINDOW_SECONDS must be positive"
                    .into(),
            );
        }
        if login_limits.base_delay > login_limits.max_delay {
            env.problem("LOGIN_DELAY_BASE_MS must not exceed LOGIN_DELAY_MAX_MS".into());
        }

        let log = LogConfig {
            format: match env.text("LOG_FORMAT").as_deref() {
                Some("json") => LogFormat::Json,
                Some("pretty") => LogFormat::Pretty,
                None if dev => LogFormat::Pretty,
                None => LogFormat::Json,
                Some(other) => {
                    env.problem(format!(
                        "LOG_FORMAT must be `json` or `pretty`, not `{other}`"
                    ));
                    LogFormat::Json
                }
            },
            filter: env.text("RUST_LOG").unwrap_or_else(|| "info".into()),
        };

        let rollup_schedule = env
            .text("ANALYTICS_ROLLUP_SCHEDULE")
            .unwrap_or_else(|| DEFAULT_ROLLUP_SCHEDULE.into());
        if cron::Schedule::from_str(&rollup_schedule).is_err() {
            env.problem(
                "ANALYTICS_ROLLUP_SCHEDULE must be a cron expression with seconds, \
                 e.g. `*/10 * * * * *`"
                    .into(),
            );
        }
        let prices = match env.text("MODEL_PRICES") {
            None => PriceTable::default(),
            Some(spec) => PriceTable::with_overrides(&spec).unwrap_or_else(|problem| {
                env.problem(format!("MODEL_PRICES: {problem}"));
                PriceTable::default()
            }),
        };
        let analytics = AnalyticsConfig {
            rollup_schedule,
            prices,
        };
        let webhooks = WebhookConfig {
            allow_private_networks: env.parse("WEBHOOK_ALLOW_PRIVATE_NETWORKS", false),
            timeout: Duration::from_secs(env.parse("WEBHOOK_TIMEOUT_SECONDS", 10)),
        };
        if webhooks.timeout.is_zero() || webhooks.timeout > Duration::from_secs(60) {
            env.problem("WEBHOOK_TIMEOUT_SECONDS must be between 1 and 60".into());
        }

        if env.problems.is_empty() {
            Ok(Config {
                environment,
                database,
                redis_url,
                jwt,
                http,
                realtime,
                worker,
                provider,
                redis_prefix,
                login_limits,
                log,
                analytics,
                webhooks,
            })
        } else {
            Err(ConfigError(env.problems))
        }
    }

    pub fn is_development(&self) -> bool {
        self.environment == Environment::Development
    }

    /// The provider the worker calls, when it can be called: production never falls back
    /// to the demo responder on its own, and Mistral's own API needs a key.
    pub fn reply_provider(&self) -> Result<&ProviderSettings, ConfigError> {
        match &self.provider {
            ProviderChoice::Ready(settings) => Ok(settings),
            ProviderChoice::MistralWithoutKey => {
                Err(ConfigError(vec![provider::MISSING_KEY.into()]))
            }
        }
    }

    /// The platform's own origin (the dashboard), always allowed.
    pub fn platform_origin(&self) -> Origin {
        Origin::from_url(&self.http.public_url)
    }
}

/// Reads variables and collects every problem instead of stopping at the first.
struct Reader<'a> {
    lookup: &'a dyn Fn(&str) -> Option<String>,
    problems: Vec<String>,
}

impl Reader<'_> {
    fn problem(&mut self, message: String) {
        self.problems.push(message);
    }

    /// A variable's trimmed value; empty counts as unset.
    fn text(&self, key: &str) -> Option<String> {
        (self.lookup)(key)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn secret(&self, key: &str) -> Option<SecretString> {
        self.text(key).map(SecretString::from)
    }

    fn required_secret(&mut self, key: &str) -> Option<SecretString> {
        let value = self.secret(key);
        if value.is_none() {
            self.problem(format!("{key} is required"));
        }
        value
    }

    fn parse<T: FromStr>(&mut self, key: &str, default: T) -> T {
        match self.text(key) {
            None => default,
            Some(raw) => raw.parse().unwrap_or_else(|_| {
                // The value is not echoed: a misplaced secret must not reach the logs.
                self.problem(format!("{key} has an invalid value"));
                default
            }),
        }
    }

    /// `{PREFIX}_HEADER_TIMEOUT_SECONDS` (10), `{PREFIX}_BODY_TIMEOUT_SECONDS` (30),
    /// `{PREFIX}_IDLE_TIMEOUT_SECONDS`, `{PREFIX}_MAX_CONNECTIONS_PER_IP`: all positive.
    fn connection_limits(&mut self, prefix: &str, idle: u64, per_ip: usize) -> ConnectionLimits {
        let mut seconds = |name: &str, default: u64| {
            let key = format!("{prefix}_{name}_TIMEOUT_SECONDS");
            let value: u64 = self.parse(&key, default);
            if value == 0 {
                self.problem(format!("{key} must be positive"));
            }
            Duration::from_secs(value.max(1))
        };
        let limits = ConnectionLimits {
            header_timeout: seconds("HEADER", 10),
            body_timeout: seconds("BODY", 30),
            idle_timeout: seconds("IDLE", idle),
            max_per_ip: 0,
        };
        let key = format!("{prefix}_MAX_CONNECTIONS_PER_IP");
        let max_per_ip = self.parse(&key, per_ip);
        if max_per_ip == 0 {
            self.problem(format!("{key} must be positive"));
        }
        ConnectionLimits {
            max_per_ip,
            ..limits
        }
    }

    fn url(&mut self, key: &str, default: &str) -> Url {
        let raw = self.text(key).unwrap_or_else(|| default.to_owned());
        match Url::parse(&raw) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => url,
            _ => {
                self.problem(format!("{key} must be an http(s) URL"));
                placeholder_url()
            }
        }
    }

    fn origins(&mut self, key: &str, list: &str) -> Vec<Origin> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .filter_map(|raw| match Origin::parse(raw) {
                Ok(origin) => Some(origin),
                Err(err) => {
                    self.problem(format!("{key}: `{raw}` {err}"));
                    None
                }
            })
            .collect()
    }
}

fn default_worker_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "worker".into());
    format!("{host}-{}", std::process::id())
}

/// Stands in for an invalid URL while the remaining variables are checked; the
/// config is rejected anyway, so it is never used.
#[allow(clippy::expect_used)]
fn placeholder_url() -> Url {
    Url::parse("http://invalid.localhost/").expect("a constant, valid URL")
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn webhooks_refuse_private_networks_unless_the_operator_allows_them() {
        let base = [
            ("DATABASE_URL", "postgres://x"),
            ("KREMNA_ENV", "development"),
        ];
        let off = load(&base).unwrap();
        assert!(!off.webhooks.allow_private_networks);
        assert_eq!(off.webhooks.timeout, Duration::from_secs(10));
        let on = load(&[base[0], base[1], ("WEBHOOK_ALLOW_PRIVATE_NETWORKS", "true")]).unwrap();
        assert!(on.webhooks.allow_private_networks);
        let err = load(&[
            base[0],
            base[1],
            ("WEBHOOK_ALLOW_PRIVATE_NETWORKS", "yes please"),
        ])
        .unwrap_err();
        assert!(
            err.0
                .iter()
                .any(|p| p.contains("WEBHOOK_ALLOW_PRIVATE_NETWORKS"))
        );
        let err = load(&[base[0], base[1], ("WEBHOOK_TIMEOUT_SECONDS", "0")]).unwrap_err();
        assert!(err.0.iter().any(|p| p.contains("WEBHOOK_TIMEOUT_SECONDS")));
    }

    #[test]
    fn a_socket_s_send_buffer_is_big_enough_for_a_busy_dashboard() {
        let base = [
            ("DATABASE_URL", "postgres://x"),
            ("KREMNA_ENV", "development"),
        ];
        // socketioxide's own default (128) dropped final replies on watching dashboards.
        assert_eq!(load(&base).unwrap().realtime.socket_buffer, 2_048);
        for bad in ["0", "8", "100000"] {
            let err = load(&[base[0], base[1], ("REALTIME_SOCKET_BUFFER", bad)]).unwrap_err();
            assert!(
                err.0.iter().any(|p| p.contains("REALTIME_SOCKET_BUFFER")),
                "{bad}"
            );
        }
    }

    #[test]
    fn production_requires_a_long_jwt_secret() {
        let err = load(&[("DATABASE_URL", "postgres://x")]).unwrap_err();
        assert!(err.0.iter().any(|p| p.contains("JWT_SECRET is required")));

        let err = load(&[("DATABASE_URL", "postgres://x"), ("JWT_SECRET", "short")]).unwrap_err();
        assert!(err.0.iter().any(|p| p.contains("at least 32 bytes")));

        let ok = load(&[
            ("DATABASE_URL", "postgres://x"),
            ("JWT_SECRET", "0123456789abcdef0123456789abcdef"),
        ])
        .unwrap();
        assert_eq!(ok.environment, Environment::Production);
        assert_eq!(ok.http.port, 3000);
        assert_eq!(ok.realtime.port, 3001);
    }

    #[test]
    fn development_may_run_without_a_secret() {
        let cfg = load(&[
            ("DATABASE_URL", "postgres://x"),
            ("KREMNA_ENV", "development"),
        ])
        .unwrap();
        assert!(cfg.is_development());
        assert_eq!(cfg.log.format, LogFormat::Pretty);
    }

    #[test]
    fn every_problem_is_reported_at_once_and_secrets_never_print() {
        let err = load(&[
            ("PORT", "seventy"),
            ("JWT_SECRET", "tiny-secret-value"),
            ("CORS_ALLOWED_ORIGINS", "https://ok.example, not an origin"),
        ])
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("DATABASE_URL is required"));
        assert!(text.contains("PORT has an invalid value"));
        assert!(text.contains("CORS_ALLOWED_ORIGINS"));
        assert!(!text.contains("tiny-secret-value"));

        let cfg = load(&[
            ("DATABASE_URL", "postgres://app:hunter2@db/kremna"),
            ("JWT_SECRET", "0123456789abcdef0123456789abcdef-secret"),
            ("MISTRAL_API_KEY", "mistral-key-value"),
        ])
        .unwrap();
        let debug = format!("{cfg:?}");
        assert!(!debug.contains("hunter2"));
        assert!(!debug.contains("0123456789abcdef0123456789abcdef-secret"));
        assert!(!debug.contains("mistral-key-value"));
    }

    #[test]
    fn the_demo_responder_is_never_a_silent_production_fallback() {
        let secret = ("JWT_SECRET", "0123456789abcdef0123456789abcdef");
        let dev = load(&[
            ("DATABASE_URL", "postgres://x"),
            ("KREMNA_ENV", "development"),
        ])
        .unwrap();
        assert!(matches!(dev.reply_provider(), Ok(ProviderSettings::Demo)));

        let prod = load(&[("DATABASE_URL", "postgres://x"), secret]).unwrap();
        assert!(matches!(prod.provider, ProviderChoice::MistralWithoutKey));
        assert!(prod.reply_provider().is_err());

        let keyed = load(&[
            ("DATABASE_URL", "postgres://x"),
            secret,
            ("MISTRAL_API_KEY", "k"),
        ])
        .unwrap();
        assert!(matches!(
            keyed.reply_provider(),
            Ok(ProviderSettings::Mistral(_))
        ));
        let compatible = load(&[
            ("DATABASE_URL", "postgres://x"),
            secret,
            ("MISTRAL_BASE_URL", "http://vllm:8000"),
        ])
        .unwrap();
        assert!(compatible.reply_provider().is_ok());
        let demo = load(&[
            ("DATABASE_URL", "postgres://x"),
            secret,
            ("REPLY_PROVIDER", "demo"),
        ])
        .unwrap();
        assert!(matches!(demo.reply_provider(), Ok(ProviderSettings::Demo)));
    }
}
