//! A dashboard socket keeps its access only while its token would still be accepted by
//! the API: unexpired, not signed out, and its user still a member of the workspace.
//! Checked when it connects ([`super::authenticate`]), on every event it sends
//! ([`guard`]), when its token expires (a timer per socket, [`watch_expiry`]), when
//! the API or another service announces a change through Redis ([`run`], fed by
//! [`kremna_shared::auth::revocation::listen`]), and every [`RECHECK_EVERY`] for
//! every socket on the node, in case an announcement was lost. A socket that fails is
//! told why (an `error` event with the code) and disconnected.

use std::{collections::HashMap, sync::Arc, time::Duration};

use futures::StreamExt;
use kremna_shared::{
    auth::{Agent, Revocation},
    db::SessionError,
    error_code::ErrorCode,
    events::{AGENTS_NS, ErrorEvent, RefusalBody, names},
    realtime::{Adapter, Io},
};
use socketioxide::extract::SocketRef;
use tokio::sync::{Notify, mpsc};
use uuid::Uuid;

use super::AgentSession;
use crate::{
    respond::{Refusal, Responder},
    state::NodeState,
};

/// The safety net: how often every dashboard socket of a node is re-checked against
/// Postgres when no announcement came.
pub const RECHECK_EVERY: Duration = Duration::from_secs(3);

/// How many sessions a re-check pass checks at once (each is one small query).
const RECHECK_CONCURRENCY: usize = 8;

/// Whether the session may still use the dashboard: the error code if not.
pub async fn check(state: &NodeState, session: &AgentSession) -> Result<(), ErrorCode> {
    if session.claims.remaining().is_zero() {
        return Err(ErrorCode::TokenExpired);
    }
    match state.db.db().member::<Agent>(&session.claims).await {
        Ok(tx) => {
            if let Err(err) = tx.commit().await {
                tracing::warn!(%err, "membership re-check could not commit");
            }
            Ok(())
        }
        Err(SessionError::NotMember | SessionError::Revoked | SessionError::Forbidden { .. }) => {
            Err(ErrorCode::InvalidToken)
        }
        Err(SessionError::Database(err)) => {
            // The database is unreachable: keep the socket (nothing can be read for it
            // either), and let the next pass decide.
            tracing::warn!(%err, "membership re-check failed; will try again");
            Ok(())
        }
    }
}

fn ended_message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::TokenExpired => "Your session has expired; sign in again.",
        _ => "Your access to this workspace has ended; sign in again.",
    }
}

/// Tells the client why (an `error` event) and closes the socket.
pub fn end(socket: SocketRef<Adapter>, code: ErrorCode) {
    tracing::info!(%code, sid = %socket.id, "dashboard socket closed: access ended");
    let _ = socket.emit(
        names::ERROR,
        &ErrorEvent {
            error: RefusalBody {
                code,
                message: ended_message(code).to_owned(),
                retry_after: None,
            },
            event: None,
            chat_id: None,
        },
    );
    let _ = socket.disconnect();
}

/// For event handlers: the socket's session if it still has access, or the code it
/// is refused with (then answer with [`refuse_and_end`]).
pub async fn guard(
    state: &NodeState,
    socket: &SocketRef<Adapter>,
) -> Result<AgentSession, ErrorCode> {
    let session = socket
        .extensions
        .get::<AgentSession>()
        .ok_or(ErrorCode::InvalidToken)?;
    check(state, &session).await.map(|()| session)
}

/// Refuses the event (ack or `error` event) and closes the socket.
pub fn refuse_and_end(responder: Responder, code: ErrorCode, event: &str) {
    let socket = responder.socket().clone();
    responder.refuse(&Refusal::new(code, ended_message(code)), event);
    end(socket, code);
}

/// Closes the socket when its token expires (unless it goes before).
pub fn watch_expiry(socket: &SocketRef<Adapter>, session: &AgentSession) {
    let gone = Arc::new(Notify::new());
    let on_gone = gone.clone();
    socket.on_disconnect(move || {
        let on_gone = on_gone.clone();
        async move { on_gone.notify_one() }
    });
    let left = session.claims.remaining();
    let socket = socket.clone();
    tokio::spawn(async move {
        tokio::select! {
            () = tokio::time::sleep(left) => end(socket, ErrorCode::TokenExpired),
            () = gone.notified() => {}
        }
    });
}

/// Applies announced revocations and re-checks every socket every [`RECHECK_EVERY`],
/// until the announcements' channel closes.
pub async fn run(io: Io, state: NodeState, mut revocations: mpsc::Receiver<Revocation>) {
    let mut tick = tokio::time::interval(RECHECK_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            got = revocations.recv() => match got {
                Some(revocation) => {
                    recheck(&io, &state, |s| revocation.affects(s.tenant, s.user, s.claims.jti),
                        matches!(revocation, Revocation::Token { .. })).await;
                }
                None => return,
            },
            _ = tick.tick() => recheck(&io, &state, |_| true, false).await,
        }
    }
}

/// Re-checks the node's dashboard sockets that `select` picks (each distinct token
/// once); with `revoked`, those sockets are closed without asking the database.
async fn recheck(
    io: &Io,
    state: &NodeState,
    select: impl Fn(&AgentSession) -> bool,
    revoked: bool,
) {
    let Some(agents) = io.of(AGENTS_NS) else {
        return;
    };
    let mut by_token: HashMap<Uuid, (AgentSession, Vec<SocketRef<Adapter>>)> = HashMap::new();
    for socket in agents.sockets() {
        if let Some(session) = socket.extensions.get::<AgentSession>()
            && select(&session)
        {
            by_token
                .entry(session.claims.jti)
                .or_insert_with(|| (session, Vec::new()))
                .1
                .push(socket);
        }
    }
    futures::stream::iter(by_token.into_values())
        .for_each_concurrent(RECHECK_CONCURRENCY, |(session, sockets)| async move {
            let verdict = if revoked {
                Err(ErrorCode::InvalidToken)
            } else {
                check(state, &session).await
            };
            if let Err(code) = verdict {
                for socket in sockets {
                    end(socket, code);
                }
            }
        })
        .await;
}
