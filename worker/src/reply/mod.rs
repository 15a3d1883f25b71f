//! The reply job: answer one visitor message, streaming the answer into the chat.
//!
//! Idempotent end to end. The reply row is keyed by the visitor message it answers
//! (`reply_to` is unique), so a retried or re-queued job finds the same row; it is
//! finalised only from `streaming`, so at most one run announces it. A worker killed
//! mid-stream leaves the job locked until its heartbeat lapses; another worker then
//! takes it, streams again under the same message id with a higher `attempt`, and
//! the widget replaces what it had.

pub mod backoff;
pub mod grounding;
pub mod handoff;
pub mod prompt;

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use apalis_core::task::data::Data;
use chrono::Utc;
use kremna_shared::{
    chat::{self, Transition},
    config::Config,
    db::{RepoError, TrustedDb},
    domain::{ChatState, HandoffPolicy, MessageStatus},
    error_code::ErrorCode,
    events::{DeltaPayload, MessagePayload, TypingPayload},
    ids::MessageId,
    jobs::ReplyJob,
    realtime::Broadcaster,
    repo::{self, messages::ReplyOutcome},
    webhooks::{self, EventType, event::MessageData},
};
use tracing::Instrument;

use crate::provider::{ChatRequest, Completion, Provider, ProviderError};

/// What the visitor sees when a reply cannot be written. The cause is for admins.
pub const FAILURE_TEXT: &str = "Sorry, I couldn't answer just now. Please try again in a moment.";

/// How many earlier turns are read from the database before the token budget trims.
const HISTORY_ROWS: i64 = 100;

/// How often, at most, a streaming reply asks whether a member took the chat over (the
/// check runs between streamed pieces, so a stalled provider is not polled).
pub const TAKEOVER_CHECK_EVERY: Duration = Duration::from_millis(200);

pub struct WorkerState {
    pub config: Arc<Config>,
    pub db: TrustedDb,
    pub broadcaster: Broadcaster,
    pub provider: Provider,
    pub metrics: Arc<crate::metrics::Metrics>,
}

/// An infrastructure failure: the job queue retries the whole job.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Repo(#[from] RepoError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("the reply task panicked: {0}")]
    Panicked(String),
}

/// The apalis handler.
pub async fn handle(job: ReplyJob, state: Data<Arc<WorkerState>>) -> Result<(), JobError> {
    let picked_up = Instant::now();
    let pickup_us = Utc::now().timestamp_micros() - job.enqueued_at_us;
    state
        .metrics
        .pickup(Duration::from_micros(u64::try_from(pickup_us).unwrap_or(0)));
    let span = tracing::info_span!(
        "reply",
        tenant_id = %job.tenant_id,
        chat_id = %job.chat_id,
        message_id = %job.message_id
    );
    let state = Arc::clone(&state);
    // Each reply runs on its own task, so replies spread over every core, and a panic
    // fails the job (to be retried) instead of the worker.
    let run = tokio::spawn(
        async move {
            tracing::debug!(pickup_us, "reply job picked up");
            let result = reply(&job, &state, picked_up).await;
            if let Err(err) = &result {
                tracing::warn!(error = %err, "reply job failed; the queue will retry it");
            }
            result
        }
        .instrument(span),
    );
    run.await
        .map_err(|err| JobError::Panicked(err.to_string()))?
}

/// Everything a run needs, read in one transaction.
struct Prepared {
    reply_id: MessageId,
    attempts_so_far: i32,
    request: ChatRequest,
    visitor_sent_at: chrono::DateTime<Utc>,
    /// Knowledge base (issue 13): the chunks this reply is grounded in.
    grounding: grounding::Grounding,
    /// The model may hand off with the marker (`handoff.rs`).
    model_may_hand_off: bool,
    /// The assistant's text for a handoff while no member is online.
    offline_message: String,
}

/// How one provider call ended.
enum Streamed {
    Completed(Completion),
    /// A member took the chat over mid-stream: what had been streamed so far.
    TakenOver(String),
}

async fn prepare(job: &ReplyJob, state: &WorkerState) -> Result<Option<Prepared>, JobError> {
    let mut tx = state.db.tenant(job.tenant_id).await?;
    let Some(visitor) = repo::messages::get(&mut tx, job.message_id).await? else {
        tracing::info!("the message is gone (chat deleted); nothing to answer");
        return Ok(None);
    };
    let Some(chat) = repo::chats::access(&mut tx, job.chat_id).await? else {
        return Ok(None);
    };
    if chat.state == ChatState::Assigned {
        // A member has the chat: a job queued before the take-over does nothing.
        tracing::info!("a member has this chat; no AI reply");
        return Ok(None);
    }
    let Some(assistant) = repo::assistants::get(&mut tx, chat.assistant_id).await? else {
        return Ok(None);
    };
    let reply = repo::messages::begin_reply(&mut tx, job.chat_id, job.message_id).await?;
    if !matches!(
        reply.status,
        MessageStatus::Pending | MessageStatus::Streaming
    ) {
        tracing::info!(reply_id = %reply.id, "already answered; nothing to do");
        tx.commit().await?;
        return Ok(None);
    }
    let history = repo::messages::history(
        &mut tx,
        job.chat_id,
        visitor.seq.unwrap_or(i64::MAX),
        HISTORY_ROWS,
    )
    .await?;
    tx.commit().await?;

    let model_may_hand_off = chat.handoff_policy == HandoffPolicy::Model;
    let instructions = if model_may_hand_off {
        format!("{}\n\n{}", assistant.instructions, handoff::instruction())
    } else {
        assistant.instructions.clone()
    };
    // Knowledge base (issue 13): retrieve, then ground the system prompt.
    let grounding =
        grounding::retrieve(state, job.tenant_id, assistant.id, &visitor.content).await?;
    let messages = prompt::build(
        &grounding.instructions(&instructions),
        &history,
        state.config.worker.history_token_budget,
    );
    Ok(Some(Prepared {
        reply_id: reply.id,
        attempts_so_far: reply.attempts,
        request: ChatRequest {
            model: assistant.model,
            temperature: assistant.temperature,
            messages,
        },
        visitor_sent_at: visitor.created_at,
        grounding,
        model_may_hand_off,
        offline_message: assistant.offline_message,
    }))
}

async fn reply(job: &ReplyJob, state: &WorkerState, picked_up: Instant) -> Result<(), JobError> {
    let Some(prepared) = prepare(job, state).await? else {
        return Ok(());
    };
    let typing = |is_typing: bool| TypingPayload {
        chat_id: job.chat_id,
        is_typing,
        message_id: Some(prepared.reply_id),
    };
    state.broadcaster.typing(job.tenant_id, &typing(true)).await;

    let max_attempts = i32::try_from(state.config.worker.reply_attempts).unwrap_or(i32::MAX);
    let mut last_error = None;
    let mut attempt = prepared.attempts_so_far;
    while attempt < max_attempts {
        attempt = {
            let mut tx = state.db.tenant(job.tenant_id).await?;
            let n = repo::messages::record_attempt(&mut tx, prepared.reply_id).await?;
            tx.commit().await?;
            n
        };
        match stream_once(job, state, &prepared, attempt, picked_up).await {
            Ok(Streamed::Completed(completion)) => {
                return finish_ok(job, state, &prepared, &completion).await;
            }
            Ok(Streamed::TakenOver(partial)) => {
                return finish_taken_over(job, state, &prepared, &partial).await;
            }
            Err(err) => {
                tracing::warn!(attempt, error = %err, "provider call failed");
                let wait = if err.is_retryable() && attempt < max_attempts {
                    backoff::delay(
                        u32::try_from(attempt).unwrap_or(1),
                        state.config.worker.retry_base,
                        err.retry_after(),
                    )
                } else {
                    None
                };
                last_error = Some(err);
                match wait {
                    Some(pause) => tokio::time::sleep(pause).await,
                    None => break,
                }
            }
        }
    }
    let err = last_error.unwrap_or(ProviderError::Interrupted(
        "no attempts left after earlier runs".into(),
    ));
    finish_failed(job, state, &prepared, &err).await
}

async fn stream_once(
    job: &ReplyJob,
    state: &WorkerState,
    prepared: &Prepared,
    attempt: i32,
    picked_up: Instant,
) -> Result<Streamed, ProviderError> {
    let attempt = u32::try_from(attempt).unwrap_or(1);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    // The provider reads the stream while this loop relays each piece, in order. Between
    // pieces it asks (at most every TAKEOVER_CHECK_EVERY) whether a member took the chat
    // over; then it returns at once, which drops the provider call below.
    let relay = async {
        let mut shown = String::new();
        let mut index = 0u32;
        let mut filter = prepared
            .model_may_hand_off
            .then(handoff::MarkerFilter::default);
        let mut checked = Instant::now();
        loop {
            let piece = match rx.recv().await {
                Some(piece) => match filter.as_mut() {
                    Some(f) => f.push(&piece),
                    None => Some(piece),
                },
                None => match filter.as_mut().and_then(handoff::MarkerFilter::finish) {
                    Some(rest) => Some(rest),
                    None => break,
                },
            };
            if checked.elapsed() >= TAKEOVER_CHECK_EVERY {
                checked = Instant::now();
                if taken_over(job, state).await {
                    return (true, shown);
                }
            }
            let Some(delta) = piece else { continue };
            if index == 0 && attempt == 1 {
                state.metrics.first_token(picked_up.elapsed());
            }
            shown.push_str(&delta);
            state
                .broadcaster
                .delta(&DeltaPayload {
                    chat_id: job.chat_id,
                    message_id: prepared.reply_id,
                    index,
                    attempt,
                    delta,
                })
                .await;
            index += 1;
        }
        (false, shown)
    };
    let call = state.provider.stream(&prepared.request, tx);
    tokio::pin!(call);
    tokio::pin!(relay);
    tokio::select! {
        result = &mut call => {
            let (stopped, shown) = relay.await;
            if stopped {
                return Ok(Streamed::TakenOver(shown));
            }
            result.map(Streamed::Completed)
        }
        (stopped, shown) = &mut relay => {
            if stopped {
                return Ok(Streamed::TakenOver(shown));
            }
            call.await.map(Streamed::Completed)
        }
    }
}

/// Whether a member has the chat now. A failed check streams on (the next one may work).
async fn taken_over(job: &ReplyJob, state: &WorkerState) -> bool {
    let check = async {
        let mut tx = state.db.tenant(job.tenant_id).await?;
        let current = repo::chats::state(&mut tx, job.chat_id).await?;
        tx.commit().await?;
        Ok::<_, RepoError>(current)
    };
    match check.await {
        Ok(current) => current == Some(ChatState::Assigned),
        Err(err) => {
            tracing::warn!(error = %err, "could not check the chat's state; streaming on");
            false
        }
    }
}

fn latency_ms(prepared: &Prepared) -> i32 {
    let elapsed = Utc::now() - prepared.visitor_sent_at;
    i32::try_from(elapsed.num_milliseconds().max(0)).unwrap_or(i32::MAX)
}

async fn finish_ok(
    job: &ReplyJob,
    state: &WorkerState,
    prepared: &Prepared,
    completion: &Completion,
) -> Result<(), JobError> {
    let to_i32 = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    let (content, handed_off) = if prepared.model_may_hand_off {
        handoff::strip(&completion.content)
    } else {
        (completion.content.clone(), false)
    };
    let mut tx = state.db.tenant(job.tenant_id).await?;
    let stored = repo::messages::complete_reply(
        &mut tx,
        prepared.reply_id,
        &ReplyOutcome {
            content: &content,
            model: &completion.model,
            prompt_tokens: completion.usage.map(|u| to_i32(u.prompt_tokens)),
            completion_tokens: completion.usage.map(|u| to_i32(u.completion_tokens)),
            latency_ms: latency_ms(prepared),
        },
    )
    .await?;
    if let Some(reply) = &stored {
        // Knowledge base (issue 13): the reply's sources, with the reply.
        grounding::record(&mut tx, prepared.reply_id, &prepared.grounding).await?;
        // Webhooks (issue 11): only the run that stored the reply announces it.
        webhooks::emit(
            &mut tx,
            EventType::ReplyCompleted,
            &MessageData::from(reply),
        )
        .await?;
    }
    // Only the run that stored the reply hands off, in the same transaction.
    let change = if stored.is_some() && handed_off {
        match chat::change_state(&mut tx, job.chat_id, Transition::ModelRequest).await {
            Ok(change) => change,
            Err(chat::HandoffError::Database(err)) => return Err(err.into()),
            Err(err) => {
                tracing::warn!(error = %err, "the model's handoff did not apply");
                None
            }
        }
    } else {
        None
    };
    tx.commit().await?;
    if stored.is_some() {
        state.metrics.outcome(true);
    }
    announce(job, state, prepared, stored.as_ref()).await;
    if let Some(change) = change {
        state
            .broadcaster
            .handoff_requested(&change, &prepared.offline_message)
            .await;
    }
    Ok(())
}

/// A member took the chat over while the reply streamed: keep what the visitor saw.
async fn finish_taken_over(
    job: &ReplyJob,
    state: &WorkerState,
    prepared: &Prepared,
    partial: &str,
) -> Result<(), JobError> {
    tracing::info!("a member took the chat over; the reply stops here");
    let mut tx = state.db.tenant(job.tenant_id).await?;
    let stored = repo::messages::stop_reply(
        &mut tx,
        prepared.reply_id,
        partial,
        &prepared.request.model,
        latency_ms(prepared),
    )
    .await?;
    tx.commit().await?;
    announce(job, state, prepared, stored.as_ref()).await;
    Ok(())
}

async fn finish_failed(
    job: &ReplyJob,
    state: &WorkerState,
    prepared: &Prepared,
    err: &ProviderError,
) -> Result<(), JobError> {
    // The provider's words stay here, in the log; the message keeps only the class.
    tracing::error!(cause = %err.cause(), error = %err, "reply failed for good");
    let mut tx = state.db.tenant(job.tenant_id).await?;
    let stored = repo::messages::fail_reply(
        &mut tx,
        prepared.reply_id,
        FAILURE_TEXT,
        err.cause(),
        latency_ms(prepared),
    )
    .await?;
    if let Some(reply) = &stored {
        webhooks::emit(&mut tx, EventType::ReplyFailed, &MessageData::from(reply)).await?;
    }
    tx.commit().await?;
    if stored.is_some() {
        state.metrics.outcome(false);
        state
            .broadcaster
            .chat_error(job.chat_id, ErrorCode::ReplyFailed, FAILURE_TEXT)
            .await;
    }
    announce(job, state, prepared, stored.as_ref()).await;
    Ok(())
}

/// Emits the final message (only the run that stored it does) and ends "typing".
async fn announce(
    job: &ReplyJob,
    state: &WorkerState,
    prepared: &Prepared,
    stored: Option<&repo::messages::MessageRecord>,
) {
    match stored {
        Some(message) => {
            let mut payload = MessagePayload::from(message);
            if message.status == MessageStatus::Complete {
                // Knowledge base (issue 13): the sources under the reply.
                payload.sources = grounding::links(&prepared.grounding);
            }
            state.broadcaster.new_message(job.tenant_id, &payload).await;
        }
        None => tracing::info!("another run finished this reply first"),
    }
    state
        .broadcaster
        .typing(
            job.tenant_id,
            &TypingPayload {
                chat_id: job.chat_id,
                is_typing: false,
                message_id: Some(prepared.reply_id),
            },
        )
        .await;
}
