//! Visitor identity on `start_chat`: the page's claim (`Kremna.identify(..)` in the
//! widget) is parsed at the edge, then decided against the assistant's identity secret
//! inside the tenant transaction that creates the chat, and recorded on it. A claim with
//! no hash, a wrong hash, or for an assistant with no secret is kept, unverified.

use kremna_shared::{
    auth::identity,
    db::{RepoError, TenantTx},
    domain::identity::{IdentityClaim, VisitorIdentity},
    events::IdentifyRequest,
    ids::{AssistantId, ChatId},
    repo,
};

use crate::respond::Refusal;

/// A well-formed claim, or a refusal naming the field that is not.
pub fn parse(raw: Option<IdentifyRequest>) -> Result<Option<IdentityClaim>, Refusal> {
    raw.map(|r| {
        IdentityClaim::parse(
            &r.user_id,
            r.name.as_deref(),
            r.email.as_deref(),
            r.user_hash.as_deref(),
        )
        .map_err(|e| Refusal::invalid(format!("`{}` {}.", e.field, e.message)))
    })
    .transpose()
}

/// Believes the claim or not, by the assistant's current secret (read in `tx`).
pub async fn decide(
    tx: &mut TenantTx,
    assistant: AssistantId,
    claim: IdentityClaim,
) -> Result<VisitorIdentity, RepoError> {
    let secret = repo::assistants::identity_secret(tx, assistant)
        .await?
        .flatten();
    Ok(identity::verify(secret.as_ref(), claim))
}

/// Decides the claim and records the outcome on the new chat, in its transaction.
pub async fn record(
    tx: &mut TenantTx,
    assistant: AssistantId,
    chat: ChatId,
    claim: Option<IdentityClaim>,
) -> Result<Option<VisitorIdentity>, RepoError> {
    let Some(claim) = claim else {
        return Ok(None);
    };
    let decided = decide(tx, assistant, claim).await?;
    repo::chats::set_identity(tx, chat, &decided).await?;
    tracing::info!(%chat, verified = decided.verified, "visitor identity recorded");
    Ok(Some(decided))
}
