//! Tenant isolation through the API: every route, tenant B's token against tenant A's ids.

use kremna_shared::domain::MessageRole::User;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::TestApp;

/// Property: for every route that takes an id, tenant B's valid token on tenant A's id
/// answers exactly like an id that does not exist (404 `not_found`), changes nothing,
/// and no list shows B any of A's rows.
#[tokio::test]
async fn another_tenants_ids_answer_404_and_lists_never_show_them() {
    let app = TestApp::spawn().await;
    let a = app.register("tenant-a").await;
    let b = app.register("tenant-b").await;
    let a_assistant = app.create_assistant(&a, "A's assistant").await;
    let (a_chat, _) = app
        .seed_chat(a.tenant, a_assistant, &[(User, "A's secret question")])
        .await;
    let b_assistant = app.create_assistant(&b, "B's assistant").await;
    app.seed_chat(b.tenant, b_assistant, &[(User, "B's own question")])
        .await;

    let attempts: Vec<(Method, String, Option<serde_json::Value>)> = vec![
        (Method::GET, format!("/assistants/{a_assistant}"), None),
        (
            Method::PATCH,
            format!("/assistants/{a_assistant}"),
            Some(json!({ "name": "pwned" })),
        ),
        (Method::DELETE, format!("/assistants/{a_assistant}"), None),
        (Method::GET, format!("/chats/assistant/{a_assistant}"), None),
        (Method::GET, format!("/chats/{a_chat}"), None),
        (Method::DELETE, format!("/chats/{a_chat}"), None),
    ];
    for (method, path, body) in attempts {
        let theirs = app
            .request(method.clone(), &path, Some(&b.token), body.clone())
            .await;
        assert_eq!(
            theirs.status,
            StatusCode::NOT_FOUND,
            "{method} {path}: {}",
            theirs.body
        );
        assert_eq!(theirs.error_code(), "not_found");
        let missing_path = path
            .replace(&a_assistant.to_string(), &uuid::Uuid::new_v4().to_string())
            .replace(&a_chat.to_string(), &uuid::Uuid::new_v4().to_string());
        let missing = app
            .request(method.clone(), &missing_path, Some(&b.token), body)
            .await;
        assert_eq!(
            theirs.body, missing.body,
            "{method} {path}: another tenant's id must look like no id"
        );
    }

    // B's lists show only B's rows, even when filtering by A's assistant.
    let assistants = app.get("/assistants", &b.token).await;
    let names: Vec<_> = assistants.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].clone())
        .collect();
    assert_eq!(names, [json!("B's assistant")]);
    let chats = app.get("/chats", &b.token).await;
    assert_eq!(chats.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(
        chats.body["data"][0]["last_message"]["content"],
        "B's own question"
    );
    let filtered = app
        .get(&format!("/chats?assistant_id={a_assistant}"), &b.token)
        .await;
    assert_eq!(filtered.status, StatusCode::OK);
    assert!(filtered.body["data"].as_array().unwrap().is_empty());

    // A's data is intact.
    let mine = app
        .get(&format!("/assistants/{a_assistant}"), &a.token)
        .await;
    assert_eq!(mine.body["name"], "A's assistant");
    assert_eq!(
        app.get(&format!("/chats/{a_chat}"), &a.token).await.status,
        StatusCode::OK
    );
}

/// Property: a token names its tenant; asking to log in to a workspace the user is not
/// a member of is refused, not silently switched.
#[tokio::test]
async fn login_cannot_choose_a_foreign_workspace() {
    let app = TestApp::spawn().await;
    let a = app.register("login-a").await;
    let b = app.register("login-b").await;
    let reply = app
        .post(
            "/auth/login",
            None,
            json!({ "email": a.email, "password": "correct horse battery", "tenant_id": b.tenant }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
}
