//! Use cases on chats that every door shares (the widget, the dashboard's agents, the
//! partner API), so each rule lives in one place.

pub mod handoff;
mod open;
mod post;

pub use handoff::{HandoffError, StateChanged, Transition, change_state};
pub use open::{OpenError, Opening, open_chat};
pub use post::{Author, Post, PostError, Posted, post_message};
