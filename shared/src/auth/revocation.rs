//! Telling every realtime node that someone's dashboard access ended or changed, so their
//! open `/agents` sockets are re-checked (and dropped) within moments instead of at the
//! node's next periodic re-check.
//!
//! Whoever changes access publishes a [`Revocation`] with [`publish`] after committing:
//! the API on sign-out and "sign out everywhere", and any route that removes a member,
//! changes a role or deletes an account. Each realtime node listens with [`listen`]. The
//! message is a hint, not the source of truth: a node re-reads membership and token
//! state from Postgres before it keeps a socket, and re-checks every socket every few
//! seconds anyway, so a message lost while Redis is away only delays the disconnect.

use std::time::Duration;

use futures::StreamExt;
use redis::aio::ConnectionManager;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use uuid::Uuid;

use crate::{
    config::Config,
    ids::{TenantId, UserId},
};

/// Whose access to re-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Revocation {
    /// One access token was signed out: sockets that connected with it go.
    Token { tenant: TenantId, jti: Uuid },
    /// Every token of a user may be void (signed out everywhere, account deleted):
    /// the user's sockets in every workspace are re-checked.
    User { user: UserId },
    /// A user's membership of a workspace ended or changed (removed, role changed):
    /// the user's sockets in that workspace are re-checked.
    Member { tenant: TenantId, user: UserId },
}

impl Revocation {
    /// Whether a socket of `user` in `tenant`, connected with token `jti`, is affected.
    pub fn affects(&self, tenant: TenantId, user: UserId, jti: Uuid) -> bool {
        match *self {
            Self::Token { tenant: t, jti: j } => t == tenant && j == jti,
            Self::User { user: u } => u == user,
            Self::Member { tenant: t, user: u } => t == tenant && u == user,
        }
    }
}

/// The deployment's channel (every service of a deployment shares `REDIS_KEY_PREFIX`).
pub fn channel(redis_prefix: &str) -> String {
    format!("{redis_prefix}:revocations")
}

/// Announces `revocation` to every realtime node. Call it after the change is
/// committed. A failure is logged and returned; the nodes' periodic re-check still
/// catches the change within seconds.
pub async fn publish(
    redis: &ConnectionManager,
    redis_prefix: &str,
    revocation: Revocation,
) -> Result<(), redis::RedisError> {
    let body = serde_json::to_string(&revocation).unwrap_or_default();
    let result = redis::cmd("PUBLISH")
        .arg(channel(redis_prefix))
        .arg(body)
        .query_async::<i64>(&mut redis.clone())
        .await
        .map(drop);
    if let Err(err) = &result {
        tracing::warn!(%err, ?revocation, "revocation not announced; nodes re-check within seconds");
    }
    result
}

/// How long the listener waits before connecting again after Redis went away.
const RECONNECT_PAUSE: Duration = Duration::from_secs(1);

/// Subscribes to the deployment's revocations and forwards each to `out` until `out` is
/// closed; reconnects by itself when Redis goes away.
pub async fn listen(config: &Config, out: mpsc::Sender<Revocation>) {
    let channel = channel(&config.redis_prefix);
    let client = match redis::Client::open(config.redis_url.expose_secret()) {
        Ok(client) => client,
        Err(err) => {
            tracing::error!(%err, "revocations: bad REDIS_URL");
            return;
        }
    };
    while !out.is_closed() {
        match client.get_async_pubsub().await {
            Ok(mut pubsub) => {
                if let Err(err) = pubsub.subscribe(&channel).await {
                    tracing::warn!(%err, "revocations: subscribe failed");
                } else {
                    let mut messages = pubsub.on_message();
                    while let Some(msg) = messages.next().await {
                        let Ok(body) = msg.get_payload::<String>() else {
                            continue;
                        };
                        match serde_json::from_str::<Revocation>(&body) {
                            Ok(revocation) => {
                                if out.send(revocation).await.is_err() {
                                    return;
                                }
                            }
                            Err(err) => tracing::warn!(%err, "revocations: unreadable message"),
                        }
                    }
                    tracing::warn!("revocations: subscription ended; reconnecting");
                }
            }
            Err(err) => tracing::debug!(%err, "revocations: Redis unreachable"),
        }
        tokio::time::sleep(RECONNECT_PAUSE).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whom_it_names() {
        let (t, u, j) = (TenantId::new(), UserId::new(), Uuid::new_v4());
        let other = TenantId::new();
        assert!(Revocation::Token { tenant: t, jti: j }.affects(t, u, j));
        assert!(
            !Revocation::Token {
                tenant: t,
                jti: Uuid::new_v4()
            }
            .affects(t, u, j)
        );
        assert!(Revocation::User { user: u }.affects(other, u, j));
        assert!(
            !Revocation::User {
                user: UserId::new()
            }
            .affects(t, u, j)
        );
        assert!(Revocation::Member { tenant: t, user: u }.affects(t, u, j));
        assert!(
            !Revocation::Member {
                tenant: other,
                user: u
            }
            .affects(t, u, j)
        );
        let wire = serde_json::to_string(&Revocation::User { user: u }).unwrap();
        assert_eq!(
            serde_json::from_str::<Revocation>(&wire).unwrap(),
            Revocation::User { user: u }
        );
    }
}
