//! Fixed-window counters in Redis, shared by every node of a service.
//!
//! What is counted is a [`Bucket`]: a closed set, so every limit in the product is listed
//! here, and personal data in a key (an e-mail, an address) is always hashed.

use std::{net::IpAddr, time::Duration};

use redis::{Script, aio::ConnectionManager};

use crate::{
    domain::email::Email,
    ids::{ApiKeyId, ChatId, TenantId},
};

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
    /// Messages into one chat: the visitor as the server knows it (the chat its
    /// visitor token names), whatever `visitorId` the client claims.
    ChatMessages(ChatId),
    /// Messages from one client address, across all its chats and assistants.
    AddressMessages(IpAddr),
    /// The part of a tenant's reply budget one client address has used.
    TenantRepliesFromIp { tenant: TenantId, ip: IpAddr },
    /// Replies a tenant's visitors ask for (a spend guard).
    TenantReplies(TenantId),
    /// Requests made with one partner API key.
    ApiKey(ApiKeyId),
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
            Self::ChatMessages(chat) => format!("msg:chat:{chat}"),
            Self::AddressMessages(ip) => hashed("msg:ip", &ip.to_string()),
            Self::TenantRepliesFromIp { tenant, ip } => {
                hashed("reply:tenant-ip", &format!("{tenant}:{ip}"))
            }
            Self::TenantReplies(tenant) => format!("reply:tenant:{tenant}"),
            Self::ApiKey(key) => format!("apikey:{key}"),
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

/// A decision with what `RateLimit-*` response headers need: the limit, what is left
/// in the window, and when the window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub limit: u32,
    pub remaining: u32,
    /// Until the window resets (whole seconds, rounded up).
    pub reset: Duration,
    pub allowed: bool,
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
        let quota = self.quota(bucket, limit).await?;
        Ok(if quota.allowed {
            Decision::Allowed {
                remaining: quota.remaining,
            }
        } else {
            Decision::Limited {
                retry_after: quota.reset,
            }
        })
    }

    /// Counts one hit and reports the whole quota (for `RateLimit-*` headers).
    pub async fn quota(
        &self,
        bucket: Bucket<'_>,
        limit: Limit,
    ) -> Result<Quota, redis::RedisError> {
        let key = format!("{}:rl:{}", self.prefix, bucket.key());
        let Limit { max: limit, window } = limit;
        let window_ms = u64::try_from(window.as_millis()).unwrap_or(u64::MAX).max(1);
        let (count, ttl_ms): (u64, i64) = Script::new(HIT)
            .key(&key)
            .arg(window_ms)
            .invoke_async(&mut self.redis.clone())
            .await?;
        let ttl = u64::try_from(ttl_ms).unwrap_or(window_ms);
        Ok(Quota {
            limit,
            remaining: u32::try_from(u64::from(limit).saturating_sub(count)).unwrap_or(0),
            // In whole seconds, rounded up, so a client never retries early.
            reset: Duration::from_secs(ttl.div_ceil(1000).max(1)),
            allowed: count <= u64::from(limit),
        })
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
