//! The live dashboard namespace `/agents`. The connection carries an access token in its
//! auth payload ([`auth`]); the socket joins its tenant's room and sees that tenant
//! only. One file per event.

mod auth;
mod unwatch_chat;
mod watch_chat;

use kremna_shared::{
    events::{names, tenant_room},
    ids::TenantId,
    realtime::Adapter,
};
use socketioxide::extract::SocketRef;

pub use auth::{AgentAuthError, authenticate};

/// Who a dashboard socket acts for, as checked when it connected.
#[derive(Clone, Copy)]
pub struct AgentSession {
    pub tenant: TenantId,
    pub user: kremna_shared::ids::UserId,
}

pub async fn on_connect(socket: SocketRef<Adapter>) {
    let Some(session) = socket.extensions.get::<AgentSession>() else {
        let _ = socket.disconnect();
        return;
    };
    socket.join(tenant_room(session.tenant));
    socket.on(names::WATCH_CHAT, watch_chat::handle);
    socket.on(names::UNWATCH_CHAT, unwatch_chat::handle);
}
