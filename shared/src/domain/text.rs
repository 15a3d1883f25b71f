//! Length-bounded text values. Lengths count characters (what a person sees), not bytes.

use super::InvalidValue;

/// Defines a text newtype with a parser that trims it and enforces its bounds.
macro_rules! bounded_text {
    ($(#[$meta:meta])* $name:ident, min = $min:expr, max = $max:expr, single_line = $single:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub const MIN_CHARS: usize = $min;
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
                let value = raw.trim();
                let chars = value.chars().count();
                if chars < Self::MIN_CHARS {
                    return Err(InvalidValue(if Self::MIN_CHARS == 1 {
                        "must not be empty".to_owned()
                    } else {
                        format!("must be at least {} characters", Self::MIN_CHARS)
                    }));
                }
                if chars > Self::MAX_CHARS {
                    return Err(InvalidValue(format!(
                        "must be at most {} characters (got {chars})",
                        Self::MAX_CHARS
                    )));
                }
                if $single && value.chars().any(char::is_control) {
                    return Err(InvalidValue("must be a single line of text".to_owned()));
                }
                if value.chars().any(|c| c == '\0') {
                    return Err(InvalidValue("must not contain NUL characters".to_owned()));
                }
                Ok(Self(value.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

bounded_text!(
    /// A person's full name.
    FullName, min = 1, max = 100, single_line = true
);
bounded_text!(
    /// A tenant's (workspace's) display name.
    WorkspaceName, min = 1, max = 100, single_line = true
);
bounded_text!(
    /// An assistant's display name, shown in the widget header.
    AssistantName, min = 1, max = 100, single_line = true
);
bounded_text!(
    /// A short note for admins about what the assistant is for.
    AssistantDescription, min = 0, max = 500, single_line = false
);
bounded_text!(
    /// The system instructions sent to the model before the conversation.
    Instructions, min = 0, max = 20_000, single_line = false
);
bounded_text!(
    /// The first message the widget shows.
    Greeting, min = 0, max = 500, single_line = false
);

/// A model identifier, as the provider names it (`mistral-small-latest`, `open-mistral-nemo`…).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct ModelName(String);

impl ModelName {
    pub const MAX_CHARS: usize = 100;
    pub const DEFAULT: &'static str = "mistral-small-latest";

    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let value = raw.trim();
        let valid_char = |c: char| c.is_ascii_alphanumeric() || "-_.:/@".contains(c);
        if value.is_empty() || value.len() > Self::MAX_CHARS || !value.chars().all(valid_char) {
            return Err(InvalidValue(format!(
                "must be 1–{} characters of letters, digits and - _ . : / @",
                Self::MAX_CHARS
            )));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn default_model() -> Self {
        Self(Self::DEFAULT.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Sampling temperature: 0 (deterministic) to 1.5 (Mistral's useful upper range).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct Temperature(f32);

impl Temperature {
    pub const MIN: f32 = 0.0;
    pub const MAX: f32 = 1.5;
    pub const DEFAULT: f32 = 0.7;

    pub fn parse(value: f64) -> Result<Self, InvalidValue> {
        if value.is_finite() && (f64::from(Self::MIN)..=f64::from(Self::MAX)).contains(&value) {
            // In range, so the narrowing cannot overflow.
            #[allow(clippy::cast_possible_truncation)]
            Ok(Self(value as f32))
        } else {
            Err(InvalidValue(format!(
                "must be a number from {} to {}",
                Self::MIN,
                Self::MAX
            )))
        }
    }

    pub fn default_value() -> Self {
        Self(Self::DEFAULT)
    }

    pub fn value(self) -> f32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded_in_characters() {
        assert_eq!(
            AssistantName::parse("  Sales bot ").unwrap().as_str(),
            "Sales bot"
        );
        assert!(AssistantName::parse("   ").is_err());
        assert!(AssistantName::parse(&"ş".repeat(100)).is_ok());
        let err = AssistantName::parse(&"a".repeat(101)).unwrap_err();
        assert!(err.0.contains("at most 100"));
        assert!(AssistantName::parse("two\nlines").is_err());
        assert!(Instructions::parse("line one\nline two").is_ok());
    }

    #[test]
    fn models_and_temperatures() {
        assert!(ModelName::parse("mistral-small-latest").is_ok());
        assert!(ModelName::parse("org/model:7b@v1").is_ok());
        assert!(ModelName::parse("bad model").is_err());
        assert!(Temperature::parse(1.5).is_ok());
        assert!(Temperature::parse(0.0).is_ok());
        assert!(Temperature::parse(1.51).is_err());
        assert!(Temperature::parse(-0.1).is_err());
        assert!(Temperature::parse(f64::NAN).is_err());
    }
}
