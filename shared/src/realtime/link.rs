//! The Socket.IO adapter's connection to Redis: a `socketioxide-redis` driver that
//! survives Redis going away.
//!
//! The driver that ships with `socketioxide-redis` holds one multiplexed connection for
//! the life of the process: after a Redis restart every publish fails with `broken pipe`
//! and its subscriptions are gone for good, and a node that falls more than a buffer's
//! worth of messages behind drops the rest without telling anyone. This one:
//!
//! * talks through a [`ConnectionManager`], which reconnects by itself, and subscribes
//!   again to every channel once it is back (the manager's own resubscription, then ours
//!   to be sure);
//! * knows whether the link works right now ([`LinkStatus::up`]): a watchdog pings every
//!   quarter second, and a dropped connection is noticed at once. While it is down a
//!   publish fails at once instead of waiting on a dead socket, and readiness says 503;
//! * counts the times messages may have been lost ([`LinkStatus::losses`]: an outage, or
//!   a subscriber that fell more than its buffer behind), so the node can send its
//!   visitors what they missed from Postgres ([`crate::realtime`] users subscribe with
//!   [`LinkHealth::watch`]).
//!
//! A broadcast still reaches every node (the adapter has one request channel per
//! namespace; it has no per-room channels to subscribe to), so the buffer bounds memory
//! and the loss count makes what overflows it recoverable.

use std::{
    collections::HashMap,
    fmt,
    sync::{
        Arc, RwLock, Weak,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use redis::{
    AsyncCommands, FromRedisValue, PushInfo, PushKind,
    aio::{ConnectionManager, ConnectionManagerConfig},
};
use socketioxide_redis::drivers::{ChanItem, Driver, MessageStream};
use tokio::{
    sync::{mpsc, watch},
    time::Instant,
};

/// How often the watchdog checks the link.
const WATCH_EVERY: Duration = Duration::from_millis(250);
/// A command that takes longer counts as a dead link.
const COMMAND_TIMEOUT: Duration = Duration::from_millis(500);
/// The longest pause between reconnection attempts.
const MAX_RECONNECT_DELAY: Duration = Duration::from_secs(1);
/// After a stall, an outage or a loss, how long the link must behave before the
/// watchdog trusts it again (a backlog read after a stall overflows a little later).
const SETTLE: Duration = Duration::from_secs(2);

/// What the link can do right now, and how often it may have lost messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkStatus {
    /// Connected, answering, and subscribed to every channel.
    pub up: bool,
    /// Bumped each time messages may have been lost: after an outage ends, and after a
    /// subscriber overflowed its buffer.
    pub losses: u64,
    /// For the latest loss: the last moment the link was known to miss nothing.
    /// Whatever was published since may be lost.
    pub lost_since: Instant,
}

#[derive(Debug)]
pub enum LinkError {
    /// The link is known to be down: the command was not even tried.
    Down,
    /// No answer in time.
    Timeout,
    Redis(redis::RedisError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Down => f.write_str("the Redis link is down"),
            Self::Timeout => f.write_str("Redis did not answer in time"),
            Self::Redis(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for LinkError {}

type Handlers = HashMap<String, mpsc::Sender<ChanItem>>;

/// What the push callback and the watchdog share with the driver.
struct Shared {
    handlers: RwLock<Handlers>,
    status: watch::Sender<LinkStatus>,
    /// A message was dropped since the watchdog last looked.
    dropped: AtomicBool,
}

impl Shared {
    fn set_up(&self, up: bool) {
        self.status.send_if_modified(|s| {
            let changed = s.up != up;
            s.up = up;
            changed
        });
    }

    fn count_loss(&self, since: Instant) {
        self.status.send_modify(|s| {
            s.losses += 1;
            s.lost_since = since;
        });
    }

    /// Called by the connection for every push: subscribed messages and disconnections.
    fn on_push(&self, push: PushInfo) {
        match push.kind {
            PushKind::Message | PushKind::SMessage => {
                let mut data = push.data.into_iter();
                let (Some(chan), Some(body)) = (data.next(), data.next()) else {
                    return;
                };
                let (Ok(chan), Ok(body)) = (
                    String::from_redis_value(chan),
                    Vec::<u8>::from_redis_value(body),
                ) else {
                    tracing::warn!("unreadable message from Redis");
                    return;
                };
                let handlers = self.handlers.read().unwrap_or_else(|e| e.into_inner());
                if let Some(tx) = handlers.get(&chan)
                    && tx.try_send((chan, body)).is_err()
                {
                    // Too far behind: the message is dropped, but not silently — the
                    // watchdog counts a loss, and the node replays from Postgres.
                    if !self.dropped.swap(true, Ordering::Relaxed) {
                        tracing::warn!("the Socket.IO adapter fell behind; dropping messages");
                    }
                }
            }
            PushKind::Disconnection => {
                tracing::warn!("the Socket.IO adapter lost its Redis connection");
                self.set_up(false);
            }
            _ => {}
        }
    }
}

/// A `socketioxide-redis` driver that reconnects, resubscribes and reports its health.
#[derive(Clone)]
pub struct RedisLink {
    conn: ConnectionManager,
    shared: Arc<Shared>,
    buffer: usize,
}

/// A handle on the link's status, for readiness and for the code that recovers losses.
#[derive(Clone)]
pub struct LinkHealth {
    status: watch::Receiver<LinkStatus>,
}

impl LinkHealth {
    pub fn status(&self) -> LinkStatus {
        *self.status.borrow()
    }

    pub fn is_up(&self) -> bool {
        self.status().up
    }

    /// A receiver that wakes on every change (up, down, a loss).
    pub fn watch(&self) -> watch::Receiver<LinkStatus> {
        self.status.clone()
    }

    /// Waits until the link is up, for at most `limit`; whether it is.
    pub async fn wait_up(&self, limit: Duration) -> bool {
        let mut status = self.status.clone();
        tokio::time::timeout(limit, status.wait_for(|s| s.up))
            .await
            .is_ok_and(|r| r.is_ok())
    }
}

impl RedisLink {
    /// Connects (failing if Redis does not answer now) and starts the watchdog.
    /// `buffer` is how many messages a subscriber may fall behind before they are
    /// dropped and counted as a loss.
    pub async fn connect(client: redis::Client, buffer: usize) -> redis::RedisResult<Self> {
        Self::start(client, buffer, false).await
    }

    /// Like [`RedisLink::connect`], but starts without Redis: the link is down until the
    /// watchdog reaches Redis and subscribes to what was registered meanwhile. For a
    /// process that must start (and say it is not ready) while Redis is away.
    pub async fn connect_later(client: redis::Client, buffer: usize) -> redis::RedisResult<Self> {
        Self::start(client, buffer, true).await
    }

    async fn start(client: redis::Client, buffer: usize, later: bool) -> redis::RedisResult<Self> {
        let (status, _) = watch::channel(LinkStatus {
            up: !later,
            losses: 0,
            lost_since: Instant::now(),
        });
        let shared = Arc::new(Shared {
            handlers: RwLock::new(HashMap::new()),
            status,
            dropped: AtomicBool::new(false),
        });
        let weak = Arc::downgrade(&shared);
        let on_push = move |push: PushInfo| {
            if let Some(shared) = weak.upgrade() {
                shared.on_push(push);
            }
            Ok::<(), std::convert::Infallible>(())
        };
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(COMMAND_TIMEOUT))
            .set_response_timeout(Some(COMMAND_TIMEOUT))
            .set_max_delay(MAX_RECONNECT_DELAY)
            .set_push_sender(on_push)
            .set_automatic_resubscription();
        let conn = if later {
            ConnectionManager::new_lazy_with_config(client, config)?
        } else {
            ConnectionManager::new_with_config(client, config).await?
        };
        tokio::spawn(watchdog(conn.clone(), Arc::downgrade(&shared)));
        Ok(Self {
            conn,
            shared,
            buffer: buffer.max(1),
        })
    }

    pub fn health(&self) -> LinkHealth {
        LinkHealth {
            status: self.shared.status.subscribe(),
        }
    }

    fn check_up(&self) -> Result<(), LinkError> {
        if self.shared.status.borrow().up {
            Ok(())
        } else {
            Err(LinkError::Down)
        }
    }
}

/// Bounds a command; a command that hangs marks the link down at once, so the next
/// caller fails fast instead of waiting too (the watchdog brings it back).
async fn bounded<T>(
    shared: &Shared,
    command: impl Future<Output = redis::RedisResult<T>>,
) -> Result<T, LinkError> {
    match tokio::time::timeout(COMMAND_TIMEOUT, command).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => {
            if err.is_unrecoverable_error() || err.is_timeout() {
                shared.set_up(false);
            }
            Err(LinkError::Redis(err))
        }
        Err(_) => {
            shared.set_up(false);
            Err(LinkError::Timeout)
        }
    }
}

/// Keeps the status true: pings, and when the link comes back, subscribes to every
/// channel again before calling it up. Counts a loss for an outage and for dropped
/// messages, with the last moment everything was surely received: a tick that came
/// late means this process was stalled, and the link is trusted again only after it
/// has behaved for [`SETTLE`]. Ends when the driver is gone.
async fn watchdog(mut conn: ConnectionManager, shared: Weak<Shared>) {
    let mut tick = tokio::time::interval(WATCH_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut synced = Instant::now();
    let mut previous = Instant::now();
    let mut trusted_from = Instant::now();
    loop {
        tick.tick().await;
        let now = Instant::now();
        if now.duration_since(previous) > 4 * WATCH_EVERY {
            trusted_from = now + SETTLE;
        }
        previous = now;
        let Some(shared) = shared.upgrade() else {
            return;
        };
        let answered = tokio::time::timeout(
            COMMAND_TIMEOUT,
            redis::cmd("PING").query_async::<String>(&mut conn),
        )
        .await
        .is_ok_and(|r| r.is_ok());
        if !answered {
            shared.set_up(false);
            trusted_from = Instant::now() + SETTLE;
            continue;
        }
        let mut lost = false;
        if !shared.status.borrow().up {
            let channels: Vec<String> = shared
                .handlers
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .keys()
                .cloned()
                .collect();
            let resubscribed = channels.is_empty()
                || tokio::time::timeout(COMMAND_TIMEOUT, conn.subscribe(&channels))
                    .await
                    .is_ok_and(|r| r.is_ok());
            if !resubscribed {
                continue;
            }
            tracing::info!(
                channels = channels.len(),
                "the Socket.IO adapter is connected to Redis again"
            );
            shared.set_up(true);
            // Whatever was published while we were away never reached us.
            lost = true;
        }
        if shared.dropped.swap(false, Ordering::Relaxed) {
            lost = true;
        }
        if lost {
            shared.count_loss(synced);
            trusted_from = Instant::now() + SETTLE;
        } else if now >= trusted_from {
            synced = now;
        }
    }
}

impl Driver for RedisLink {
    type Error = LinkError;

    async fn publish(&self, chan: String, val: Vec<u8>) -> Result<(), Self::Error> {
        self.check_up()?;
        let mut conn = self.conn.clone();
        bounded(&self.shared, conn.publish::<_, _, redis::Value>(chan, val))
            .await
            .map(drop)
    }

    async fn subscribe(
        &self,
        chan: String,
        _size: usize,
    ) -> Result<MessageStream<ChanItem>, Self::Error> {
        let (tx, rx) = mpsc::channel(self.buffer);
        // Registered first: the watchdog resubscribes to whatever is registered.
        self.shared
            .handlers
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(chan.clone(), tx);
        if !self.shared.status.borrow().up {
            // Redis is away: the watchdog subscribes to it when the link comes back.
            return Ok(MessageStream::new(rx));
        }
        let mut conn = self.conn.clone();
        if let Err(err) = bounded(&self.shared, conn.subscribe(chan.as_str())).await {
            self.shared
                .handlers
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&chan);
            return Err(err);
        }
        Ok(MessageStream::new(rx))
    }

    async fn unsubscribe(&self, chan: String) -> Result<(), Self::Error> {
        self.shared
            .handlers
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&chan);
        let mut conn = self.conn.clone();
        bounded(&self.shared, conn.unsubscribe(chan.as_str())).await
    }

    async fn num_serv(&self, chan: &str) -> Result<u16, Self::Error> {
        self.check_up()?;
        let mut conn = self.conn.clone();
        let (_, count): (String, u16) = bounded(
            &self.shared,
            redis::cmd("PUBSUB")
                .arg("NUMSUB")
                .arg(chan)
                .query_async(&mut conn),
        )
        .await?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> Shared {
        let (status, _) = watch::channel(LinkStatus {
            up: true,
            losses: 0,
            lost_since: Instant::now(),
        });
        Shared {
            handlers: RwLock::new(HashMap::new()),
            status,
            dropped: AtomicBool::new(false),
        }
    }

    fn message(chan: &str, body: &str) -> PushInfo {
        PushInfo {
            kind: PushKind::Message,
            data: vec![
                redis::Value::BulkString(chan.into()),
                redis::Value::BulkString(body.into()),
            ],
        }
    }

    #[test]
    fn messages_reach_their_channel_and_overflow_is_remembered() {
        let shared = shared();
        let (tx, mut rx) = mpsc::channel(1);
        shared
            .handlers
            .write()
            .unwrap()
            .insert("chan".to_owned(), tx);
        shared.on_push(message("chan", "one"));
        assert_eq!(rx.try_recv().unwrap(), ("chan".to_owned(), b"one".to_vec()));
        assert!(!shared.dropped.load(Ordering::Relaxed));

        shared.on_push(message("chan", "two"));
        shared.on_push(message("chan", "three"));
        assert!(
            shared.dropped.load(Ordering::Relaxed),
            "a full buffer is a loss to recover, not a silent drop"
        );
    }

    #[test]
    fn a_disconnection_takes_the_link_down() {
        let shared = shared();
        let health = LinkHealth {
            status: shared.status.subscribe(),
        };
        assert!(health.is_up());
        shared.on_push(PushInfo {
            kind: PushKind::Disconnection,
            data: vec![],
        });
        assert!(!health.is_up());
    }
}
