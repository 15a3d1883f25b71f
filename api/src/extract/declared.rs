//! Holds a JSON body to the limits its published schema declares (`maxLength`,
//! `minLength`, `pattern`, `minimum`, `maximum`, `minItems`, `maxItems`), walking the
//! same `MetaSchema` poem-openapi writes into the spec. serde reads the fields but knows
//! nothing of the `#[oai(validator(..))]` attributes that put those limits in the spec;
//! with this pass a limit in the spec is a limit on the server by construction (issue 9
//! point 10: the knowledge routes took `limit: 0` and an over-long `text`).
//!
//! Failures name the field by its full path (`theme.primary_color`,
//! `allowed_origins[1]`), as serde's errors do, so the dashboard can put the message
//! next to the right input. Types and required fields are serde's job, checked before.

use poem_openapi::registry::{MetaSchema, MetaSchemaRef, Registry};
use serde_json::Value;

use crate::error::ApiError;

/// Checks `value` against the limits of `T`'s schema.
pub fn check<T: poem_openapi::types::Type>(value: &Value) -> Result<(), ApiError> {
    let mut registry = Registry::new();
    T::register(&mut registry);
    Walker {
        registry: &registry,
    }
    .check(&T::schema_ref(), value, "")
    .map_err(|(field, message)| ApiError::validation(field, message))
}

struct Walker<'a> {
    registry: &'a Registry,
}

type Failure = (String, String);

impl Walker<'_> {
    fn resolve<'s>(&'s self, schema: &'s MetaSchemaRef) -> Option<&'s MetaSchema> {
        match schema {
            MetaSchemaRef::Inline(inline) => Some(inline),
            MetaSchemaRef::Reference(name) => self.registry.schemas.get(name),
        }
    }

    fn check(&self, schema: &MetaSchemaRef, value: &Value, at: &str) -> Result<(), Failure> {
        let Some(schema) = self.resolve(schema) else {
            return Ok(());
        };
        // An optional or described reference is written as `allOf: [ref]` plus limits.
        for part in &schema.all_of {
            self.check(part, value, at)?;
        }
        let fail = |message: String| {
            Err((
                if at.is_empty() {
                    "body".into()
                } else {
                    at.to_owned()
                },
                message,
            ))
        };
        match value {
            Value::String(s) => {
                let chars = s.chars().count();
                if let Some(max) = schema.max_length
                    && chars > max
                {
                    return fail(format!("must be at most {max} characters"));
                }
                if let Some(min) = schema.min_length
                    && chars < min
                {
                    return fail(format!("must be at least {min} characters"));
                }
                if let Some(pattern) = &schema.pattern {
                    // A pattern that does not compile is a bug in a DTO: refuse nothing.
                    if regex::Regex::new(pattern).is_ok_and(|re| !re.is_match(s)) {
                        return fail(
                            "is not in the form the API accepts (see the field's `pattern` in \
                             the spec)"
                                .into(),
                        );
                    }
                }
            }
            Value::Number(n) => {
                if let Some(n) = n.as_f64() {
                    if let Some(min) = schema.minimum {
                        let exclusive = schema.exclusive_minimum.unwrap_or(false);
                        if n < min || (exclusive && n <= min) {
                            return fail(format!("must be at least {min}"));
                        }
                    }
                    if let Some(max) = schema.maximum {
                        let exclusive = schema.exclusive_maximum.unwrap_or(false);
                        if n > max || (exclusive && n >= max) {
                            return fail(format!("must be at most {max}"));
                        }
                    }
                }
            }
            Value::Array(items) => {
                if let Some(max) = schema.max_items
                    && items.len() > max
                {
                    return fail(format!("must have at most {max} items"));
                }
                if let Some(min) = schema.min_items
                    && items.len() < min
                {
                    return fail(format!("must have at least {min} items"));
                }
                if let Some(item) = &schema.items {
                    for (i, v) in items.iter().enumerate() {
                        self.check(item, v, &format!("{at}[{i}]"))?;
                    }
                }
            }
            Value::Object(map) => {
                for (name, property) in &schema.properties {
                    if let Some(v) = map.get(*name) {
                        let path = if at.is_empty() {
                            (*name).to_owned()
                        } else {
                            format!("{at}.{name}")
                        };
                        self.check(property, v, &path)?;
                    }
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use poem_openapi::Object;

    use super::*;

    #[derive(Object)]
    struct Inner {
        #[oai(validator(pattern = "^#[0-9a-f]{3}$"))]
        color: String,
    }

    #[derive(Object)]
    struct Body {
        #[oai(validator(min_length = 1, max_length = 3))]
        name: String,
        #[oai(validator(minimum(value = "1"), maximum(value = "20")))]
        limit: Option<u32>,
        theme: Option<Inner>,
        #[oai(validator(max_items = 2, pattern = "^https://"))]
        origins: Option<Vec<String>>,
    }

    fn failure(value: Value) -> Option<(String, String)> {
        check::<Body>(&value).err().map(|err| match err {
            ApiError::Validation(f) => (f.field, f.message),
            other => panic!("expected a validation error, got {other:?}"),
        })
    }

    #[test]
    fn every_declared_limit_holds_and_names_its_field() {
        assert_eq!(
            failure(serde_json::json!({"name": "abc", "limit": 20})),
            None
        );
        let cases = [
            (serde_json::json!({"name": "abcd"}), "name"),
            (serde_json::json!({"name": ""}), "name"),
            (serde_json::json!({"name": "a", "limit": 0}), "limit"),
            (serde_json::json!({"name": "a", "limit": 21}), "limit"),
            (
                serde_json::json!({"name": "a", "theme": {"color": "red"}}),
                "theme.color",
            ),
            (
                serde_json::json!({"name": "a", "origins": ["https://a", "http://b"]}),
                "origins[1]",
            ),
            (
                serde_json::json!({"name": "a", "origins": ["https://a", "https://b", "https://c"]}),
                "origins",
            ),
        ];
        for (body, field) in cases {
            assert_eq!(
                failure(body.clone()).map(|(f, _)| f).as_deref(),
                Some(field),
                "{body}"
            );
        }
    }

    /// Lengths count characters, as JSON Schema does, not bytes.
    #[test]
    fn lengths_count_characters() {
        assert_eq!(failure(serde_json::json!({"name": "çğü"})), None);
    }
}
