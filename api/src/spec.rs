//! The published OpenAPI spec, built once: what poem-openapi generates from the routes,
//! with each operation's requirement made readable.
//!
//! The `Member<R>` extractor lists its bearer scheme as `bearerAuth@<role>` so the
//! requirement travels with the type into the generated spec (poem-openapi gives an
//! extractor no other per-operation hook). Here those names fold back into the one
//! `bearerAuth` scheme, and each operation's description gains a line saying who may call
//! it, plus `x-kremna-requires` for tools.

use serde_json::{Map, Value, json};

use crate::extract::{
    api_key::{KEY_BEARER_SCHEME, KEY_HEADER_SCHEME},
    auth::BEARER_SCHEME,
};

/// Turns poem-openapi's spec into the one we publish (pretty JSON).
pub fn finalize(raw: &str) -> String {
    let mut spec: Value = match serde_json::from_str(raw) {
        Ok(spec) => spec,
        // The generator's own output always parses; if it ever did not, publish it as is.
        Err(_) => return raw.to_owned(),
    };
    let folded = fold_role_schemes(&mut spec);
    fold_key_schemes(&mut spec);
    if let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) {
        for operation in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in operation.values_mut().filter_map(Value::as_object_mut) {
                describe_requirement(op, &folded);
            }
        }
    }
    close_request_schemas(&mut spec);
    declare_parameter_formats(&mut spec);
    serde_json::to_string_pretty(&spec).unwrap_or_else(|_| raw.to_owned())
}

/// Query parameters whose accepted values poem-openapi cannot describe: days are RFC 3339
/// full dates (poem-openapi says `naive-date`, which no tool knows), `timezone` is one of
/// the IANA names the server knows, and the chat lists' `after` (and its old name
/// `cursor`) is the form `routes/chats/cursor.rs` writes (every string of that form is
/// accepted). Other lists' `after` cursors keep their own declared pattern.
fn declare_parameter_formats(spec: &mut Value) {
    let zones: Vec<Value> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| json!(tz.name()))
        .collect();
    let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for operation in paths.values_mut().filter_map(Value::as_object_mut) {
        for op in operation.values_mut().filter_map(Value::as_object_mut) {
            let chat_list = matches!(
                op.get("operationId").and_then(Value::as_str),
                Some("listChats" | "listChatsByAssistant")
            );
            let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else {
                continue;
            };
            for param in params.iter_mut().filter_map(Value::as_object_mut) {
                let name = param
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let Some(schema) = param.get_mut("schema").and_then(Value::as_object_mut) else {
                    continue;
                };
                if schema.get("format") == Some(&json!("naive-date")) {
                    schema.insert("format".into(), json!("date"));
                    schema.insert("pattern".into(), json!("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
                }
                match name.as_str() {
                    "timezone" => {
                        schema.remove("maxLength");
                        schema.insert("enum".into(), Value::Array(zones.clone()));
                    }
                    "cursor" | "after" if chat_list => {
                        schema.remove("maxLength");
                        schema.insert(
                            "pattern".into(),
                            json!(crate::routes::chats::cursor::PATTERN),
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Every request body is read with serde's `deny_unknown_fields` (an unknown property is
/// a 422 naming it), so the schemas request bodies use, and the schemas they refer to,
/// say `additionalProperties: false`.
fn close_request_schemas(spec: &mut Value) {
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref")
                    && let Some(name) = r.strip_prefix("#/components/schemas/")
                {
                    out.push(name.to_owned());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut pending = Vec::new();
    if let Some(paths) = spec.get("paths").and_then(Value::as_object) {
        for operation in paths.values().filter_map(Value::as_object) {
            for op in operation.values() {
                if let Some(body) = op.get("requestBody") {
                    refs(body, &mut pending);
                }
            }
        }
    }
    let mut done: Vec<String> = Vec::new();
    while let Some(name) = pending.pop() {
        if done.contains(&name) {
            continue;
        }
        let Some(schema) = spec
            .pointer_mut(&format!("/components/schemas/{name}"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        if schema.get("type") == Some(&json!("object")) {
            schema.insert("additionalProperties".into(), json!(false));
        }
        let mut nested = Vec::new();
        refs(&Value::Object(schema.clone()), &mut nested);
        pending.extend(nested);
        done.push(name);
    }
}

/// Removes the `bearerAuth@<role>` schemes from the components, adds the one
/// `bearerAuth`, and returns each folded name with who it admits.
fn fold_role_schemes(spec: &mut Value) -> Map<String, Value> {
    let mut folded = Map::new();
    let Some(schemes) = spec
        .pointer_mut("/components/securitySchemes")
        .and_then(Value::as_object_mut)
    else {
        return folded;
    };
    let names: Vec<String> = schemes
        .keys()
        .filter(|name| name.starts_with(&format!("{BEARER_SCHEME}@")))
        .cloned()
        .collect();
    for name in names {
        if let Some(scheme) = schemes.remove(&name) {
            folded.insert(name, scheme["description"].clone());
        }
    }
    if !folded.is_empty() {
        schemes.insert(
            BEARER_SCHEME.to_owned(),
            json!({
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "A dashboard access token from `POST /auth/login` (or \
                    `/auth/register`). Each operation says which members may call it; \
                    the role is read from the database on every request."
            }),
        );
    }
    folded
}

/// Removes the `apiKeyBearer@<resource>:<access>` and `apiKeyHeader@…` schemes and adds
/// the two key schemes they stand for.
fn fold_key_schemes(spec: &mut Value) {
    let Some(schemes) = spec
        .pointer_mut("/components/securitySchemes")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let names: Vec<String> = schemes
        .keys()
        .filter(|name| {
            name.starts_with(&format!("{KEY_BEARER_SCHEME}@"))
                || name.starts_with(&format!("{KEY_HEADER_SCHEME}@"))
        })
        .cloned()
        .collect();
    if names.is_empty() {
        return;
    }
    for name in names {
        schemes.remove(&name);
    }
    schemes.insert(
        KEY_BEARER_SCHEME.to_owned(),
        json!({
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "kr_live_…",
            "description": "A partner API key (`Authorization: Bearer kr_live_…`), made in \
                the dashboard (Settings → API keys) or with `POST /api-keys`. Each operation \
                says which permission a key needs. Answers carry `RateLimit-Limit`, \
                `RateLimit-Remaining` and `RateLimit-Reset`; over the limit, 429 with \
                `Retry-After`. A `POST` with an `Idempotency-Key` header (up to 255 \
                characters) runs once: a retry with the same key and body gets the first \
                answer again (`Idempotent-Replayed: true`) for 24 hours; the same key with \
                another body answers 409 `idempotency_key_reused`, and while the first is \
                still running, 409 `idempotency_key_in_progress`."
        }),
    );
    schemes.insert(
        KEY_HEADER_SCHEME.to_owned(),
        json!({
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "The same partner API key in the `X-API-Key` header."
        }),
    );
}

/// `apiKeyBearer@chats:read` → `Some("chats:read")`.
fn key_permission(name: &str) -> Option<&str> {
    name.strip_prefix(&format!("{KEY_BEARER_SCHEME}@"))
        .or_else(|| name.strip_prefix(&format!("{KEY_HEADER_SCHEME}@")))
}

fn describe_requirement(op: &mut Map<String, Value>, folded: &Map<String, Value>) {
    let Some(security) = op.get_mut("security").and_then(Value::as_array_mut) else {
        return;
    };
    let mut who = None;
    let mut key_needs = None;
    for requirement in security.iter_mut().filter_map(Value::as_object_mut) {
        let names: Vec<String> = requirement.keys().cloned().collect();
        for name in names {
            if let Some(permission) = key_permission(&name) {
                let base = if name.starts_with(KEY_BEARER_SCHEME) {
                    KEY_BEARER_SCHEME
                } else {
                    KEY_HEADER_SCHEME
                };
                key_needs = Some(permission.to_owned());
                let scopes = requirement.remove(&name).unwrap_or_else(|| json!([]));
                requirement.insert(base.to_owned(), scopes);
                continue;
            }
            if let Some(described) = folded.get(&name) {
                let scopes = requirement.remove(&name).unwrap_or_else(|| json!([]));
                requirement.insert(BEARER_SCHEME.to_owned(), scopes);
                let role = name.rsplit('@').next().unwrap_or_default().to_owned();
                who = Some((role, described.as_str().unwrap_or_default().to_owned()));
            }
        }
    }
    if let Some((role, described)) = who {
        let mut line = format!("**Who may call:** {described}.");
        if let Some(permission) = &key_needs {
            let (resource, access) = permission.split_once(':').unwrap_or((permission, ""));
            line.push_str(&format!(
                " API keys need `{access}` access to `{resource}`."
            ));
            op.insert(
                "x-kremna-key-permission".into(),
                Value::String(permission.clone()),
            );
        }
        let description = match op.get("description").and_then(Value::as_str) {
            Some(text) if !text.is_empty() => format!("{text}\n\n{line}"),
            _ => line,
        };
        op.insert("description".into(), Value::String(description));
        op.insert("x-kremna-requires".into(), Value::String(role));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_role_schemes_into_one_and_describes_each_operation() {
        let raw = json!({
            "paths": {
                "/things": {
                    "get": { "summary": "List", "security": [{ "bearerAuth@agent": [] }] },
                    "post": {
                        "description": "Make one.",
                        "security": [{ "bearerAuth@admin": [] }]
                    }
                },
                "/open": { "get": { "summary": "Public" } }
            },
            "components": { "securitySchemes": {
                "bearerAuth@agent": { "type": "http", "description": "any member" },
                "bearerAuth@admin": { "type": "http", "description": "an admin" }
            }}
        })
        .to_string();
        let spec: Value = serde_json::from_str(&finalize(&raw)).unwrap();
        let schemes = spec["components"]["securitySchemes"].as_object().unwrap();
        assert_eq!(schemes.keys().collect::<Vec<_>>(), vec!["bearerAuth"]);
        let get = &spec["paths"]["/things"]["get"];
        assert_eq!(get["security"], json!([{ "bearerAuth": [] }]));
        assert_eq!(get["x-kremna-requires"], "agent");
        assert_eq!(get["description"], "**Who may call:** any member.");
        let post = &spec["paths"]["/things"]["post"];
        assert_eq!(
            post["description"],
            "Make one.\n\n**Who may call:** an admin."
        );
        assert!(
            spec["paths"]["/open"]["get"]
                .get("x-kremna-requires")
                .is_none()
        );
    }
}
