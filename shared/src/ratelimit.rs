//! Fixed-window counters in Redis, shared by every node of a service.
//!
//! What is counted is a [`Bucket`]: a closed set, so every limit in the product is listed
//! here, and personal data in a key (an e-mail, an address) is always hashed.

use std::{net::IpAddr, time::Duration};

use redis::{Script, aio::ConnectionManager};

use crate::{domain::email::Email, ids::TenantId};

/// Something counted against a limit.
#[derive(Debug, Clone, Copy)]
pub enum Bucket<'a> {
    /// Failed sign-ins for one e-mail address, from anywhere: never refuses, only slows
    /// every attempt down (so an attacker cannot lock the owner out).
    LoginEmail(&'a Email),
    /// Sign-in attempts for one e-mail address from one client address: the tight limit.
    LoginEmailFromIp(&'a Email, IpAddr),
    /// Sign-in attempts from one client address, whatever the e-mail.
    LoginIp(IpAddr),
    /// Accounts registered from one client address.
    RegistrationsFromIp(IpAddr),
    /// Chats opened from one client address.
    ChatsFromIp(IpAddr),
    /// Messages from one visitor of a tenant.
    VisitorMessages { tenant: TenantId, visitor: &'a str },
    /// Replies a tenant's visitors ask for (a spend guard).
    TenantReplies(TenantId),
}

impl Bucket<'_> {
    /// The Redis key's tail: stable, and with personal data hashed.
    fn key(&self) -> String {
        match self {
            Self::LoginEmail(email) => hashed("login:email", email.as_str()),
            Self::LoginEmailFromIp(email, ip) => {
                hashed("login:email-ip", &format!("{}|{ip}", email.as_str()))
            }
            Self::LoginIp(ip) => hashed("login:ip", &ip.to_string()),
            Self::RegistrationsFromIp(ip) => hashed("register:ip", &ip.to_string()),
            Self::ChatsFromIp(ip) => hashed("chats:ip", &ip.to_string()),
            Self::VisitorMessages { tenant, visitor } => {
                hashed("msg:visitor", &format!("{tenant}:{visitor}"))
            }
            Self::TenantReplies(tenant) => format!("reply:tenant:{tenant}"),
        }
    }
}

/// At most `max` hits per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window: Duration,
}

impl Limit {
    pub const fn per_minute(max: u32) -> Self {
        Self {
            max,
            window: Duration::from_secs(60),
        }
    }

    pub const fn per_hour(max: u32) -> Self {
        Self {
            max,
            window: Duration::from_secs(3600),
        }
    }
}

/// Counts one hit and reports whether it is within `limit` for the current window.
#[derive(Clone)]
pub struct RateLimiter {
    redis: ConnectionManager,
    prefix: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed { remaining: u32 },
    Limited { retry_after: Duration },
}

/// INCR and set the window's expiry atomically (a crash between the two must not leave
/// a counter that never expires).
const HIT: &str = r"
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
";

impl RateLimiter {
    /// `prefix` namespaces the keys (one per deployment, or per test).
    pub fn new(redis: ConnectionManager, prefix: impl Into<String>) -> Self {
        Self {
            redis,
            prefix: prefix.into(),
        }
    }

    pub async fn hit(
        &self,
        bucket: Bucket<'_>,
        limit: Limit,
    ) -> Result<Decision, redis::RedisError> {
        let key = format!("{}:rl:{}", self.prefix, bucket.key());
        let Limit { max: limit, window } = limit;
        let window_ms = u64::try_from(window.as_millis()).unwrap_or(u64::MAX).max(1);
        let (count, ttl_ms): (u64, i64) = Script::new(HIT)
            .key(&key)
            .arg(window_ms)
            .invoke_async(&mut self.redis.clone())
            .await?;
        if count > u64::from(limit) {
            let ttl = u64::try_from(ttl_ms).unwrap_or(window_ms);
            // Retry-After is in whole seconds; round up so a client never retries early.
            Ok(Decision::Limited {
                retry_after: Duration::from_secs(ttl.div_ceil(1000).max(1)),
            })
        } else {
            Ok(Decision::Allowed {
                remaining: u32::try_from(u64::from(limit) - count).unwrap_or(0),
            })
        }
    }

    /// How many hits the bucket holds in its current window, without counting one.
    pub async fn count(&self, bucket: Bucket<'_>) -> Result<u64, redis::RedisError> {
        let key = format!("{}:rl:{}", self.prefix, bucket.key());
        let count: Option<u64> = redis::cmd("GET")
            .arg(key)
            .query_async(&mut self.redis.clone())
            .await?;
        Ok(count.unwrap_or(0))
    }

    /// Forgets a bucket (e.g. the failed-login count once the right password arrives).
    pub async fn reset(&self, bucket: Bucket<'_>) -> Result<(), redis::RedisError> {
        let key = format!("{}:rl:{}", self.prefix, bucket.key());
        redis::cmd("DEL")
            .arg(key)
            .query_async::<()>(&mut self.redis.clone())
            .await
    }
}

/// A stable, non-reversible key for personal data (e-mail addresses, IPs), so Redis keys
/// do not hold it in clear.
fn hashed(kind: &str, value: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(value.as_bytes());
    format!("{kind}:{}", hex::encode(&digest[..12]))
}
