//! Job pickup on Postgres `NOTIFY`, without lost wake-ups.
//!
//! apalis-postgres turns each notification into a bare wake-up of the worker, which then
//! fetches the next jobs. If the notification arrives while a fetch issued *before* the
//! job committed is still in flight, that fetch comes back empty, the worker parks, and
//! the job waits for the next heartbeat (seconds). Any fetch issued *after* the
//! notification sees the job, so echoing each notification a few more times — after a
//! stale fetch has surely finished — closes the race at the cost of a few cheap, empty
//! fetches.

use std::{
    collections::VecDeque,
    pin::Pin,
    task::{Context, Poll},
    time::Duration,
};

use apalis_postgres::InsertEvent;
use futures::{Stream, StreamExt, stream::BoxStream};
use sqlx::{PgPool, postgres::PgListener};
use tokio::time::{Instant, Sleep};

/// The channel apalis-postgres notifies on when a job is inserted.
const INSERT_CHANNEL: &str = "apalis::job::insert";

/// Postgres notifications of new jobs in `queue`, over a listener that survives the
/// database going away: it connects again with a pause that grows while the database
/// is down (apalis's own listener retries at once, forever), and yields a wake-up each
/// time it is listening again, so jobs enqueued meanwhile are fetched at once.
pub fn job_notifications(pool: PgPool, queue: String) -> BoxStream<'static, ()> {
    struct State {
        pool: PgPool,
        queue: String,
        listener: Option<PgListener>,
        pause: Duration,
    }
    const FIRST_PAUSE: Duration = Duration::from_millis(100);
    let state = State {
        pool,
        queue,
        listener: None,
        pause: FIRST_PAUSE,
    };
    futures::stream::unfold(state, |mut state| async move {
        loop {
            let Some(listener) = state.listener.as_mut() else {
                match listen(&state.pool).await {
                    Ok(listener) => {
                        state.listener = Some(listener);
                        state.pause = FIRST_PAUSE;
                        return Some(((), state));
                    }
                    Err(err) => {
                        tracing::debug!(%err, "cannot listen for new jobs yet");
                        tokio::time::sleep(state.pause).await;
                        state.pause = (state.pause * 2).min(Duration::from_secs(2));
                        continue;
                    }
                }
            };
            match listener.try_recv().await {
                Ok(Some(notification)) => {
                    let ours = serde_json::from_str::<InsertEvent>(notification.payload())
                        .is_ok_and(|event| event.job_type == state.queue);
                    if ours {
                        return Some(((), state));
                    }
                }
                // The connection is gone: listen again on a new one.
                Ok(None) | Err(_) => {
                    tracing::warn!("lost the job notification listener; listening again");
                    state.listener = None;
                }
            }
        }
    })
    .boxed()
}

async fn listen(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(INSERT_CHANNEL).await?;
    Ok(listener)
}

/// When the echoes of a notification fire, after it arrives.
const ECHOES: [Duration; 7] = [
    Duration::from_millis(1),
    Duration::from_millis(3),
    Duration::from_millis(6),
    Duration::from_millis(12),
    Duration::from_millis(25),
    Duration::from_millis(50),
    Duration::from_millis(250),
];

/// Wraps a stream of notifications; yields each notification and its echoes.
pub struct Echoing<S> {
    inner: S,
    /// Pending echo times, ascending.
    due: VecDeque<Instant>,
    timer: Option<Pin<Box<Sleep>>>,
}

impl<S> Echoing<S> {
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            due: VecDeque::new(),
            timer: None,
        }
    }

    fn schedule(&mut self, now: Instant) {
        for delay in ECHOES {
            let at = now + delay;
            // A burst of notifications needs one echo per slot, not one each.
            if self
                .due
                .back()
                .is_some_and(|last| *last + Duration::from_millis(1) >= at)
            {
                continue;
            }
            let index = self.due.partition_point(|t| *t <= at);
            self.due.insert(index, at);
        }
    }
}

impl<S: Stream + Unpin> Stream for Echoing<S> {
    type Item = ();

    /// Yields once for any number of notifications and due echoes, and always leaves
    /// a waker behind for what comes next. apalis polls the strategy once per wake-up
    /// and only again when woken, so returning `Ready` without arming the next echo's
    /// timer would silently drop the rest of the echoes: the bench saw jobs wait
    /// seconds, for the next heartbeat or notification.
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<()>> {
        let mut woke = false;
        loop {
            match Pin::new(&mut self.inner).poll_next(cx) {
                Poll::Ready(Some(_)) => {
                    self.schedule(Instant::now());
                    woke = true;
                }
                Poll::Ready(None) if !woke => return Poll::Ready(None),
                // Ended after a notification: report that one; the next poll sees the end.
                Poll::Ready(None) | Poll::Pending => break,
            }
        }
        loop {
            let now = Instant::now();
            while self.due.front().is_some_and(|at| *at <= now) {
                self.due.pop_front();
                woke = true;
            }
            let Some(next) = self.due.front().copied() else {
                break;
            };
            let timer = self
                .timer
                .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(next)));
            timer.as_mut().reset(next);
            if timer.as_mut().poll(cx).is_pending() {
                break;
            }
        }
        if woke {
            Poll::Ready(Some(()))
        } else {
            Poll::Pending
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };

    use futures::{StreamExt, task::ArcWake};

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn each_notification_is_echoed_and_bursts_share_echoes() {
        let (tx, rx) = futures::channel::mpsc::unbounded::<()>();
        let mut echoing = Echoing::new(rx);
        tx.unbounded_send(()).unwrap();
        tx.unbounded_send(()).unwrap();
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..6 {
            echoing.next().await.unwrap();
            times.push(start.elapsed().as_millis());
        }
        // Two notifications at once need one fetch, not two.
        assert_eq!(times, [0, 1, 3, 6, 12, 25]);
        drop(tx);
        assert!(echoing.next().await.is_none());
    }

    /// apalis's `PollWith` polls its strategy once per wake-up and ignores the result's
    /// timing, so an echo must wake the task even when nobody polled after the last one.
    #[tokio::test(start_paused = true)]
    async fn every_echo_wakes_the_task_without_being_polled_for() {
        struct Counter(AtomicUsize);
        impl ArcWake for Counter {
            fn wake_by_ref(this: &Arc<Self>) {
                this.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let counter = Arc::new(Counter(AtomicUsize::new(0)));
        let waker = futures::task::waker(counter.clone());
        let mut cx = Context::from_waker(&waker);
        let (tx, rx) = futures::channel::mpsc::unbounded::<()>();
        let mut echoing = Echoing::new(rx);
        tx.unbounded_send(()).unwrap();
        let start = Instant::now();
        assert!(Pin::new(&mut echoing).poll_next(&mut cx).is_ready());
        for echo in ECHOES {
            let woken = counter.0.load(Ordering::SeqCst);
            // Only the wake-up makes us poll, as in apalis.
            while counter.0.load(Ordering::SeqCst) == woken {
                tokio::time::sleep(Duration::from_micros(100)).await;
                assert!(
                    start.elapsed() <= echo + Duration::from_millis(1),
                    "echo at {echo:?} never woke the task"
                );
            }
            assert!(Pin::new(&mut echoing).poll_next(&mut cx).is_ready());
        }
        assert!(Pin::new(&mut echoing).poll_next(&mut cx).is_pending());
    }
}
