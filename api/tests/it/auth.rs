use chrono::Utc;
use jsonwebtoken::{EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};

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

/// Issue 9 point 8: only the length was checked; `password` and `12345678` were accepted.
#[tokio::test]
async fn weak_passwords_are_refused_with_weak_password() {
    let app = TestApp::spawn().await;
    let email = "grace.hopper@example.com";
    for weak in ["password", "12345678", "qwertyuiop", email, "gracehopper"] {
        let reply = app
            .post(
                "/auth/register",
                None,
                json!({ "email": email, "password": weak, "full_name": "Grace Hopper" }),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{weak}: {}",
            reply.body
        );
        assert_eq!(reply.error_code(), "weak_password", "{weak}");
        assert_eq!(reply.error_field(), "password");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains("too easy to guess"), "{message}");
        assert!(
            weak == "password" || !message.contains(weak),
            "the password is not echoed: {message}"
        );
    }
    let reply = app
        .post(
            "/auth/register",
            None,
            json!({ "email": email, "password": "correct horse battery", "full_name": "Grace Hopper" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}

/// Issue 9 point 10: the spec says `maxLength: 1024`, yet a 2,000-character password got
/// 401 (and was hashed).
#[tokio::test]
async fn an_over_long_login_password_is_a_validation_error() {
    let app = TestApp::spawn().await;
    let account = app.register("long").await;
    let reply = app
        .post(
            "/auth/login",
            None,
            json!({ "email": account.email, "password": "x".repeat(2000) }),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert_eq!(reply.error_code(), "validation_failed");
    assert_eq!(reply.error_field(), "password");
    let reply = app
        .post(
            "/auth/login",
            None,
            json!({ "email": account.email, "password": "x".repeat(1024) }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
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

/// A login from a given client address (through a proxy the test says it trusts).
async fn login_from(
    app: &TestApp,
    ip: &str,
    email: &str,
    password: &str,
) -> (StatusCode, Value, reqwest::header::HeaderMap) {
    let resp = app
        .client
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("x-forwarded-for", ip)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    (status, resp.json().await.unwrap_or(Value::Null), headers)
}

/// Issue 9 point 7: ten wrong passwords used to lock the e-mail for everyone, its owner
/// included. Now the attacker's address is limited, and the owner still gets in.
#[tokio::test]
async fn wrong_passwords_from_one_address_do_not_lock_the_owner_out() {
    let app = TestApp::spawn_with(&[
        ("TRUST_PROXY_HEADERS", "true"),
        ("LOGIN_MAX_ATTEMPTS_PER_EMAIL_AND_IP", "5"),
        ("LOGIN_SLOW_AFTER_FAILURES_PER_EMAIL", "3"),
        ("LOGIN_DELAY_BASE_MS", "100"),
        ("LOGIN_DELAY_MAX_MS", "400"),
    ])
    .await;
    let account = app.register("limited").await;
    let attacker = "203.0.113.66";
    for _ in 0..5 {
        let (status, body, _) = login_from(&app, attacker, &account.email, "wrong password").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    }
    // The attacker's own budget for this e-mail is spent, right password or not.
    let (status, body, headers) =
        login_from(&app, attacker, &account.email, "correct horse battery").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["error"]["code"], "rate_limited");
    let retry_after: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(
        (1..=900).contains(&retry_after),
        "Retry-After {retry_after}"
    );

    // The owner, from another address, gets in: slowed down (5 failures, 3 free: 100 ms
    // doubled twice, capped at 400 ms), not refused.
    let started = std::time::Instant::now();
    let (status, body, _) = login_from(
        &app,
        "198.51.100.7",
        &account.email,
        "correct horse battery",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(400),
        "an e-mail under attack answers slowly: {:?}",
        started.elapsed()
    );
    // Another address with a wrong password still only gets 401 (slowly), never 429.
    let (status, body, _) = login_from(&app, "198.51.100.8", &account.email, "still wrong").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
}

#[tokio::test]
async fn login_attempts_are_limited_per_address() {
    let app = TestApp::spawn_with(&[
        ("TRUST_PROXY_HEADERS", "true"),
        ("LOGIN_MAX_ATTEMPTS_PER_IP", "3"),
    ])
    .await;
    let ip = "203.0.113.9";
    for n in 0..3 {
        let (status, body, _) =
            login_from(&app, ip, &format!("user{n}@example.com"), "whatever pass").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    }
    let (status, body, _) = login_from(&app, ip, "user9@example.com", "whatever pass").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the address's budget is spent: {body}"
    );
    let (status, body, _) =
        login_from(&app, "203.0.113.10", "user9@example.com", "whatever pass").await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "another address is not affected: {body}"
    );
}

/// Without `TRUST_PROXY_HEADERS`, a client cannot pick its own address with a header.
#[tokio::test]
async fn forwarded_addresses_are_ignored_unless_the_proxy_is_trusted() {
    let app = TestApp::spawn_with(&[("LOGIN_MAX_ATTEMPTS_PER_IP", "2")]).await;
    for n in 0..2 {
        let (status, _, _) = login_from(
            &app,
            &format!("203.0.113.{n}"),
            "someone@example.com",
            "whatever pass",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body, _) =
        login_from(&app, "203.0.113.99", "someone@example.com", "whatever pass").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
}

/// Issue 9 point 7: registration had no limit at all.
#[tokio::test]
async fn registrations_are_limited_per_address() {
    let app = TestApp::spawn_with(&[("REGISTER_MAX_PER_IP_PER_HOUR", "2")]).await;
    let register = |n: u32| {
        app.post(
            "/auth/register",
            None,
            json!({
                "email": format!("reg{n}-{}@example.com", uuid::Uuid::new_v4().simple()),
                "password": "correct horse battery",
                "full_name": "Reg",
            }),
        )
    };
    assert_eq!(register(1).await.status, StatusCode::CREATED);
    assert_eq!(register(2).await.status, StatusCode::CREATED);
    let third = register(3).await;
    assert_eq!(
        third.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        third.body
    );
    assert_eq!(third.error_code(), "rate_limited");
    assert!(third.headers.contains_key("retry-after"));
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

/// The live dashboard learns where to connect from `/auth/me`: the realtime node's
/// public address, the same one the widget is given.
#[tokio::test]
async fn me_names_the_realtime_address_for_the_live_dashboard() {
    let app = TestApp::spawn_with(&[("REALTIME_PUBLIC_URL", "https://rt.kremna.test/")]).await;
    let owner = app.register("live").await;
    let me = app.get("/auth/me", &owner.token).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert_eq!(me.body["realtime_url"], "https://rt.kremna.test");
}
