//! Visitor identity on `start_chat`: the page's claim (`Kremna.identify(..)` in the
//! widget) is parsed at the edge, then decided against the assistant's identity secret
//! at `start_chat`; the decision travels with the socket's grant and the visitor token,
//! and is recorded on the chat when its first event creates the row
//! (`kremna_shared::chat::open_chat`). A claim with
//! no hash, a wrong hash, or for an assistant with no secret is kept, unverified.

use kremna_shared::{
    auth::identity,
    db::{RepoError, TenantTx},
    domain::identity::{IdentityClaim, VisitorIdentity},
    events::IdentifyRequest,
    ids::AssistantId,
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
