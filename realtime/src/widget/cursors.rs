//! How far each widget socket is known to have every final message of its chats: the
//! seq it resumed from, or the last seq this node replayed to it. Live broadcasts do not
//! move it (the node cannot tell which ones arrived), so it only ever errs on the side
//! of sending a message again — which the widget keeps once per id.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use kremna_shared::ids::{ChatId, TenantId};

/// Stored in the socket's extensions at connect time.
#[derive(Clone, Default)]
pub struct Cursors(Arc<Mutex<HashMap<ChatId, Cursor>>>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub tenant: TenantId,
    /// Every final message of the chat up to this seq has reached the socket.
    pub seq: i64,
}

/// Like the grants: a socket holds a bounded number of chats.
const MAX_CHATS: usize = 32;

impl Cursors {
    /// The socket has every final message of `chat` up to `seq` (never moves back).
    pub fn advance(&self, chat: ChatId, tenant: TenantId, seq: i64) {
        let Ok(mut cursors) = self.0.lock() else {
            return;
        };
        if cursors.len() >= MAX_CHATS && !cursors.contains_key(&chat) {
            cursors.clear();
        }
        let cursor = cursors.entry(chat).or_insert(Cursor { tenant, seq });
        cursor.seq = cursor.seq.max(seq);
    }

    pub fn all(&self) -> Vec<(ChatId, Cursor)> {
        self.0
            .lock()
            .map(|c| c.iter().map(|(chat, cursor)| (*chat, *cursor)).collect())
            .unwrap_or_default()
    }
}
