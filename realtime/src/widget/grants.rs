//! The chats a widget socket has opened (`start_chat`). Sending into one of them needs
//! no token on that socket; any other chat needs its visitor token. A grant also holds
//! what the chat's row is made of, since `start_chat` stores none: the first message
//! creates it (`kremna_shared::chat::open_chat`).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use kremna_shared::{
    domain::identity::VisitorIdentity,
    ids::{AssistantId, ChatId, TenantId},
};

#[derive(Debug, Clone)]
pub struct Grant {
    pub tenant: TenantId,
    pub assistant: AssistantId,
    pub visitor: String,
    /// The page the chat was opened on.
    pub origin: Option<String>,
    /// Who the host page said the visitor is, as decided at `start_chat` (for whoever
    /// writes it on the chat row).
    pub identity: Option<Arc<VisitorIdentity>>,
}

/// Stored in the socket's extensions at connect time.
#[derive(Clone, Default)]
pub struct Grants(Arc<Mutex<HashMap<ChatId, Grant>>>);

/// A socket may hold at most this many chats (each start_chat adds one).
const MAX_GRANTS: usize = 32;

impl Grants {
    pub fn get(&self, chat: ChatId) -> Option<Grant> {
        self.0.lock().ok().and_then(|g| g.get(&chat).cloned())
    }

    pub fn insert(&self, chat: ChatId, grant: Grant) {
        if let Ok(mut grants) = self.0.lock() {
            if grants.len() >= MAX_GRANTS && !grants.contains_key(&chat) {
                grants.clear();
            }
            grants.insert(chat, grant);
        }
    }
}
