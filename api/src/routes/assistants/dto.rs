use chrono::{DateTime, Utc};
use kremna_shared::{
    domain::{
        AssistantStatus, AtField, FieldError, HandoffPolicy,
        assistant::{
            AssistantPatch, LauncherPosition, MAX_ALLOWED_ORIGINS, NewAssistant, Theme,
            parse_hex_color,
        },
        origin::Origin,
        text::{
            AssistantDescription, AssistantName, Greeting, Instructions, ModelName, Temperature,
        },
    },
    ids::{AssistantId, UserId},
    repo::assistants::AssistantRecord,
};
use poem_openapi::Object;
use serde::Deserialize;

/// How the widget looks.
#[derive(Object, Deserialize, Clone)]
#[oai(rename = "Theme")]
#[serde(deny_unknown_fields)]
pub struct ThemeDto {
    /// `#rrggbb`.
    #[oai(validator(pattern = "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"))]
    pub primary_color: String,
    pub position: LauncherPosition,
}

impl ThemeDto {
    fn parse(self, field: &str) -> Result<Theme, FieldError> {
        Ok(Theme {
            primary_color: parse_hex_color(&self.primary_color)
                .at(&format!("{field}.primary_color"))?,
            position: self.position,
        })
    }
}

impl From<Theme> for ThemeDto {
    fn from(t: Theme) -> Self {
        Self {
            primary_color: t.primary_color,
            position: t.position,
        }
    }
}

/// A new assistant. Only `name` is required.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAssistantRequest {
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x1f\x7f-\x9f]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub name: String,
    #[oai(validator(max_length = 500))]
    pub description: Option<String>,
    /// The provider's model id; default `mistral-small-latest`.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[A-Za-z0-9_.:/@-]+[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub model: Option<String>,
    /// System instructions: who the assistant is and how it answers.
    #[oai(validator(max_length = 20000))]
    pub instructions: Option<String>,
    /// 0 to 1.5; default 0.7.
    #[oai(validator(minimum(value = "0"), maximum(value = "1.5")))]
    pub temperature: Option<f64>,
    /// The first message the widget shows.
    #[oai(validator(max_length = 500))]
    pub greeting: Option<String>,
    /// Origins (`https://shop.example.com`, `https://*.example.com`) whose pages may
    /// embed the widget. Empty: only the dashboard's own preview.
    #[oai(validator(
        max_items = 50,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[hH][tT][tT][pP][sS]?://(\*\.([A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]*|([A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*|((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|\[(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,7}:|([0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,5}(:[0-9A-Fa-f]{1,4}){1,2}|([0-9A-Fa-f]{1,4}:){1,4}(:[0-9A-Fa-f]{1,4}){1,3}|([0-9A-Fa-f]{1,4}:){1,3}(:[0-9A-Fa-f]{1,4}){1,4}|([0-9A-Fa-f]{1,4}:){1,2}(:[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(:[0-9A-Fa-f]{1,4}){1,6}|:((:[0-9A-Fa-f]{1,4}){1,7}|:)|::([fF]{4}(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|([0-9A-Fa-f]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))\])(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?/?[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub allowed_origins: Option<Vec<String>>,
    pub theme: Option<ThemeDto>,
    /// Default `active`.
    pub status: Option<AssistantStatus>,
    /// When a chat goes to a person: `never` (default), `on_request` (the widget offers
    /// "talk to a person"), `model` (that, or when the model decides).
    pub handoff_policy: Option<HandoffPolicy>,
    /// Shown to a visitor who asked for a person while no member is online.
    #[oai(validator(max_length = 500))]
    pub offline_message: Option<String>,
}

/// Changes to an assistant; absent fields stay as they are.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateAssistantRequest {
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x1f\x7f-\x9f]*[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub name: Option<String>,
    #[oai(validator(max_length = 500))]
    pub description: Option<String>,
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[A-Za-z0-9_.:/@-]+[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub model: Option<String>,
    #[oai(validator(max_length = 20000))]
    pub instructions: Option<String>,
    #[oai(validator(minimum(value = "0"), maximum(value = "1.5")))]
    pub temperature: Option<f64>,
    #[oai(validator(max_length = 500))]
    pub greeting: Option<String>,
    #[oai(validator(
        max_items = 50,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[hH][tT][tT][pP][sS]?://(\*\.([A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]*|([A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*|((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|\[(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,7}:|([0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,5}(:[0-9A-Fa-f]{1,4}){1,2}|([0-9A-Fa-f]{1,4}:){1,4}(:[0-9A-Fa-f]{1,4}){1,3}|([0-9A-Fa-f]{1,4}:){1,3}(:[0-9A-Fa-f]{1,4}){1,4}|([0-9A-Fa-f]{1,4}:){1,2}(:[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(:[0-9A-Fa-f]{1,4}){1,6}|:((:[0-9A-Fa-f]{1,4}){1,7}|:)|::([fF]{4}(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|([0-9A-Fa-f]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))\])(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?/?[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub allowed_origins: Option<Vec<String>>,
    pub theme: Option<ThemeDto>,
    pub status: Option<AssistantStatus>,
    pub handoff_policy: Option<HandoffPolicy>,
    #[oai(validator(max_length = 500))]
    pub offline_message: Option<String>,
}

fn parse_origins(list: Vec<String>) -> Result<Vec<Origin>, FieldError> {
    if list.len() > MAX_ALLOWED_ORIGINS {
        return Err(FieldError::new(
            "allowed_origins",
            format!("may list at most {MAX_ALLOWED_ORIGINS} origins"),
        ));
    }
    let mut origins: Vec<Origin> = Vec::with_capacity(list.len());
    for (i, raw) in list.iter().enumerate() {
        let origin = Origin::parse(raw).at(&format!("allowed_origins[{i}]"))?;
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    Ok(origins)
}

impl CreateAssistantRequest {
    pub fn parse(self) -> Result<NewAssistant, FieldError> {
        Ok(NewAssistant {
            name: AssistantName::parse(&self.name).at("name")?,
            description: AssistantDescription::parse(self.description.as_deref().unwrap_or(""))
                .at("description")?,
            model: match self.model {
                Some(m) => ModelName::parse(&m).at("model")?,
                None => ModelName::default_model(),
            },
            instructions: Instructions::parse(self.instructions.as_deref().unwrap_or(""))
                .at("instructions")?,
            temperature: match self.temperature {
                Some(t) => Temperature::parse(t).at("temperature")?,
                None => Temperature::default_value(),
            },
            greeting: Greeting::parse(self.greeting.as_deref().unwrap_or("")).at("greeting")?,
            allowed_origins: parse_origins(self.allowed_origins.unwrap_or_default())?,
            theme: match self.theme {
                Some(t) => t.parse("theme")?,
                None => Theme::default(),
            },
            status: self.status.unwrap_or(AssistantStatus::Active),
            handoff_policy: self.handoff_policy.unwrap_or(HandoffPolicy::Never),
            offline_message: Greeting::parse(self.offline_message.as_deref().unwrap_or(""))
                .at("offline_message")?,
        })
    }
}

impl UpdateAssistantRequest {
    pub fn parse(self) -> Result<AssistantPatch, FieldError> {
        Ok(AssistantPatch {
            name: self
                .name
                .map(|v| AssistantName::parse(&v).at("name"))
                .transpose()?,
            description: self
                .description
                .map(|v| AssistantDescription::parse(&v).at("description"))
                .transpose()?,
            model: self
                .model
                .map(|v| ModelName::parse(&v).at("model"))
                .transpose()?,
            instructions: self
                .instructions
                .map(|v| Instructions::parse(&v).at("instructions"))
                .transpose()?,
            temperature: self
                .temperature
                .map(|v| Temperature::parse(v).at("temperature"))
                .transpose()?,
            greeting: self
                .greeting
                .map(|v| Greeting::parse(&v).at("greeting"))
                .transpose()?,
            allowed_origins: self.allowed_origins.map(parse_origins).transpose()?,
            theme: self.theme.map(|t| t.parse("theme")).transpose()?,
            status: self.status,
            handoff_policy: self.handoff_policy,
            offline_message: self
                .offline_message
                .map(|v| Greeting::parse(&v).at("offline_message"))
                .transpose()?,
        })
    }
}

#[derive(Object)]
#[oai(rename = "Assistant", skip_serializing_if_is_none)]
pub struct AssistantView {
    pub id: AssistantId,
    pub name: String,
    pub description: String,
    pub model: String,
    pub instructions: String,
    pub temperature: f64,
    pub greeting: String,
    pub allowed_origins: Vec<String>,
    pub theme: ThemeDto,
    pub status: AssistantStatus,
    pub handoff_policy: HandoffPolicy,
    pub offline_message: String,
    /// Whether visitor identities can be verified: the assistant has an identity secret
    /// (`GET /assistants/{id}/identity-secret`).
    pub identity_verification: bool,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Paste this before `</body>` on a page of an allowed origin.
    pub embed_snippet: String,
}

impl AssistantView {
    pub fn new(a: AssistantRecord, public_url: &url::Url) -> Self {
        let base = public_url.as_str().trim_end_matches('/');
        Self {
            embed_snippet: format!(
                r#"<script src="{base}/widget/embed.js" data-assistant-id="{}" async></script>"#,
                a.id
            ),
            id: a.id,
            name: a.name,
            description: a.description,
            model: a.model,
            instructions: a.instructions,
            // Stored as a 4-byte float; 0.7 must not come back as 0.699999988.
            temperature: (f64::from(a.temperature) * 1000.0).round() / 1000.0,
            greeting: a.greeting,
            allowed_origins: a.allowed_origins,
            theme: a.theme.0.into(),
            status: a.status,
            handoff_policy: a.handoff_policy,
            offline_message: a.offline_message,
            identity_verification: a.identity_verification,
            created_by: a.created_by,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

#[derive(Object)]
#[oai(rename = "AssistantList")]
pub struct AssistantList {
    /// Newest first.
    pub data: Vec<AssistantView>,
}
