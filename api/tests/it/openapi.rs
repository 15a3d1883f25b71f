//! The committed spec (`api/openapi.json`) is what the server serves; SDKs and the
//! dashboard's client are generated from it.

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

const COMMITTED: &str = include_str!("../../openapi.json");

#[test]
fn the_committed_spec_is_current() {
    let current = kremna_api::app::openapi_json();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json"),
            format!("{current}\n"),
        )
        .unwrap();
        return;
    }
    assert!(
        COMMITTED.trim_end() == current.trim_end(),
        "api/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p kremna-api --test it openapi` and commit it"
    );
}

#[test]
fn every_operation_is_named_secured_and_documents_its_errors() {
    let spec: Value = serde_json::from_str(COMMITTED).unwrap();
    assert!(spec["components"]["securitySchemes"]["bearerAuth"].is_object());
    let mut schemes: Vec<&String> = spec["components"]["securitySchemes"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    schemes.sort();
    assert_eq!(
        schemes,
        ["apiKeyBearer", "apiKeyHeader", "bearerAuth"],
        "only the folded member and key schemes are published"
    );
    let header = &spec["components"]["securitySchemes"]["apiKeyHeader"];
    assert_eq!(header["type"], "apiKey");
    assert_eq!(header["name"], "X-API-Key");
    // An operation a key may call names both key schemes and the permission it needs.
    let list = &spec["paths"]["/assistants"]["get"];
    assert_eq!(list["x-kremna-key-permission"], "assistants:read");
    let names: Vec<String> = list["security"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_object().unwrap().keys().cloned())
        .collect();
    assert_eq!(names, ["bearerAuth", "apiKeyBearer", "apiKeyHeader"]);
    // Key management is for signed-in admins only.
    assert!(
        spec["paths"]["/api-keys"]["post"]
            .get("x-kremna-key-permission")
            .is_none()
    );
    // Error codes are a closed enum, so generated clients get a union type.
    let codes = spec["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .expect("ErrorCode is an enum in the spec");
    assert_eq!(codes.len(), kremna_shared::error_code::ErrorCode::ALL.len());
    let mut ids = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            ids.push(id.to_owned());
            let responses = op["responses"].as_object().unwrap();
            for status in ["400", "401", "404", "422", "500"] {
                assert!(
                    responses.contains_key(status),
                    "{method} {path} does not document {status}"
                );
            }
            let public = path.starts_with("/auth/register")
                || path.starts_with("/auth/login")
                || path.starts_with("/widget/")
                || path.starts_with("/invitations/preview")
                || path.starts_with("/invitations/accept/");
            assert_eq!(
                op.get("security").is_none(),
                public,
                "{method} {path}: security declared wrongly"
            );
            // Who may call shows in the spec, from the handler's `Member<R>`.
            if !public {
                let role = op["x-kremna-requires"].as_str().unwrap_or_default();
                assert!(
                    ["agent", "admin", "owner"].contains(&role),
                    "{method} {path}: no x-kremna-requires"
                );
                assert!(
                    op["description"]
                        .as_str()
                        .is_some_and(|d| d.contains("**Who may call:**")),
                    "{method} {path}: the description does not say who may call"
                );
                let security = if op.get("x-kremna-key-permission").is_some() {
                    serde_json::json!([
                        { "bearerAuth": [] },
                        { "apiKeyBearer": [] },
                        { "apiKeyHeader": [] }
                    ])
                } else {
                    serde_json::json!([{ "bearerAuth": [] }])
                };
                assert_eq!(op["security"], security, "{method} {path}");
            }
        }
    }
    for expected in [
        "register",
        "login",
        "getMe",
        "listAssistants",
        "createAssistant",
        "getAssistant",
        "updateAssistant",
        "deleteAssistant",
        "listChats",
        "listChatsByAssistant",
        "getChat",
        "deleteChat",
        "getWidgetConfig",
    ] {
        assert!(
            ids.iter().any(|id| id == expected),
            "missing operation {expected}"
        );
    }
}

#[tokio::test]
async fn the_server_serves_the_spec_and_docs() {
    let app = TestApp::spawn().await;
    let resp = app
        .client
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let served: Value = resp.json().await.unwrap();
    let committed: Value = serde_json::from_str(COMMITTED).unwrap();
    assert_eq!(served, committed);
    let docs = app
        .client
        .get(format!("{}/api/docs", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().to_lowercase().contains("<html"));
}
