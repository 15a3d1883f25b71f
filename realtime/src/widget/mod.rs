//! The widget namespace `/`: the original protocol (`start_chat`, `send_message`) and
//! its additive extensions. See `docs/realtime-protocol.md`.

mod cursors;
mod grants;
mod identity;
pub mod leave_email;
pub mod recover;
pub mod request_human;
pub mod send_message;
pub mod start_chat;
mod visitor;

use kremna_shared::{events::names, realtime::Adapter};
use socketioxide::extract::SocketRef;

pub use cursors::Cursors;
pub use grants::Grants;

pub async fn on_connect(socket: SocketRef<Adapter>) {
    socket.extensions.insert(Grants::default());
    socket.extensions.insert(Cursors::default());
    socket.on(names::START_CHAT, start_chat::handle);
    socket.on(names::SEND_MESSAGE, send_message::handle);
    socket.on(names::REQUEST_HUMAN, request_human::handle);
    socket.on(names::LEAVE_EMAIL, leave_email::handle);
    socket.on_fallback(crate::respond::unknown_event);
}
