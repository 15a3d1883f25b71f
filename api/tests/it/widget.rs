use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;

/// The widget's public settings: readable without a token from any page, nothing but
/// the public face, and 404 for paused or unknown assistants.
#[tokio::test]
async fn the_widget_reads_public_settings_from_any_page() {
    let app = TestApp::spawn_with(&[("REALTIME_PUBLIC_URL", "https://rt.kremna.test/")]).await;
    let owner = app.register("widget").await;
    let created = app
        .post(
            "/assistants",
            Some(&owner.token),
            json!({ "name": "Shop helper", "greeting": "Hi!", "instructions": "secret sauce",
                    "theme": { "primary_color": "#112233", "position": "left" },
                    "handoff_policy": "on_request" }),
        )
        .await;
    let id = created.body["id"].as_str().unwrap();

    let resp = app
        .client
        .get(format!("{}/api/v1/widget/assistants/{id}", app.base))
        .header("origin", "https://some-customer.example")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers()["access-control-allow-origin"],
        "https://some-customer.example"
    );
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        json!({ "id": id, "name": "Shop helper", "greeting": "Hi!",
                "theme": { "primary_color": "#112233", "position": "left" },
                "realtime_url": "https://rt.kremna.test", "handoff_policy": "on_request" })
    );
    assert!(
        !body.to_string().contains("secret sauce"),
        "instructions stay private"
    );

    app.patch(
        &format!("/assistants/{id}"),
        &owner.token,
        json!({ "status": "paused" }),
    )
    .await;
    let paused = app
        .client
        .get(format!("{}/api/v1/widget/assistants/{id}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(paused.status(), StatusCode::NOT_FOUND);
    let unknown = app
        .client
        .get(format!(
            "{}/api/v1/widget/assistants/{}",
            app.base,
            uuid::Uuid::new_v4()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

/// The rest of the API answers browsers only on the platform's own origin.
#[tokio::test]
async fn the_private_api_does_not_allow_other_origins() {
    let app = TestApp::spawn().await;
    let preflight = |origin: &'static str| {
        app.client
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/v1/assistants", app.base),
            )
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    let evil = preflight("https://evil.example").await.unwrap();
    assert!(evil.headers().get("access-control-allow-origin").is_none());
    let own = preflight("http://kremna.test").await.unwrap();
    assert_eq!(
        own.headers()["access-control-allow-origin"],
        "http://kremna.test"
    );
}
