//! The widget namespace `/`: the original protocol (`start_chat`, `send_message`) and
//! its additive extensions. See `docs/realtime-protocol.md`.

mod grants;
mod payload;
pub mod send_message;
pub mod start_chat;

use kremna_shared::realtime::Adapter;
use socketioxide::extract::SocketRef;

pub use grants::Grants;

pub async fn on_connect(socket: SocketRef<Adapter>) {
    socket.extensions.insert(Grants::default());
    socket.on("start_chat", start_chat::handle);
    socket.on("send_message", send_message::handle);
}
