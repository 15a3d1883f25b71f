//! The widget namespace `/`: the original protocol (`start_chat`, `send_message`) and
//! its additive extensions. See `docs/realtime-protocol.md`.

mod grants;
pub mod send_message;
pub mod start_chat;

use kremna_shared::{events::names, realtime::Adapter};
use socketioxide::extract::SocketRef;

pub use grants::Grants;

pub async fn on_connect(socket: SocketRef<Adapter>) {
    socket.extensions.insert(Grants::default());
    socket.on(names::START_CHAT, start_chat::handle);
    socket.on(names::SEND_MESSAGE, send_message::handle);
}
