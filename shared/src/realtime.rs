//! The Socket.IO side shared by the realtime nodes and the worker.
//!
//! Every node builds its `SocketIo` on the Redis adapter, so `io.to(room).emit(..)` from
//! any process reaches sockets on every node. The worker uses the same adapter with no
//! HTTP listener (the emitter pattern) to stream replies into chat rooms.

use std::{
    sync::{Arc, OnceLock},
    time::Duration,
};

use secrecy::ExposeSecret;
use serde::Serialize;
use socketioxide::{SocketIo, adapter::Emitter};
use socketioxide_redis::{RedisAdapterConfig, RedisAdapterCtr, drivers::redis::RedisDriver};

use crate::{
    chat::Posted,
    config::Config,
    error_code::ErrorCode,
    events::{
        AGENTS_NS, ChatOpenedPayload, DeltaPayload, ErrorEvent, MessagePayload, RefusalBody,
        TypingPayload, WIDGET_NS, chat_room, names, tenant_room, watch_room,
    },
    ids::{ChatId, TenantId},
};

pub type Adapter = socketioxide_redis::RedisAdapter<Emitter>;
pub type Io = SocketIo<Adapter>;

/// The adapter constructor for this deployment's Redis and channel prefix.
pub async fn adapter(config: &Config) -> redis::RedisResult<RedisAdapterCtr<RedisDriver>> {
    let client = redis::Client::open(config.redis_url.expose_secret())?;
    RedisAdapterCtr::new_with_redis_config(
        &client,
        RedisAdapterConfig::new()
            .with_prefix(format!("{}-io", config.redis_prefix))
            .with_request_timeout(Duration::from_secs(3)),
    )
    .await
}

/// Emits the protocol's server events to the right rooms of both namespaces. One per
/// process, shared by every handler (cheap to clone).
///
/// A realtime node needs it in its socket state before the `SocketIo` exists (the
/// builder takes the state), so it can be made [`Broadcaster::detached`] and given the
/// `SocketIo` once built ([`Broadcaster::attach`]).
#[derive(Clone)]
pub struct Broadcaster {
    io: Arc<OnceLock<Io>>,
}

impl Broadcaster {
    pub fn new(io: Io) -> Self {
        let broadcaster = Self::detached();
        broadcaster.attach(io);
        broadcaster
    }

    /// A broadcaster whose `SocketIo` comes later.
    pub fn detached() -> Self {
        Self {
            io: Arc::new(OnceLock::new()),
        }
    }

    /// Gives a detached broadcaster its `SocketIo` (the first one given wins).
    pub fn attach(&self, io: Io) {
        if self.io.set(io).is_err() {
            tracing::warn!("broadcaster attached twice; keeping the first SocketIo");
        }
    }

    async fn emit<T: Serialize + ?Sized>(
        &self,
        ns: &str,
        room: String,
        event: &'static str,
        data: &T,
    ) {
        let Some(io) = self.io.get() else {
            tracing::error!(event, "broadcast before the SocketIo was attached");
            return;
        };
        let Some(ops) = io.of(ns) else {
            tracing::error!(ns, "namespace not registered");
            return;
        };
        if let Err(err) = ops.to(room).emit(event, data).await {
            // A broadcast reaches every node through Redis; if Redis is briefly gone the
            // event is lost, but the message is stored and a resuming widget replays it.
            tracing::warn!(%err, event, "broadcast failed");
        }
    }

    /// A message just posted into a chat ([`crate::chat::post_message`]); nothing when
    /// it had been posted before.
    pub async fn posted(&self, posted: &Posted) {
        if posted.created {
            self.new_message(posted.tenant, &posted.message).await;
        }
    }

    /// A whole message: to the chat's widgets and to the tenant's dashboards.
    pub async fn new_message(&self, tenant: TenantId, message: &MessagePayload) {
        tokio::join!(
            self.emit(
                WIDGET_NS,
                chat_room(message.chat_id),
                names::NEW_MESSAGE,
                message
            ),
            self.emit(AGENTS_NS, tenant_room(tenant), names::NEW_MESSAGE, message),
        );
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
    pub async fn chat_error(&self, chat: ChatId, code: ErrorCode, message: &str) {
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
