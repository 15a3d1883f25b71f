//! `/widget/assistants/{id}`: what the embeddable widget needs before a chat starts —
//! the assistant's name, greeting and look, and where the realtime node is. Public and
//! readable from any page (the origin allowlist is enforced where chats start, on the
//! realtime node, against the page's real Origin).

use kremna_shared::{
    domain::{AssistantStatus, HandoffPolicy, assistant::LauncherPosition},
    ids::AssistantId,
};
use poem::web::Data;
use poem_openapi::{Object, OpenApi, payload::Json};

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::Path,
    state::AppState,
};

pub struct WidgetApi;

#[derive(Object)]
#[oai(rename = "WidgetTheme")]
pub struct WidgetTheme {
    pub primary_color: String,
    pub position: LauncherPosition,
}

/// An assistant's public face.
#[derive(Object)]
#[oai(rename = "WidgetConfig")]
pub struct WidgetConfig {
    pub id: AssistantId,
    pub name: String,
    pub greeting: String,
    pub theme: WidgetTheme,
    /// Where the widget opens its Socket.IO connection.
    pub realtime_url: String,
    /// When the chat goes to a person: the widget offers "Talk to a person"
    /// (`request_human`) unless this is `never`.
    pub handoff_policy: HandoffPolicy,
}

#[OpenApi(tag = "ApiTags::Widget")]
impl WidgetApi {
    /// The widget's settings for an assistant.
    ///
    /// Public: no token. A paused or unknown assistant answers 404, and the widget
    /// shows nothing.
    #[oai(
        path = "/widget/assistants/:id",
        method = "get",
        operation_id = "getWidgetConfig"
    )]
    async fn config(
        &self,
        state: Data<&AppState>,
        id: Path<AssistantId>,
    ) -> ApiResult<Json<WidgetConfig>> {
        let assistant = state
            .db
            .widget_assistant(id.0)
            .await?
            .filter(|a| a.status == AssistantStatus::Active)
            .ok_or(ApiError::NotFound("assistant"))?;
        Ok(Json(WidgetConfig {
            id: assistant.id,
            name: assistant.name,
            greeting: assistant.greeting,
            theme: WidgetTheme {
                primary_color: assistant.theme.0.primary_color,
                position: assistant.theme.0.position,
            },
            realtime_url: state
                .config
                .realtime
                .public_url
                .as_str()
                .trim_end_matches('/')
                .to_owned(),
            handoff_policy: assistant.handoff_policy,
        }))
    }
}
