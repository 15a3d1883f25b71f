//! The REST API under `/api/v1`, one module per resource. A path's handler lives in the
//! module named after its first segment (`/chats/{id}` → `chats`).

pub mod analytics;
pub mod api_keys;
pub mod assistants;
pub mod auth;
pub mod chats;
pub mod conversations;
pub mod health;
pub mod invitations;
pub mod knowledge;
pub mod members;
pub mod webhooks;
pub mod widget;
pub mod workspace;

use poem_openapi::Tags;

#[derive(Tags)]
pub enum ApiTags {
    /// Registration, sign-in and the signed-in user.
    Auth,
    /// AI assistants: their model, instructions and widget settings.
    Assistants,
    /// Conversations between visitors and assistants, with their messages.
    Chats,
    /// The workspace's team: members and their roles.
    Members,
    /// Joining a workspace by link.
    Invitations,
    /// The workspace itself: its name.
    Workspace,
    /// Usage figures and exports.
    Analytics,
    /// The knowledge base: sources, their chunks, retrieval and citations.
    Knowledge,
    /// Public settings for the embeddable widget (no token).
    Widget,
    /// Partners' API keys for the workspace.
    ApiKeys,
    /// The conversation API: run a chat with an assistant from your backend, replies
    /// streamed as Server-Sent Events or awaited as JSON.
    Conversations,
    /// Signed webhooks: endpoints, their secrets and the delivery log.
    Webhooks,
}

/// The API groups' types (a 13-tuple: named, so clippy's type_complexity is satisfied).
pub type Apis = (
    auth::AuthApi,
    assistants::AssistantsApi,
    assistants::AssistantIdentityApi,
    chats::ChatsApi,
    conversations::ConversationsApi,
    analytics::AnalyticsApi,
    knowledge::KnowledgeApi,
    widget::WidgetApi,
    api_keys::ApiKeysApi,
    webhooks::WebhooksApi,
    members::MembersApi,
    invitations::InvitationsApi,
    workspace::WorkspaceApi,
);

/// Every API group, in the order the spec lists them.
pub fn apis() -> Apis {
    (
        auth::AuthApi,
        assistants::AssistantsApi,
        assistants::AssistantIdentityApi,
        chats::ChatsApi,
        conversations::ConversationsApi,
        analytics::AnalyticsApi,
        knowledge::KnowledgeApi,
        widget::WidgetApi,
        api_keys::ApiKeysApi,
        webhooks::WebhooksApi,
        members::MembersApi,
        invitations::InvitationsApi,
        workspace::WorkspaceApi,
    )
}
