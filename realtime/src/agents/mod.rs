//! The live dashboard namespace `/agents`. The connection carries an access token in its
//! auth payload ([`auth`]); the socket joins its tenant's room and sees that tenant
//! only. One file per event. Access is re-checked for as long as the socket lives
//! ([`access`]).

pub mod access;
mod auth;
mod unwatch_chat;
mod watch_chat;

use kremna_shared::{
    auth::AccessClaims,
    events::{names, tenant_room},
    ids::TenantId,
    realtime::Adapter,
};
use socketioxide::extract::SocketRef;

use crate::respond;

pub use auth::{AgentAuthError, authenticate};

/// Who a dashboard socket acts for, as checked when it connected, and the token it
/// connected with (re-checked for as long as the socket lives).
#[derive(Clone)]
pub struct AgentSession {
    pub tenant: TenantId,
    pub user: kremna_shared::ids::UserId,
    pub claims: AccessClaims,
}

pub async fn on_connect(socket: SocketRef<Adapter>) {
    let Some(session) = socket.extensions.get::<AgentSession>() else {
        let _ = socket.disconnect();
        return;
    };
    access::watch_expiry(&socket, &session);
    socket.join(tenant_room(session.tenant));
    socket.on(names::WATCH_CHAT, watch_chat::handle);
    socket.on(names::UNWATCH_CHAT, unwatch_chat::handle);
    socket.on_fallback(respond::unknown_event);
}
