//! The API's listener, guarded against slow and greedy clients (issue 9 point 5):
//!
//! - a connection with no bytes in either direction for `HTTP_IDLE_TIMEOUT_SECONDS` is
//!   closed: a client that stops half-way through its headers or body, or an idle
//!   keep-alive. (poem's own `idle_timeout` only starts a graceful shutdown, which waits
//!   for the half-read request for ever.) The read fails, so hyper drops the connection;
//! - at most `HTTP_MAX_CONNECTIONS_PER_IP` connections from one peer address; more are
//!   closed as soon as they are accepted. Behind a trusted proxy
//!   (`TRUST_PROXY_HEADERS`) every peer is the proxy, so the bound is the proxy's job.

use std::{
    collections::HashMap,
    io,
    net::IpAddr,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll},
    time::Duration,
};

use poem::{
    http::uri::Scheme,
    listener::Acceptor,
    web::{LocalAddr, RemoteAddr},
};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Live connections per peer address.
#[derive(Default, Clone)]
struct Counts(Arc<Mutex<HashMap<IpAddr, usize>>>);

impl Counts {
    fn take(&self, ip: IpAddr, max: usize) -> Option<Slot> {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = map.entry(ip).or_default();
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Slot {
            counts: self.clone(),
            ip,
        })
    }
}

/// One counted connection; gives its place back when dropped.
struct Slot {
    counts: Counts,
    ip: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut map = self
            .counts
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = map.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

/// Wraps an acceptor with the idle timeout and the per-address bound.
pub struct Guarded<A> {
    inner: A,
    idle_timeout: Duration,
    /// `None`: no bound (behind a trusted proxy).
    max_per_ip: Option<usize>,
    counts: Counts,
}

impl<A> Guarded<A> {
    pub fn new(inner: A, idle_timeout: Duration, max_per_ip: Option<usize>) -> Self {
        Self {
            inner,
            idle_timeout,
            max_per_ip,
            counts: Counts::default(),
        }
    }
}

impl<A: Acceptor> Acceptor for Guarded<A> {
    type Io = GuardedIo<A::Io>;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(Self::Io, LocalAddr, RemoteAddr, Scheme)> {
        loop {
            let (io, local, remote, scheme) = self.inner.accept().await?;
            let slot = match (self.max_per_ip, remote.as_socket_addr()) {
                (Some(max), Some(addr)) => match self.counts.take(addr.ip(), max) {
                    Some(slot) => Some(slot),
                    None => {
                        tracing::warn!("too many connections from one address; closed");
                        drop(io);
                        continue;
                    }
                },
                _ => None,
            };
            let io = GuardedIo {
                inner: io,
                timeout: self.idle_timeout,
                deadline: Box::pin(tokio::time::sleep(self.idle_timeout)),
                _slot: slot,
            };
            return Ok((io, local, remote, scheme));
        }
    }
}

/// A connection that fails its reads and writes once it has been silent in both
/// directions for the timeout.
pub struct GuardedIo<T> {
    inner: T,
    timeout: Duration,
    deadline: Pin<Box<tokio::time::Sleep>>,
    _slot: Option<Slot>,
}

impl<T> GuardedIo<T> {
    fn touch(&mut self) {
        self.deadline
            .as_mut()
            .reset(tokio::time::Instant::now() + self.timeout);
    }

    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        self.deadline.as_mut().poll(cx).is_ready()
    }
}

fn timed_out() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "connection idle too long")
}

impl<T: AsyncRead + Unpin> AsyncRead for GuardedIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    self.touch();
                }
                Poll::Ready(result)
            }
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for GuardedIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Ready(result) => {
                if matches!(result, Ok(n) if n > 0) {
                    self.touch();
                }
                Poll::Ready(result)
            }
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
            Poll::Pending => Poll::Pending,
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
