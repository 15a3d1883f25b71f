//! What a connection is allowed before it has done anything useful: one peer address
//! holds a bounded number of connections, a connection silent in both directions is
//! closed, and its first request must arrive whole within the header deadline.

use std::{
    collections::HashMap,
    io,
    net::IpAddr,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Live connections per peer address.
#[derive(Default, Clone)]
pub(super) struct Counts(Arc<Mutex<HashMap<IpAddr, usize>>>);

impl Counts {
    /// A place for one more connection from `ip`, or `None` when it holds `max`.
    pub(super) fn take(&self, ip: IpAddr, max: usize) -> Option<Slot> {
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
pub(super) struct Slot {
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

/// Set by the service when the connection's first request reaches it: from then on
/// hyper's own header-read timeout (armed for every later request) takes over.
#[derive(Clone, Default)]
pub(super) struct FirstRequest(Arc<AtomicBool>);

impl FirstRequest {
    pub(super) fn arrived(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    fn has_arrived(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// A connection that fails its reads and writes once it has been silent in both
/// directions for `idle`, or when no request has come out of it `first_request` after
/// it was accepted. The second catches a client that trickles a byte now and then: it
/// is never idle, but it never finishes a request either. (hyper's header-read timeout
/// covers every request of an HTTP/1 connection once its dispatcher runs; this one also
/// covers the protocol sniffing before it and HTTP/2.) A failed read makes hyper drop
/// the connection.
pub(super) struct GuardedIo<T> {
    inner: T,
    idle: Duration,
    idle_deadline: Pin<Box<tokio::time::Sleep>>,
    /// `None` once the first request arrived.
    head_deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    first_request: FirstRequest,
    _slot: Option<Slot>,
}

impl<T> GuardedIo<T> {
    pub(super) fn new(
        inner: T,
        idle: Duration,
        first_request_within: Duration,
        first_request: FirstRequest,
        slot: Option<Slot>,
    ) -> Self {
        Self {
            inner,
            idle,
            idle_deadline: Box::pin(tokio::time::sleep(idle)),
            head_deadline: Some(Box::pin(tokio::time::sleep(first_request_within))),
            first_request,
            _slot: slot,
        }
    }

    fn touch(&mut self) {
        self.idle_deadline
            .as_mut()
            .reset(tokio::time::Instant::now() + self.idle);
    }

    /// Why the connection must end now, if it must.
    fn expired(&mut self, cx: &mut Context<'_>) -> Option<io::Error> {
        if self.idle_deadline.as_mut().poll(cx).is_ready() {
            return Some(io::Error::new(
                io::ErrorKind::TimedOut,
                "connection idle too long",
            ));
        }
        if self.first_request.has_arrived() {
            self.head_deadline = None;
        }
        if let Some(deadline) = self.head_deadline.as_mut()
            && deadline.as_mut().poll(cx).is_ready()
        {
            return Some(io::Error::new(
                io::ErrorKind::TimedOut,
                "no complete request within the header timeout",
            ));
        }
        None
    }
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
            Poll::Pending => match self.expired(cx) {
                Some(err) => Poll::Ready(Err(err)),
                None => Poll::Pending,
            },
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
            Poll::Pending => match self.expired(cx) {
                Some(err) => Poll::Ready(Err(err)),
                None => Poll::Pending,
            },
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
