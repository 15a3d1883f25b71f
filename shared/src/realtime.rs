//! The Socket.IO side shared by the realtime nodes and the worker.
//!
//! Every node builds its `SocketIo` on the Redis adapter, so `io.to(room).emit(..)` from
//! any process reaches sockets on every node. The worker uses the same adapter with no
//! HTTP listener (the emitter pattern) to stream replies into chat rooms.
//!
//! The adapter talks to Redis through [`RedisLink`], which reconnects and resubscribes by
//! itself and reports its health ([`LinkHealth`]): readiness, fast failure while Redis is
//! gone, and the count of possible losses a node recovers from Postgres.

pub mod feed;
pub mod link;

use std::{
    sync::{Arc, OnceLock},
    time::Duration,
};

use futures::future::BoxFuture;
use secrecy::ExposeSecret;
use serde::Serialize;
use socketioxide::{SocketIo, adapter::Emitter};
use socketioxide_redis::{CustomRedisAdapter, RedisAdapterConfig, RedisAdapterCtr};

pub use feed::{ChatFeed, FeedEvent};
pub use link::{LinkHealth, LinkStatus, RedisLink};

use crate::{
    chat::{Posted, StateChanged},
    config::Config,
    error_code::ErrorCode,
    events::{
        AGENTS_NS, ChatOpenedPayload, ChatStateChangedPayload, DeltaPayload, ErrorEvent,
        MessagePayload, RefusalBody, TypingPayload, VisitorChatState, VisitorEmailPayload,
        WIDGET_NS, chat_room, names, tenant_room, watch_room,
    },
    health::Probe,
    ids::{ChatId, TenantId},
};

pub type Adapter = CustomRedisAdapter<Emitter, RedisLink>;
pub type Io = SocketIo<Adapter>;

/// How long a final message whose broadcast failed is kept for another try: a Redis
/// restart takes seconds; beyond this, widgets get it when they next resume.
const FINAL_RETRY_FOR: Duration = Duration::from_secs(120);

/// The adapter constructor for this deployment's Redis and channel prefix, and the
/// health of its link.
pub async fn adapter(
    config: &Config,
) -> redis::RedisResult<(RedisAdapterCtr<RedisLink>, LinkHealth)> {
    adapter_with(config, false).await
}

async fn adapter_with(
    config: &Config,
    later: bool,
) -> redis::RedisResult<(RedisAdapterCtr<RedisLink>, LinkHealth)> {
    let client = redis::Client::open(config.redis_url.expose_secret())?;
    let link = if later {
        RedisLink::connect_later(client, config.realtime.adapter_buffer).await?
    } else {
        RedisLink::connect(client, config.realtime.adapter_buffer).await?
    };
    let health = link.health();
    let ctr = RedisAdapterCtr::new_with_driver(
        link,
        RedisAdapterConfig::new()
            .with_prefix(format!("{}-io", config.redis_prefix))
            .with_request_timeout(Duration::from_secs(3)),
    );
    Ok((ctr, health))
}

/// Readiness of the adapter's link: connected to Redis and subscribed.
/// A broadcaster for a process that sends events but holds no sockets (the worker, the
/// API): the same `SocketIo` and Redis adapter as the realtime nodes, without a listener.
pub async fn emitter(config: &Config) -> anyhow::Result<(Broadcaster, LinkHealth)> {
    emitter_with(config, false).await
}

/// An emitter for a process that must start while Redis is down (the API: it answers
/// `/readyz` 503 meanwhile, and broadcasts fail fast until the link is back).
pub async fn emitter_starting_without_redis(
    config: &Config,
) -> anyhow::Result<(Broadcaster, LinkHealth)> {
    match emitter_with(config, false).await {
        Ok(emitter) => Ok(emitter),
        Err(err) => {
            tracing::warn!(error = %format!("{err:#}"), "Redis is not answering; starting without it");
            emitter_with(config, true).await
        }
    }
}

async fn emitter_with(config: &Config, later: bool) -> anyhow::Result<(Broadcaster, LinkHealth)> {
    use anyhow::Context;
    let (adapter, link) = adapter_with(config, later)
        .await
        .context("connecting the Socket.IO Redis adapter (REDIS_URL, Redis >= 7)")?;
    let (_unused_service, io) = SocketIo::builder()
        .with_adapter::<Adapter>(adapter)
        .build_svc();
    io.ns(WIDGET_NS, async || {})
        .await
        .context("widget namespace")?;
    io.ns(AGENTS_NS, async || {})
        .await
        .context("agents namespace")?;
    let feed = ChatFeed::new(config)?;
    Ok((Broadcaster::new(io, link.clone()).with_feed(feed), link))
}

impl Probe for LinkHealth {
    fn name(&self) -> &'static str {
        "realtime_adapter"
    }

    fn check(&self) -> BoxFuture<'_, Result<(), String>> {
        let up = self.is_up();
        Box::pin(async move {
            if up {
                Ok(())
            } else {
                Err("the Socket.IO adapter has no working Redis link".into())
            }
        })
    }
}

/// Emits the protocol's server events to the right rooms of both namespaces. One per
/// process, shared by every handler (cheap to clone).
///
/// A realtime node needs it in its socket state before the `SocketIo` exists (the
/// builder takes the state), so it can be made [`Broadcaster::detached`] and given the
/// `SocketIo` once built ([`Broadcaster::attach`]).
///
/// A whole message is never given up on a failed broadcast: it is sent again once the
/// adapter's link is back (clients keep one per id), and a node that lost broadcasts
/// replays final messages to its visitors from Postgres (`kremna-realtime`). Deltas and
/// typing states are not retried: the final message supersedes them.
#[derive(Clone)]
pub struct Broadcaster {
    io: Arc<OnceLock<Io>>,
    link: LinkHealth,
    /// Every event into a chat's room, also for listeners without sockets (the
    /// conversation API's streams).
    feed: Option<ChatFeed>,
}

impl Broadcaster {
    pub fn new(io: Io, link: LinkHealth) -> Self {
        let broadcaster = Self::detached(link);
        broadcaster.attach(io);
        broadcaster
    }

    /// A broadcaster whose `SocketIo` comes later.
    pub fn detached(link: LinkHealth) -> Self {
        Self {
            io: Arc::new(OnceLock::new()),
            link,
            feed: None,
        }
    }

    /// Also publishes each chat's events on its feed ([`ChatFeed`]).
    pub fn with_feed(mut self, feed: ChatFeed) -> Self {
        self.feed = Some(feed);
        self
    }

    async fn to_feed(&self, chat: ChatId, event: impl FnOnce() -> FeedEvent) {
        if let Some(feed) = &self.feed {
            feed.publish(chat, &event()).await;
        }
    }

    /// Gives a detached broadcaster its `SocketIo` (the first one given wins).
    pub fn attach(&self, io: Io) {
        if self.io.set(io).is_err() {
            tracing::warn!("broadcaster attached twice; keeping the first SocketIo");
        }
    }

    /// The chats' feeds, when this broadcaster publishes them.
    pub fn feed(&self) -> Option<&ChatFeed> {
        self.feed.as_ref()
    }

    /// The health of the adapter's link to Redis.
    pub fn link(&self) -> &LinkHealth {
        &self.link
    }

    /// Whether the event went out (to Redis and this process's sockets).
    async fn emit<T: Serialize + ?Sized>(
        &self,
        ns: &str,
        room: String,
        event: &'static str,
        data: &T,
    ) -> bool {
        let Some(io) = self.io.get() else {
            tracing::error!(event, "broadcast before the SocketIo was attached");
            return false;
        };
        let Some(ops) = io.of(ns) else {
            tracing::error!(ns, "namespace not registered");
            return false;
        };
        match ops.to(room).emit(event, data).await {
            Ok(()) => true,
            Err(err) => {
                tracing::debug!(%err, event, "broadcast failed");
                false
            }
        }
    }

    /// A message just posted into a chat ([`crate::chat::post_message`]); nothing when
    /// it had been posted before.
    pub async fn posted(&self, posted: &Posted) {
        // A chat its first message created: the inbox entry comes before the message.
        if let Some(opened) = &posted.opened {
            self.chat_opened(posted.tenant, opened).await;
        }
        if posted.created {
            self.new_message(posted.tenant, &posted.message).await;
        }
        if let Some(change) = &posted.state_change {
            self.state_changed(change, None).await;
        }
    }

    /// A chat's handoff state changed: the tenant's dashboards get the whole change
    /// (`chat_state_changed`), the visitor gets who answers now (`chat_state`), with
    /// `offline_message` when a person was asked for and nobody is online.
    pub async fn state_changed(&self, change: &StateChanged, offline_message: Option<&str>) {
        let dashboards = ChatStateChangedPayload::from(change);
        let visitor = VisitorChatState {
            chat_id: change.chat,
            state: change.event.to_state,
            agent_name: change.event.assignee_name.clone(),
            offline_message: offline_message.map(str::to_owned),
        };
        tokio::join!(
            self.emit(
                AGENTS_NS,
                tenant_room(change.tenant),
                names::CHAT_STATE_CHANGED,
                &dashboards,
            ),
            self.emit(
                WIDGET_NS,
                chat_room(change.chat),
                names::CHAT_STATE,
                &visitor
            ),
            self.to_feed(change.chat, || FeedEvent::State((&visitor).into())),
        );
    }

    /// A whole message: to the chat's widgets and to the tenant's dashboards. If the
    /// broadcast fails (Redis is gone), it is sent again in the background once the link
    /// is back.
    pub async fn new_message(&self, tenant: TenantId, message: &MessagePayload) {
        if self.send_whole(tenant, message).await {
            return;
        }
        tracing::warn!(
            chat_id = %message.chat_id,
            message_id = %message.id,
            "new_message not broadcast (Redis link down); sending it once the link is back"
        );
        let (broadcaster, message) = (self.clone(), message.clone());
        tokio::spawn(async move {
            let deadline = tokio::time::Instant::now() + FINAL_RETRY_FOR;
            let mut pause = Duration::from_millis(100);
            while tokio::time::Instant::now() < deadline {
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                if broadcaster.link.wait_up(left).await
                    && broadcaster.send_whole(tenant, &message).await
                {
                    tracing::info!(message_id = %message.id, "new_message sent after the outage");
                    return;
                }
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
            }
            tracing::warn!(
                message_id = %message.id,
                "new_message never broadcast; widgets get it when they resume"
            );
        });
    }

    /// Both rooms at once; whether both broadcasts went out.
    async fn send_whole(&self, tenant: TenantId, message: &MessagePayload) -> bool {
        let (widgets, dashboards, ()) = tokio::join!(
            self.emit(
                WIDGET_NS,
                chat_room(message.chat_id),
                names::NEW_MESSAGE,
                message
            ),
            self.emit(AGENTS_NS, tenant_room(tenant), names::NEW_MESSAGE, message),
            self.to_feed(message.chat_id, || FeedEvent::Message(message.into())),
        );
        widgets && dashboards
    }

    /// A piece of a streaming reply: to the chat's widgets and to dashboards watching it.
    pub async fn delta(&self, delta: &DeltaPayload) {
        tokio::join!(
            self.emit(
                WIDGET_NS,
                chat_room(delta.chat_id),
                names::MESSAGE_DELTA,
                delta
            ),
            self.emit(
                AGENTS_NS,
                watch_room(delta.chat_id),
                names::MESSAGE_DELTA,
                delta
            ),
            self.to_feed(delta.chat_id, || FeedEvent::Delta(delta.into())),
        );
    }

    pub async fn typing(&self, tenant: TenantId, typing: &TypingPayload) {
        tokio::join!(
            self.emit(
                WIDGET_NS,
                chat_room(typing.chat_id),
                names::ASSISTANT_TYPING,
                typing
            ),
            self.emit(
                AGENTS_NS,
                tenant_room(tenant),
                names::ASSISTANT_TYPING,
                typing
            ),
            self.to_feed(typing.chat_id, || FeedEvent::Typing(typing.into())),
        );
    }

    /// A new chat, for the tenant's dashboards.
    pub async fn chat_opened(&self, tenant: TenantId, chat: &ChatOpenedPayload) {
        #[derive(Serialize)]
        struct Wrapped<'a> {
            chat: &'a ChatOpenedPayload,
        }
        self.emit(
            AGENTS_NS,
            tenant_room(tenant),
            names::CHAT_STARTED,
            &Wrapped { chat },
        )
        .await;
    }

    /// A failure for the chat's widgets (`error` event with the chat's id).
    /// Whether any member of the tenant has the dashboard open (an `/agents` socket on
    /// any node: the adapter asks every node through Redis). When the question cannot be
    /// answered, says yes: the visitor then waits for a person rather than being told
    /// wrongly that nobody is there.
    pub async fn members_online(&self, tenant: TenantId) -> bool {
        let Some(ops) = self.io.get().and_then(|io| io.of(AGENTS_NS)) else {
            return true;
        };
        match ops.to(tenant_room(tenant)).fetch_sockets().await {
            Ok(sockets) => !sockets.is_empty(),
            Err(err) => {
                tracing::warn!(%err, "could not ask the nodes who is online");
                true
            }
        }
    }

    /// What a visitor waiting for a person is told: the assistant's `offline_message`
    /// when it has one and no member of `tenant` is online, else nothing.
    pub async fn offline_notice<'a>(
        &self,
        tenant: TenantId,
        offline_message: &'a str,
    ) -> Option<&'a str> {
        if offline_message.trim().is_empty() || self.members_online(tenant).await {
            None
        } else {
            Some(offline_message)
        }
    }

    /// Announces a handoff request: with the assistant's `offline_message` to the visitor
    /// when it has one and no member is online. Returns what the visitor was told.
    pub async fn handoff_requested<'a>(
        &self,
        change: &StateChanged,
        offline_message: &'a str,
    ) -> Option<&'a str> {
        let offline = self.offline_notice(change.tenant, offline_message).await;
        self.state_changed(change, offline).await;
        offline
    }

    /// A visitor left an e-mail address on a chat: for the tenant's dashboards.
    pub async fn visitor_email(&self, tenant: TenantId, left: &VisitorEmailPayload) {
        self.emit(AGENTS_NS, tenant_room(tenant), names::VISITOR_EMAIL, left)
            .await;
    }

    pub async fn chat_error(&self, chat: ChatId, code: ErrorCode, message: &str) {
        self.to_feed(chat, || {
            FeedEvent::Error(feed::FeedError {
                chat_id: chat,
                code,
                message: message.to_owned(),
            })
        })
        .await;
        self.emit(
            WIDGET_NS,
            chat_room(chat),
            names::ERROR,
            &ErrorEvent {
                error: RefusalBody {
                    code,
                    message: message.to_owned(),
                    retry_after: None,
                },
                event: None,
                chat_id: Some(chat),
            },
        )
        .await;
    }
}
