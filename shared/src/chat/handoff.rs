//! Human handoff: the one place a chat's state changes.
//!
//! ```text
//!              visitor asks / model hands off
//!   open ───────────────────────────────▶ needs_human
//!    ▲ │ ▲                                   │ │
//!    │ │ └──────── hand back ────────────────┘ │
//!    │ │ take over / assign                    │ take over / assign
//!    │ └──────────────▶ assigned ◀─────────────┘
//!    │ hand back           │
//!    └─────────────────────┤
//!                          ▼ resolve (from any state but resolved)
//!   open ◀── visitor writes again ── resolved
//! ```
//!
//! Each change locks the chat row, updates it and stores a [`ChatEventRecord`] (who,
//! when, what) in the caller's transaction, with the webhook deliveries of
//! `chat.handoff_requested` and `chat.resolved`. The caller commits, then broadcasts
//! [`StateChanged`]. While a chat is `assigned`, `post_message` queues no reply job and
//! the worker drops queued jobs and stops a streaming reply (see the worker's
//! `reply/mod.rs`).

use crate::{
    db::{RepoError, TenantTx},
    domain::{ChatEventKind, ChatState},
    ids::{ChatId, TenantId, UserId},
    repo::{
        self,
        chat_events::{ChatEventRecord, NewChatEvent},
    },
    webhooks::{self, event::ChatStateData},
};

/// What is asked of the chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// A member takes the chat for themself.
    TakeOver {
        actor: UserId,
    },
    /// A member gives the chat to a member (possibly themself).
    Assign {
        actor: UserId,
        to: UserId,
    },
    /// Back to the assistant.
    HandBack {
        actor: UserId,
    },
    Resolve {
        actor: UserId,
    },
    /// The visitor pressed "talk to a person" (allowed by the assistant's policy).
    VisitorRequest,
    /// The model handed off (policy `model`, see the worker's marker).
    ModelRequest,
    /// A visitor wrote into a resolved chat.
    Reopen,
}

/// A change that happened, ready to broadcast.
#[derive(Debug, Clone)]
pub struct StateChanged {
    pub tenant: TenantId,
    pub chat: ChatId,
    pub event: ChatEventRecord,
}

#[derive(Debug, thiserror::Error)]
pub enum HandoffError {
    #[error("chat not found")]
    ChatNotFound,
    /// The member to assign to is not a member of this workspace.
    #[error("member not found")]
    MemberNotFound,
    /// The state does not allow this transition.
    #[error("the chat is {0}; this change does not apply")]
    Conflict(ChatState),
    /// Another member has the chat.
    #[error("another member has this chat")]
    AssignedElsewhere,
    /// The assistant's policy does not let visitors ask for a person.
    #[error("the assistant does not hand off to people")]
    NotAllowed,
    #[error(transparent)]
    Database(#[from] RepoError),
}

/// Where a transition leads from `state` (with `assignee`): `Ok(None)` when it is
/// already there (nothing to store), an error when it does not apply.
pub fn next(
    state: ChatState,
    assignee: Option<UserId>,
    transition: Transition,
) -> Result<Option<(ChatEventKind, ChatState, Option<UserId>)>, HandoffError> {
    use ChatState as S;
    use Transition as T;
    Ok(match transition {
        T::TakeOver { actor } => match state {
            S::Assigned if assignee == Some(actor) => None,
            // A chat assigned to a member since removed (assignee cleared) is free.
            S::Assigned if assignee.is_some() => return Err(HandoffError::AssignedElsewhere),
            _ => Some((ChatEventKind::TakenOver, S::Assigned, Some(actor))),
        },
        T::Assign { to, .. } => match state {
            S::Assigned if assignee == Some(to) => None,
            _ => Some((ChatEventKind::Assigned, S::Assigned, Some(to))),
        },
        T::HandBack { .. } => match state {
            S::Assigned | S::NeedsHuman => Some((ChatEventKind::HandedBack, S::Open, None)),
            S::Open | S::Resolved => return Err(HandoffError::Conflict(state)),
        },
        T::Resolve { .. } => match state {
            S::Resolved => return Err(HandoffError::Conflict(state)),
            _ => Some((ChatEventKind::Resolved, S::Resolved, None)),
        },
        T::VisitorRequest => match state {
            S::Open | S::Resolved => Some((ChatEventKind::RequestedByVisitor, S::NeedsHuman, None)),
            S::NeedsHuman | S::Assigned => None,
        },
        T::ModelRequest => match state {
            S::Open => Some((ChatEventKind::RequestedByModel, S::NeedsHuman, None)),
            _ => None,
        },
        T::Reopen => match state {
            S::Resolved => Some((ChatEventKind::Reopened, S::Open, None)),
            _ => None,
        },
    })
}

/// Applies `transition` to the chat in the caller's transaction. `Ok(None)` when the
/// chat was already where the transition leads (nothing stored, nothing to announce).
#[tracing::instrument(skip_all, fields(tenant_id = %tx.tenant_id(), chat_id = %chat))]
pub async fn change_state(
    tx: &mut TenantTx,
    chat: ChatId,
    transition: Transition,
) -> Result<Option<StateChanged>, HandoffError> {
    let current = repo::chats::lock_state(tx, chat)
        .await?
        .ok_or(HandoffError::ChatNotFound)?;
    if transition == Transition::VisitorRequest && !current.handoff_policy.visitor_may_ask() {
        return Err(HandoffError::NotAllowed);
    }
    if let Transition::Assign { to, .. } = transition
        && repo::memberships::role_of(tx, to).await?.is_none()
    {
        return Err(HandoffError::MemberNotFound);
    }
    let Some((kind, to_state, assignee)) = next(current.state, current.assignee_id, transition)?
    else {
        return Ok(None);
    };
    repo::chats::set_state(tx, chat, to_state, assignee).await?;
    let actor = match transition {
        Transition::TakeOver { actor }
        | Transition::Assign { actor, .. }
        | Transition::HandBack { actor }
        | Transition::Resolve { actor } => Some(actor),
        Transition::VisitorRequest | Transition::ModelRequest | Transition::Reopen => None,
    };
    let event = repo::chat_events::insert(
        tx,
        &NewChatEvent {
            chat,
            kind,
            from_state: current.state,
            to_state,
            actor,
            assignee,
        },
    )
    .await?;
    if let Some((event_type, data)) = ChatStateData::event(&event) {
        webhooks::emit(tx, event_type, &data).await?;
    }
    tracing::info!(kind = %kind, from = %current.state, to = %to_state, "chat state changed");
    Ok(Some(StateChanged {
        tenant: tx.tenant_id(),
        chat,
        event,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChatState as S;

    fn user() -> UserId {
        UserId::new()
    }

    #[test]
    fn take_over_is_refused_when_another_member_has_the_chat() {
        let (ayse, bob) = (user(), user());
        assert!(matches!(
            next(S::Assigned, Some(bob), Transition::TakeOver { actor: ayse }),
            Err(HandoffError::AssignedElsewhere)
        ));
        assert!(
            next(
                S::Assigned,
                Some(ayse),
                Transition::TakeOver { actor: ayse }
            )
            .unwrap()
            .is_none()
        );
        for from in [S::Open, S::NeedsHuman, S::Resolved] {
            let (kind, to, who) = next(from, None, Transition::TakeOver { actor: ayse })
                .unwrap()
                .unwrap();
            assert_eq!(
                (kind, to, who),
                (ChatEventKind::TakenOver, S::Assigned, Some(ayse))
            );
        }
        // A removed assignee frees the chat.
        assert!(next(S::Assigned, None, Transition::TakeOver { actor: ayse }).is_ok());
    }

    #[test]
    fn hand_back_needs_someone_or_a_request() {
        let actor = user();
        assert!(matches!(
            next(S::Open, None, Transition::HandBack { actor }),
            Err(HandoffError::Conflict(S::Open))
        ));
        assert!(matches!(
            next(S::Resolved, None, Transition::HandBack { actor }),
            Err(HandoffError::Conflict(S::Resolved))
        ));
        assert_eq!(
            next(S::Assigned, Some(actor), Transition::HandBack { actor })
                .unwrap()
                .unwrap()
                .1,
            S::Open
        );
    }

    #[test]
    fn requests_and_reopening_never_take_a_chat_from_a_member() {
        let m = Some(user());
        assert!(
            next(S::Assigned, m, Transition::VisitorRequest)
                .unwrap()
                .is_none()
        );
        assert!(
            next(S::Assigned, m, Transition::ModelRequest)
                .unwrap()
                .is_none()
        );
        assert!(next(S::Assigned, m, Transition::Reopen).unwrap().is_none());
        assert_eq!(
            next(S::Resolved, None, Transition::Reopen)
                .unwrap()
                .unwrap()
                .1,
            S::Open
        );
        assert!(matches!(
            next(S::Resolved, None, Transition::Resolve { actor: user() }),
            Err(HandoffError::Conflict(S::Resolved))
        ));
    }
}
