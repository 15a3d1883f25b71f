//! Server-side sign-out: one token, or every token of the user.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;

async fn login(app: &TestApp, email: &str) -> String {
    let reply = app
        .post(
            "/auth/login",
            None,
            json!({ "email": email, "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["access_token"].as_str().unwrap().to_owned()
}

/// Property: a signed-out token is refused at once, while the same user's other
/// sessions keep working.
#[tokio::test]
async fn logout_revokes_this_token_only() {
    let app = TestApp::spawn().await;
    let account = app.register("leaver").await;
    let other = login(&app, &account.email).await;

    let out = app
        .post("/auth/logout", Some(&account.token), json!({}))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.body);

    let me = app.get("/auth/me", &account.token).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.body);
    assert_eq!(me.error_code(), "invalid_token");
    let assistants = app.get("/assistants", &account.token).await;
    assert_eq!(assistants.status, StatusCode::UNAUTHORIZED);
    // Signing out twice is refused like any other use of the token.
    let again = app
        .post("/auth/logout", Some(&account.token), json!({}))
        .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);

    let me = app.get("/auth/me", &other).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
}

/// Property: "sign out everywhere" revokes every token issued before it, and a new
/// sign-in afterwards works.
#[tokio::test]
async fn logout_all_revokes_every_token_of_the_user() {
    let app = TestApp::spawn().await;
    let account = app.register("everywhere").await;
    let bystander = app.register("bystander").await;
    let second = login(&app, &account.email).await;

    let out = app.post("/auth/logout-all", Some(&second), json!({})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.body);
    for token in [&account.token, &second] {
        let me = app.get("/auth/me", token).await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.body);
        assert_eq!(me.error_code(), "invalid_token");
    }
    let fresh = login(&app, &account.email).await;
    assert_eq!(app.get("/auth/me", &fresh).await.status, StatusCode::OK);
    // Another user's session is untouched.
    assert_eq!(
        app.get("/auth/me", &bystander.token).await.status,
        StatusCode::OK
    );
}
