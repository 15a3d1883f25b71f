//! When the Socket.IO adapter may have lost broadcasts — Redis went away and came back,
//! or this node fell further behind than its buffer — the node sends each of its widget
//! sockets, from Postgres, every final message after that socket's cursor. Nothing has
//! to happen on the client: a reply lost on the way still arrives, without a reconnect
//! (the widget keeps one message per id, so a message it already had changes nothing).

use std::{collections::HashMap, time::Duration};

use kremna_shared::{
    db::TrustedDb,
    events::{MessagePayload, WIDGET_NS, names},
    ids::{ChatId, TenantId},
    realtime::{Adapter, Io, LinkStatus},
    repo,
};
use socketioxide::extract::SocketRef;
use tokio::sync::watch;

use super::cursors::Cursors;

/// Messages in flight when the link was last known good may still have been lost: the
/// replay reaches this much further back.
const MARGIN: Duration = Duration::from_secs(1);

/// Replays after every loss the link reports, until the link is gone.
pub async fn run(io: Io, db: TrustedDb, mut status: watch::Receiver<LinkStatus>) {
    let mut handled = status.borrow_and_update().losses;
    while status.changed().await.is_ok() {
        let LinkStatus {
            losses, lost_since, ..
        } = *status.borrow_and_update();
        if losses == handled {
            continue;
        }
        handled = losses;
        let within = lost_since.elapsed() + MARGIN;
        let replayed = replay(&io, &db, within).await;
        tracing::info!(
            replayed,
            window_ms = within.as_millis(),
            "sent visitors the final messages they may have missed"
        );
    }
}

struct Reader {
    socket: SocketRef<Adapter>,
    cursors: Cursors,
    after: i64,
}

/// One pass over this node's widget sockets: each gets the final messages of its chats
/// after its cursor that became final `within` the window; how many went out.
async fn replay(io: &Io, db: &TrustedDb, within: Duration) -> usize {
    let Some(widgets) = io.of(WIDGET_NS) else {
        return 0;
    };
    let mut chats: HashMap<(TenantId, ChatId), Vec<Reader>> = HashMap::new();
    for socket in widgets.sockets() {
        let Some(cursors) = socket.extensions.get::<Cursors>() else {
            continue;
        };
        for (chat, cursor) in cursors.all() {
            chats
                .entry((cursor.tenant, chat))
                .or_default()
                .push(Reader {
                    socket: socket.clone(),
                    cursors: cursors.clone(),
                    after: cursor.seq,
                });
        }
    }
    let mut sent = 0;
    for ((tenant, chat), readers) in chats {
        let after = readers.iter().map(|r| r.after).min().unwrap_or(0);
        let missed = match read_after(db, tenant, chat, after, within).await {
            Ok(missed) => missed,
            Err(err) => {
                tracing::warn!(%err, %chat, "could not read what the chat's visitors missed");
                continue;
            }
        };
        let Some(newest) = missed.iter().filter_map(|m| m.seq).max() else {
            continue;
        };
        for reader in readers {
            for message in missed
                .iter()
                .filter(|m| m.seq.is_some_and(|s| s > reader.after))
            {
                if reader
                    .socket
                    .emit(names::NEW_MESSAGE, &MessagePayload::from(message))
                    .is_ok()
                {
                    sent += 1;
                }
            }
            // Anything older than the window had reached the socket before the loss.
            reader.cursors.advance(chat, tenant, newest);
        }
    }
    sent
}

async fn read_after(
    db: &TrustedDb,
    tenant: TenantId,
    chat: ChatId,
    after: i64,
    within: Duration,
) -> anyhow::Result<Vec<repo::messages::MessageRecord>> {
    let mut tx = db.tenant(tenant).await?;
    let missed = repo::messages::list_final_within(&mut tx, chat, after, within).await?;
    tx.commit().await?;
    Ok(missed)
}
