use chrono::Utc;
use jsonwebtoken::{EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{JWT_SECRET, TestApp};

#[tokio::test]
async fn register_login_and_me() {
    let app = TestApp::spawn().await;
    let reply = app
        .post(
            "/auth/register",
            None,
            json!({ "email": "Ada@Example.com", "password": "correct horse battery",
                    "full_name": "Ada Lovelace", "workspace_name": "Analytical Engines" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert_eq!(reply.body["user"]["email"], "ada@example.com");
    assert_eq!(reply.body["tenant"]["name"], "Analytical Engines");
    assert_eq!(reply.body["tenant"]["role"], "owner");
    assert!(reply.body["user"].get("password_hash").is_none());

    let login = app
        .post(
            "/auth/login",
            None,
            json!({ "email": "ada@example.com", "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    assert_eq!(login.body["expires_in"], 8 * 3600);
    let token = login.body["access_token"].as_str().unwrap();

    let me = app.get("/auth/me", token).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert_eq!(me.body["user"]["full_name"], "Ada Lovelace");
    assert_eq!(me.body["tenant"]["id"], reply.body["tenant"]["id"]);
    assert_eq!(me.body["workspaces"].as_array().unwrap().len(), 1);
}

/// The original product's dashboard sends `fullName`; it keeps working.
#[tokio::test]
async fn register_accepts_the_original_camel_case_name() {
    let app = TestApp::spawn().await;
    let reply = app
        .post("/auth/register", None, json!({ "email": "grace@example.com", "password": "a long passphrase", "fullName": "Grace Hopper" }))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["tenant"]["name"], "Grace Hopper's workspace");
}

#[tokio::test]
async fn duplicate_email_is_a_conflict() {
    let app = TestApp::spawn().await;
    let account = app.register("dup").await;
    let reply = app
        .post("/auth/register", None, json!({ "email": account.email.to_uppercase(), "password": "another passphrase", "full_name": "Dup" }))
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.error_code(), "email_taken");
}

#[tokio::test]
async fn password_rules_name_the_field() {
    let app = TestApp::spawn().await;
    for (password, expected) in [("123", "password"), ("        ", "password")] {
        let reply = app
            .post(
                "/auth/register",
                None,
                json!({ "email": "short@example.com", "password": password, "full_name": "Short" }),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        assert_eq!(reply.error_code(), "validation_failed");
        assert_eq!(reply.error_field(), expected);
    }
    let reply = app
        .post(
            "/auth/register",
            None,
            json!({ "email": "not-an-email", "password": "long enough pass", "full_name": "X" }),
        )
        .await;
    assert_eq!(reply.error_field(), "email");
}

/// Wrong e-mail and wrong password are indistinguishable: same status, same body.
#[tokio::test]
async fn wrong_email_and_wrong_password_answer_alike() {
    let app = TestApp::spawn().await;
    let account = app.register("enum").await;
    let wrong_password = app
        .post(
            "/auth/login",
            None,
            json!({ "email": account.email, "password": "not the password" }),
        )
        .await;
    let unknown_email = app
        .post(
            "/auth/login",
            None,
            json!({ "email": "nobody@example.com", "password": "not the password" }),
        )
        .await;
    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_email.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password.body, unknown_email.body);
    assert_eq!(wrong_password.error_code(), "invalid_credentials");
}

#[tokio::test]
async fn login_attempts_are_limited_per_email_and_per_ip() {
    let app = TestApp::spawn_with(&[
        ("LOGIN_MAX_ATTEMPTS_PER_EMAIL", "3"),
        ("LOGIN_MAX_ATTEMPTS_PER_IP", "5"),
    ])
    .await;
    let account = app.register("limited").await;
    for _ in 0..3 {
        let reply = app
            .post(
                "/auth/login",
                None,
                json!({ "email": account.email, "password": "wrong password" }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    // The right password no longer helps once the e-mail's budget is spent.
    let reply = app
        .post(
            "/auth/login",
            None,
            json!({ "email": account.email, "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        reply.body
    );
    assert_eq!(reply.error_code(), "rate_limited");
    let retry_after: u64 = reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=900).contains(&retry_after),
        "Retry-After {retry_after}"
    );

    // Another e-mail from the same address: one attempt is left of the IP budget of 5.
    let reply = app
        .post(
            "/auth/login",
            None,
            json!({ "email": "other@example.com", "password": "whatever pass" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
    let reply = app
        .post(
            "/auth/login",
            None,
            json!({ "email": "third@example.com", "password": "whatever pass" }),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the IP budget (5) is spent: {}",
        reply.body
    );
}

fn forge(secret: &str, header: Header, claims: serde_json::Value) -> String {
    jsonwebtoken::encode(
        &header,
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn claims_for(account: &crate::support::Account, exp_offset: i64, aud: &str) -> serde_json::Value {
    let now = Utc::now().timestamp();
    json!({ "sub": account.user, "tid": account.tenant, "role": "owner", "iss": "kremna",
            "aud": aud, "iat": now, "exp": now + exp_offset, "jti": uuid::Uuid::new_v4() })
}

#[tokio::test]
async fn bad_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let account = app.register("tokens").await;
    assert_eq!(
        app.get("/assistants", &account.token).await.status,
        StatusCode::OK
    );

    let expired = forge(
        JWT_SECRET,
        Header::default(),
        claims_for(&account, -3600, "kremna-dashboard"),
    );
    let reply = app.get("/assistants", &expired).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "token_expired");

    let other_secret = forge(
        "a-completely-different-secret-of-32-bytes",
        Header::default(),
        claims_for(&account, 3600, "kremna-dashboard"),
    );
    let reply = app.get("/assistants", &other_secret).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "invalid_token");

    let wrong_audience = forge(
        JWT_SECRET,
        Header::default(),
        claims_for(&account, 3600, "kremna-visitor"),
    );
    assert_eq!(
        app.get("/assistants", &wrong_audience).await.status,
        StatusCode::UNAUTHORIZED
    );

    // `alg: none`: the real token's claims, no signature.
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let payload = account.token.split('.').nth(1).unwrap();
    let none = format!(
        "{}.{payload}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#)
    );
    assert_eq!(
        app.get("/assistants", &none).await.status,
        StatusCode::UNAUTHORIZED
    );

    // HS512 with the right secret: the algorithm is pinned, so still refused.
    let hs512 = forge(
        JWT_SECRET,
        Header::new(jsonwebtoken::Algorithm::HS512),
        claims_for(&account, 3600, "kremna-dashboard"),
    );
    assert_eq!(
        app.get("/assistants", &hs512).await.status,
        StatusCode::UNAUTHORIZED
    );

    let reply = app
        .request(reqwest::Method::GET, "/assistants", None, None)
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "missing_token");

    let reply = app.get("/assistants", "garbage").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

/// A valid token for a workspace the user no longer belongs to is refused at once.
#[tokio::test]
async fn removed_members_lose_access_immediately() {
    let app = TestApp::spawn().await;
    let account = app.register("removed").await;
    let admin = app.db.admin_pool().await;
    sqlx::query("DELETE FROM memberships WHERE user_id = $1")
        .bind(account.user)
        .execute(&admin)
        .await
        .unwrap();
    let reply = app.get("/assistants", &account.token).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

/// An agent may read but not change assistants; the role is read from the database,
/// not trusted from the token.
#[tokio::test]
async fn agents_read_but_do_not_manage() {
    let app = TestApp::spawn().await;
    let account = app.register("agent").await;
    let assistant = app.create_assistant(&account, "Helper").await;
    let admin = app.db.admin_pool().await;
    sqlx::query("UPDATE memberships SET role = 'agent' WHERE user_id = $1")
        .bind(account.user)
        .execute(&admin)
        .await
        .unwrap();
    assert_eq!(
        app.get(&format!("/assistants/{assistant}"), &account.token)
            .await
            .status,
        StatusCode::OK
    );
    let reply = app
        .patch(
            &format!("/assistants/{assistant}"),
            &account.token,
            json!({ "name": "Renamed" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error_code(), "forbidden");
    let reply = app
        .post(
            "/assistants",
            Some(&account.token),
            json!({ "name": "New" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}
