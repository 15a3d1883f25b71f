//! The widget's one door that opens before a tenant is known: an assistant's public
//! settings by id, through the `widget_assistant` SECURITY DEFINER function. It reveals
//! no other row and no other column.

use sqlx::types::Json;

use super::Db;
use crate::{
    domain::{AssistantStatus, HandoffPolicy, assistant::Theme, origin::Origin},
    ids::{AssistantId, TenantId},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WidgetAssistant {
    pub tenant_id: TenantId,
    pub id: AssistantId,
    pub name: String,
    pub greeting: String,
    pub theme: Json<Theme>,
    pub status: AssistantStatus,
    pub allowed_origins: Vec<String>,
    /// Whether the visitor may ask for a person (the widget's "Talk to a person").
    pub handoff_policy: HandoffPolicy,
    /// Said to a visitor who asked for a person while no member is online.
    pub offline_message: String,
}

impl WidgetAssistant {
    /// Whether a page with this `Origin` may chat with the assistant. The platform's
    /// own origin (the dashboard's preview) always may. A connection without an Origin
    /// (or with an empty one) may not: a browser sends it on every websocket handshake
    /// and every cross-origin request (the widget always connects cross-origin or by
    /// websocket), so only a non-browser client omits it, and a server-side caller
    /// uses the partner API instead.
    pub fn allows_origin(&self, origin: Option<&str>, platform: &Origin) -> bool {
        let Some(origin) = origin.filter(|o| !o.trim().is_empty()) else {
            return false;
        };
        if platform.allows(origin) {
            return true;
        }
        self.allowed_origins
            .iter()
            .filter_map(|o| Origin::parse(o).ok())
            .any(|allowed| allowed.allows(origin))
    }
}

impl Db {
    pub async fn widget_assistant(
        &self,
        id: AssistantId,
    ) -> Result<Option<WidgetAssistant>, sqlx::Error> {
        sqlx::query_as(
            "SELECT tenant_id, id, name, greeting, theme, status, allowed_origins,
                    handoff_policy, offline_message
             FROM widget_assistant($1)",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
    }
}
