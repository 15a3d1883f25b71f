//! Writes the TypeScript declarations of the realtime protocol into the widget and the
//! dashboard, and fails when a committed copy differs from what the Rust types say.
//! Refresh after changing a payload: `UPDATE_BINDINGS=1 cargo test -p kremna-shared
//! --features ts bindings`.

use std::path::PathBuf;

use ts_rs::TS;

use super::{client, server};
use crate::{
    domain::{
        ChatEventKind, ChatState, HandoffPolicy, MessageRole, MessageStatus,
        assistant::LauncherPosition,
    },
    error_code::ErrorCode,
    ids::{AssistantId, ChatId, MessageId, UserId},
};

/// Where the generated file lives in each front end (relative to the repo root).
const TARGETS: &[&str] = &[
    "widget/src/generated/protocol.ts",
    "frontend/src/api/generated/protocol.ts",
];

fn declarations() -> String {
    let decls = [
        ChatId::decl(),
        AssistantId::decl(),
        MessageId::decl(),
        UserId::decl(),
        MessageRole::decl(),
        MessageStatus::decl(),
        LauncherPosition::decl(),
        ChatState::decl(),
        ChatEventKind::decl(),
        ErrorCode::decl(),
        server::MessagePayload::decl(),
        server::SourceLink::decl(),
        server::DeltaPayload::decl(),
        server::TypingPayload::decl(),
        server::ChatOpenedPayload::decl(),
        server::ChatIdentity::decl(),
        server::ChatStarted::decl(),
        server::AssistantCard::decl(),
        server::ThemeCard::decl(),
        server::MessageSent::decl(),
        server::RefusalBody::decl(),
        server::ErrorEvent::decl(),
        server::ChatEventPayload::decl(),
        server::ChatStateChangedPayload::decl(),
        HandoffPolicy::decl(),
        server::VisitorChatState::decl(),
        server::VisitorEmailPayload::decl(),
        client::StartChatRequest::decl(),
        client::IdentifyRequest::decl(),
        client::SendMessageRequest::decl(),
        client::WatchChatRequest::decl(),
        client::RequestHumanRequest::decl(),
        client::LeaveEmailRequest::decl(),
    ];
    let mut out = String::from(
        "// Generated from shared/src/events (Rust, ts-rs). Do not edit: change the Rust types\n\
         // and run `UPDATE_BINDINGS=1 cargo test -p kremna-shared --features ts bindings`.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    out.push_str("/** Every error code, for exhaustive message catalogues. */\n");
    out.push_str("export const ERROR_CODES: readonly ErrorCode[] = [\n");
    for code in ErrorCode::ALL {
        out.push_str(&format!("  \"{}\",\n", code.as_str()));
    }
    out.push_str("];\n");
    out
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

#[test]
fn bindings_are_fresh() {
    let expected = declarations();
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    for target in TARGETS {
        let path = repo_root().join(target);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{target} is stale: run `UPDATE_BINDINGS=1 cargo test -p kremna-shared --features ts bindings`"
        );
    }
}
