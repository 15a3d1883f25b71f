use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn create_read_update_list_delete() {
    let app = TestApp::spawn().await;
    let owner = app.register("crud").await;

    let created = app
        .post(
            "/assistants",
            Some(&owner.token),
            json!({ "name": "Satış Botu", "model": "mistral-tiny", "instructions": "Be brief.",
                    "temperature": 0.2, "greeting": "Merhaba!",
                    "allowed_origins": ["HTTPS://Shop.Example.com/", "https://*.example.org"],
                    "theme": { "primary_color": "#ABC", "position": "left" } }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let a = &created.body;
    assert_eq!(a["name"], "Satış Botu");
    assert_eq!(a["model"], "mistral-tiny");
    assert_eq!(a["status"], "active");
    assert_eq!(
        a["allowed_origins"],
        json!(["https://shop.example.com", "https://*.example.org"])
    );
    assert_eq!(
        a["theme"],
        json!({ "primary_color": "#aabbcc", "position": "left" })
    );
    assert_eq!(a["created_by"], json!(owner.user));
    let id = a["id"].as_str().unwrap().to_owned();
    assert_eq!(
        a["embed_snippet"],
        format!(
            r#"<script src="http://kremna.test/widget/embed.js" data-assistant-id="{id}" async></script>"#
        )
    );

    // Defaults.
    let minimal = app
        .post(
            "/assistants",
            Some(&owner.token),
            json!({ "name": "Minimal" }),
        )
        .await;
    assert_eq!(minimal.status, StatusCode::CREATED);
    assert_eq!(minimal.body["model"], "mistral-small-latest");
    assert_eq!(minimal.body["theme"]["position"], "right");
    assert!((minimal.body["temperature"].as_f64().unwrap() - 0.7).abs() < 1e-6);

    let got = app.get(&format!("/assistants/{id}"), &owner.token).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["instructions"], "Be brief.");

    let patched = app
        .patch(
            &format!("/assistants/{id}"),
            &owner.token,
            json!({ "status": "paused", "instructions": "Be thorough." }),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["status"], "paused");
    assert_eq!(patched.body["instructions"], "Be thorough.");
    assert_eq!(patched.body["name"], "Satış Botu", "absent fields stay");

    let empty_patch = app
        .patch(&format!("/assistants/{id}"), &owner.token, json!({}))
        .await;
    assert_eq!(empty_patch.status, StatusCode::OK);

    let list = app.get("/assistants", &owner.token).await;
    let names: Vec<_> = list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Minimal", "Satış Botu"], "newest first");

    let deleted = app.delete(&format!("/assistants/{id}"), &owner.token).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&format!("/assistants/{id}"), &owner.token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.delete(&format!("/assistants/{id}"), &owner.token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// Every validation failure names the field it is about.
#[tokio::test]
async fn validation_failures_name_the_field() {
    let app = TestApp::spawn().await;
    let owner = app.register("validation").await;
    let cases = [
        (json!({}), "name"),
        (json!({ "name": "" }), "name"),
        (json!({ "name": "   " }), "name"),
        (json!({ "name": "x".repeat(101) }), "name"),
        (json!({ "name": 42 }), "name"),
        (
            json!({ "name": "ok", "instructions": "y".repeat(20_001) }),
            "instructions",
        ),
        (json!({ "name": "ok", "temperature": 1.6 }), "temperature"),
        (json!({ "name": "ok", "temperature": -0.1 }), "temperature"),
        (json!({ "name": "ok", "temperature": "hot" }), "temperature"),
        (json!({ "name": "ok", "model": "has spaces" }), "model"),
        (
            json!({ "name": "ok", "allowed_origins": ["https://ok.example", "https://bad.example/path"] }),
            "allowed_origins[1]",
        ),
        (
            json!({ "name": "ok", "allowed_origins": "https://ok.example" }),
            "allowed_origins",
        ),
        (
            json!({ "name": "ok", "theme": { "primary_color": "blue", "position": "left" } }),
            "theme.primary_color",
        ),
        (
            json!({ "name": "ok", "theme": { "primary_color": "#fff", "position": "top" } }),
            "theme.position",
        ),
        (json!({ "name": "ok", "status": "deleted" }), "status"),
        (json!({ "name": "ok", "colour": "red" }), "colour"),
    ];
    for (body, field) in cases {
        let reply = app
            .post("/assistants", Some(&owner.token), body.clone())
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body} -> {}",
            reply.body
        );
        assert_eq!(reply.error_code(), "validation_failed");
        assert_eq!(reply.error_field(), field, "{body} -> {}", reply.body);
    }

    let id = app.create_assistant(&owner, "Valid").await;
    let reply = app
        .patch(
            &format!("/assistants/{id}"),
            &owner.token,
            json!({ "temperature": 9 }),
        )
        .await;
    assert_eq!(reply.error_field(), "temperature");
    let reply = app
        .patch(
            &format!("/assistants/{id}"),
            &owner.token,
            json!({ "name": null, "greeting": "g".repeat(501) }),
        )
        .await;
    // (`null` is not "absent": no request field is nullable)
    assert_eq!(reply.error_field(), "name");
    let reply = app
        .patch(
            &format!("/assistants/{id}"),
            &owner.token,
            json!({ "greeting": "g".repeat(501) }),
        )
        .await;
    assert_eq!(reply.error_field(), "greeting");
    // Nothing was changed by the refused requests.
    let got = app.get(&format!("/assistants/{id}"), &owner.token).await;
    assert_eq!(got.body["name"], "Valid");
}
