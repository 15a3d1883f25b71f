//! An assistant as the domain sees it once a request has been parsed.

use serde::{Deserialize, Serialize};

use super::{
    AssistantStatus, HandoffPolicy, InvalidValue,
    origin::Origin,
    text::{AssistantDescription, AssistantName, Greeting, Instructions, ModelName, Temperature},
};

/// How the widget looks on the customer's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// `#rrggbb`, used for the launcher bubble and the visitor's messages.
    pub primary_color: String,
    pub position: LauncherPosition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LauncherPosition {
    Right,
    Left,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            primary_color: "#2563eb".to_owned(),
            position: LauncherPosition::Right,
        }
    }
}

/// Parses `#rrggbb` (or `#rgb`) into the canonical lower-case `#rrggbb`.
pub fn parse_hex_color(raw: &str) -> Result<String, InvalidValue> {
    let hex = raw.trim().strip_prefix('#').unwrap_or("");
    let valid = hex.chars().all(|c| c.is_ascii_hexdigit());
    match (valid, hex.len()) {
        (true, 6) => Ok(format!("#{}", hex.to_ascii_lowercase())),
        (true, 3) => Ok(format!(
            "#{}",
            hex.chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_lowercase()
        )),
        _ => Err(InvalidValue("must be a colour like #2563eb".into())),
    }
}

/// At most this many allowed origins per assistant: a list, not a registry.
pub const MAX_ALLOWED_ORIGINS: usize = 50;

/// A new assistant, every field valid.
#[derive(Debug, Clone)]
pub struct NewAssistant {
    pub name: AssistantName,
    pub description: AssistantDescription,
    pub model: ModelName,
    pub instructions: Instructions,
    pub temperature: Temperature,
    pub greeting: Greeting,
    pub allowed_origins: Vec<Origin>,
    pub theme: Theme,
    pub status: AssistantStatus,
    pub handoff_policy: HandoffPolicy,
    /// Shown to a visitor who asked for a person when no member is online.
    pub offline_message: Greeting,
}

/// A partial update: `None` leaves the field as it is.
#[derive(Debug, Clone, Default)]
pub struct AssistantPatch {
    pub name: Option<AssistantName>,
    pub description: Option<AssistantDescription>,
    pub model: Option<ModelName>,
    pub instructions: Option<Instructions>,
    pub temperature: Option<Temperature>,
    pub greeting: Option<Greeting>,
    pub allowed_origins: Option<Vec<Origin>>,
    pub theme: Option<Theme>,
    pub status: Option<AssistantStatus>,
    pub handoff_policy: Option<HandoffPolicy>,
    pub offline_message: Option<Greeting>,
}

impl AssistantPatch {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.description.is_none()
            && self.model.is_none()
            && self.instructions.is_none()
            && self.temperature.is_none()
            && self.greeting.is_none()
            && self.allowed_origins.is_none()
            && self.theme.is_none()
            && self.status.is_none()
            && self.handoff_policy.is_none()
            && self.offline_message.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(parse_hex_color("#ABC").unwrap(), "#aabbcc");
        assert_eq!(parse_hex_color("#2563EB").unwrap(), "#2563eb");
        assert!(parse_hex_color("2563eb").is_err());
        assert!(parse_hex_color("#12345g").is_err());
        assert!(parse_hex_color("red").is_err());
    }
}
