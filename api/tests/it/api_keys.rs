//! Partners' API keys: made once, stored as a hash, found by the hash of the whole
//! secret, refused at once when revoked or expired, limited per key, scoped to their
//! tenant and their permissions.

use kremna_shared::domain::MessageRole::User;
use reqwest::{Method, StatusCode};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::support::TestApp;

#[tokio::test]
async fn a_key_is_shown_once_stored_as_its_hash_and_works_as_bearer_or_header() {
    let app = TestApp::spawn().await;
    let owner = app.register("partner").await;
    let assistant = app.create_assistant(&owner, "Helper").await;

    let created = app
        .post(
            "/api-keys",
            Some(&owner.token),
            json!({ "name": "Backend", "access": "write" }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let secret = created.body["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("kr_live_"), "{secret}");
    assert!(secret.len() >= "kr_live_".len() + 22, "at least 128 bits");
    assert_eq!(
        created.body["key"]["prefix"].as_str().unwrap(),
        &secret[..12]
    );
    assert_eq!(created.body["key"]["status"], "active");
    assert!(created.body["key"]["last_used_at"].is_null());

    // The database holds the SHA-256 of the key, never the key.
    let admin = app.db.admin_pool().await;
    let (hash, prefix): (Vec<u8>, String) = sqlx::query_as("SELECT key_hash, prefix FROM api_keys")
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(hash, Sha256::digest(secret.as_bytes()).to_vec());
    assert_eq!(prefix, &secret[..12]);

    // Lists never show a secret again.
    let list = app.get("/api-keys", &owner.token).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.to_string().contains(&secret));
    assert!(list.body["data"][0].get("secret").is_none());

    // As a bearer token and in X-API-Key, the key reads the workspace's data.
    let bearer = app.get("/assistants", &secret).await;
    assert_eq!(bearer.status, StatusCode::OK, "{}", bearer.body);
    assert_eq!(bearer.body["data"][0]["id"], assistant.to_string());
    let header = app
        .request_with(Method::GET, "/assistants", &[("X-API-Key", &secret)], None)
        .await;
    assert_eq!(header.status, StatusCode::OK, "{}", header.body);
    assert_eq!(header.body, bearer.body);

    // And writes, with write access; the row is the workspace's, made by nobody.
    let made = app
        .post(
            "/assistants",
            Some(&secret),
            json!({ "name": "From the API" }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert!(made.body["created_by"].is_null());

    let listed = app.get("/api-keys", &owner.token).await;
    assert!(listed.body["data"][0]["last_used_at"].is_string());
}

#[tokio::test]
async fn unknown_and_wrong_keys_answer_alike_and_revoked_or_expired_keys_at_once() {
    let app = TestApp::spawn().await;
    let owner = app.register("partner").await;
    let (secret, id) = app
        .create_key(&owner, json!({ "name": "Soon gone", "access": "read" }))
        .await;
    assert_eq!(app.get("/assistants", &secret).await.status, StatusCode::OK);

    // Right prefix, wrong secret; and an unknown prefix: the same answer.
    let mut wrong = secret.clone();
    let last = wrong.pop().unwrap();
    wrong.push(if last == 'A' { 'B' } else { 'A' });
    let unknown = format!("kr_live_{}", "Z".repeat(43));
    let a = app.get("/assistants", &wrong).await;
    let b = app.get("/assistants", &unknown).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(a.error_code(), "invalid_token");
    assert_eq!(a.body, b.body);
    assert_eq!(a.status, b.status);

    // Revoked: refused on the very next request.
    let revoked = app.delete(&format!("/api-keys/{id}"), &owner.token).await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    assert_eq!(revoked.body["status"], "revoked");
    let refused = app.get("/assistants", &secret).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.error_code(), "api_key_revoked");

    // Expired: a key whose expiry has passed.
    let soon = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let (expiring, expiring_id) = app
        .create_key(&owner, json!({ "name": "Temp", "expires_at": soon }))
        .await;
    assert_eq!(
        app.get("/assistants", &expiring).await.status,
        StatusCode::OK
    );
    let admin = app.db.admin_pool().await;
    sqlx::query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1::uuid")
        .bind(&expiring_id)
        .execute(&admin)
        .await
        .unwrap();
    let expired = app.get("/assistants", &expiring).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.error_code(), "api_key_expired");

    // An expiry in the past is refused at creation.
    let past = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    let bad = app
        .post(
            "/api-keys",
            Some(&owner.token),
            json!({ "name": "Old", "expires_at": past }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_field(), "expires_at");
}

#[tokio::test]
async fn permissions_decide_per_resource_and_keys_cannot_manage_keys() {
    let app = TestApp::spawn().await;
    let owner = app.register("partner").await;
    let assistant = app.create_assistant(&owner, "Helper").await;
    app.seed_chat(owner.tenant, assistant, &[(User, "hello")])
        .await;

    let (read_only, _) = app
        .create_key(&owner, json!({ "name": "Reader", "access": "read" }))
        .await;
    assert_eq!(
        app.get("/assistants", &read_only).await.status,
        StatusCode::OK
    );
    assert_eq!(app.get("/chats", &read_only).await.status, StatusCode::OK);
    let write = app
        .post("/assistants", Some(&read_only), json!({ "name": "nope" }))
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN, "{}", write.body);
    assert_eq!(write.error_code(), "forbidden");

    // Write on assistants, nothing on chats or analytics.
    let (narrow, _) = app
        .create_key(
            &owner,
            json!({
                "name": "Narrow",
                "access": "read",
                "resources": { "assistants": "write", "chats": "none", "analytics": "none" }
            }),
        )
        .await;
    let made = app
        .post("/assistants", Some(&narrow), json!({ "name": "ok" }))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let chats = app.get("/chats", &narrow).await;
    assert_eq!(chats.status, StatusCode::FORBIDDEN);
    let analytics = app.get("/analytics", &narrow).await;
    assert_eq!(analytics.status, StatusCode::FORBIDDEN);
    let listed = app.get("/api-keys", &owner.token).await;
    let narrow_view = listed.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "Narrow")
        .unwrap()
        .clone();
    assert_eq!(
        narrow_view["resources"],
        json!({ "assistants": "write", "chats": "none", "analytics": "none", "webhooks": "read" })
    );

    // A key, even a full one, cannot make or list keys: that takes a signed-in admin.
    let (full, _) = app
        .create_key(&owner, json!({ "name": "Full", "access": "write" }))
        .await;
    let escalate = app
        .post(
            "/api-keys",
            Some(&full),
            json!({ "name": "child", "access": "write" }),
        )
        .await;
    assert_eq!(
        escalate.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        escalate.body
    );
    assert_eq!(
        app.get("/api-keys", &full).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Nor export (it acts for a member, per page).
    let export = app.get("/analytics/export?kind=usage", &full).await;
    assert_eq!(export.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn agents_cannot_manage_keys() {
    let app = TestApp::spawn().await;
    let owner = app.register("partner").await;
    let admin = app.db.admin_pool().await;
    sqlx::query("UPDATE memberships SET role = 'agent' WHERE user_id = $1")
        .bind(owner.user)
        .execute(&admin)
        .await
        .unwrap();
    let made = app
        .post("/api-keys", Some(&owner.token), json!({ "name": "x" }))
        .await;
    assert_eq!(made.status, StatusCode::FORBIDDEN, "{}", made.body);
    assert_eq!(
        app.get("/api-keys", &owner.token).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn each_key_has_its_own_rate_limit_with_headers_and_retry_after() {
    let app = TestApp::spawn_with(&[("API_KEY_REQUESTS_PER_MINUTE", "3")]).await;
    let owner = app.register("partner").await;
    let (first, _) = app.create_key(&owner, json!({ "name": "One" })).await;
    let (second, _) = app.create_key(&owner, json!({ "name": "Two" })).await;
    let (own_limit, _) = app
        .create_key(&owner, json!({ "name": "Own", "rate_limit_per_minute": 5 }))
        .await;

    for remaining in ["2", "1", "0"] {
        let ok = app.get("/assistants", &first).await;
        assert_eq!(ok.status, StatusCode::OK);
        assert_eq!(ok.headers["ratelimit-limit"], "3");
        assert_eq!(ok.headers["ratelimit-remaining"], remaining);
        let reset: u64 = ok.headers["ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&reset), "{reset}");
    }
    let limited = app.get("/assistants", &first).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.error_code(), "rate_limited");
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(limited.headers["ratelimit-remaining"], "0");

    // Another key of the same workspace has its own window; a key may set its own limit.
    assert_eq!(app.get("/assistants", &second).await.status, StatusCode::OK);
    let own = app.get("/assistants", &own_limit).await;
    assert_eq!(own.headers["ratelimit-limit"], "5");
    // Members' dashboard requests carry no key headers and are not limited here.
    let member = app.get("/assistants", &owner.token).await;
    assert!(member.headers.get("ratelimit-limit").is_none());
}

/// Tenant B's full key against every route with tenant A's ids: 404, like no id.
#[tokio::test]
async fn another_tenants_ids_answer_404_to_a_key() {
    let app = TestApp::spawn().await;
    let a = app.register("tenant-a").await;
    let b = app.register("tenant-b").await;
    let a_assistant = app.create_assistant(&a, "A's").await;
    let (a_chat, _) = app
        .seed_chat(a.tenant, a_assistant, &[(User, "A's secret")])
        .await;
    let (b_key, _) = app
        .create_key(&b, json!({ "name": "B", "access": "write" }))
        .await;
    let (_, a_key_id) = app.create_key(&a, json!({ "name": "A" })).await;

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
            .request(method.clone(), &path, Some(&b_key), body.clone())
            .await;
        assert_eq!(
            theirs.status,
            StatusCode::NOT_FOUND,
            "{method} {path}: {}",
            theirs.body
        );
        assert_eq!(theirs.error_code(), "not_found");
    }
    let chats = app.get("/chats", &b_key).await;
    assert!(chats.body["data"].as_array().unwrap().is_empty());
    let filtered = app
        .get(&format!("/chats?assistant_id={a_assistant}"), &b_key)
        .await;
    assert!(filtered.body["data"].as_array().unwrap().is_empty());
    // A's key ids are not B's admin's to see or revoke.
    let theirs = app.get(&format!("/api-keys/{a_key_id}"), &b.token).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let revoke = app.delete(&format!("/api-keys/{a_key_id}"), &b.token).await;
    assert_eq!(revoke.status, StatusCode::NOT_FOUND);
    // A's assistant is untouched.
    assert_eq!(
        app.get(&format!("/assistants/{a_assistant}"), &a.token)
            .await
            .body["name"],
        "A's"
    );
}

#[tokio::test]
async fn an_idempotency_key_returns_the_first_answer_and_creates_nothing_twice() {
    let app = TestApp::spawn().await;
    let owner = app.register("partner").await;
    let (key, _) = app
        .create_key(&owner, json!({ "name": "Writer", "access": "write" }))
        .await;
    let headers = [
        ("Authorization", format!("Bearer {key}")),
        ("Idempotency-Key", "create-helper-1".to_owned()),
    ];
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let body = json!({ "name": "Once" });

    let first = app
        .request_with(Method::POST, "/assistants", &headers, Some(body.clone()))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert!(first.headers.get("idempotent-replayed").is_none());
    let again = app
        .request_with(Method::POST, "/assistants", &headers, Some(body.clone()))
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, first.body, "the first answer, byte for byte");
    assert_eq!(again.headers["idempotent-replayed"], "true");
    let list = app.get("/assistants", &key).await;
    assert_eq!(
        list.body["data"].as_array().unwrap().len(),
        1,
        "created once"
    );

    // The same idempotency key with another body is refused, and creates nothing.
    let other = app
        .request_with(
            Method::POST,
            "/assistants",
            &headers,
            Some(json!({ "name": "Different" })),
        )
        .await;
    assert_eq!(other.status, StatusCode::CONFLICT, "{}", other.body);
    assert_eq!(other.error_code(), "idempotency_key_reused");
    let list = app.get("/assistants", &key).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 1);

    // Another idempotency key is another request; no key at all is never deduplicated.
    let fresh = [
        ("Authorization", format!("Bearer {key}")),
        ("Idempotency-Key", "create-helper-2".to_owned()),
    ];
    let fresh: Vec<(&str, &str)> = fresh.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let second = app
        .request_with(Method::POST, "/assistants", &fresh, Some(body.clone()))
        .await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_ne!(second.body["id"], first.body["id"]);

    // Keys are per API key: another key of the workspace reusing the string is its own.
    let (other_key, _) = app
        .create_key(&owner, json!({ "name": "Writer 2", "access": "write" }))
        .await;
    let theirs = [
        ("Authorization", format!("Bearer {other_key}")),
        ("Idempotency-Key", "create-helper-1".to_owned()),
    ];
    let theirs: Vec<(&str, &str)> = theirs.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let own = app
        .request_with(Method::POST, "/assistants", &theirs, Some(body))
        .await;
    assert_eq!(own.status, StatusCode::CREATED);
    assert_ne!(own.body["id"], first.body["id"]);
    let list = app.get("/assistants", &key).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_refused_first_request_is_replayed_as_refused_and_bad_keys_are_refused() {
    let app = TestApp::spawn().await;
    let owner = app.register("partner").await;
    let (key, _) = app
        .create_key(&owner, json!({ "name": "Writer", "access": "write" }))
        .await;
    let auth = format!("Bearer {key}");
    let headers = [("Authorization", auth.as_str()), ("Idempotency-Key", "k1")];
    let invalid = json!({ "name": "" });
    let first = app
        .request_with(Method::POST, "/assistants", &headers, Some(invalid.clone()))
        .await;
    assert_eq!(first.status, StatusCode::UNPROCESSABLE_ENTITY);
    let again = app
        .request_with(Method::POST, "/assistants", &headers, Some(invalid))
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.body, first.body);
    assert_eq!(again.headers["idempotent-replayed"], "true");

    let too_long = "x".repeat(300);
    let bad = app
        .request_with(
            Method::POST,
            "/assistants",
            &[
                ("Authorization", auth.as_str()),
                ("Idempotency-Key", &too_long),
            ],
            Some(json!({ "name": "ok" })),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert_eq!(bad.error_code(), "invalid_parameter");
}

/// While the first request with a key still runs, a second one is told so (409) rather
/// than running beside it.
#[tokio::test]
async fn a_request_whose_first_twin_is_still_running_is_refused() {
    let prefix = kremna_shared::testing::unique_prefix();
    let app = TestApp::spawn_with(&[("REDIS_KEY_PREFIX", prefix.as_str())]).await;
    let owner = app.register("partner").await;
    let (key, key_id) = app
        .create_key(&owner, json!({ "name": "Writer", "access": "write" }))
        .await;
    let auth = format!("Bearer {key}");
    let headers = [
        ("Authorization", auth.as_str()),
        ("Idempotency-Key", "slow-1"),
    ];
    let body = json!({ "name": "Slow" });
    let first = app
        .request_with(Method::POST, "/assistants", &headers, Some(body.clone()))
        .await;
    assert_eq!(first.status, StatusCode::CREATED);

    // Put the record back to "claimed, no answer yet", as while a handler runs.
    let redis_key = format!(
        "{prefix}:idem:{}:{key_id}:{}",
        owner.tenant,
        hex::encode(Sha256::digest(b"slow-1"))
    );
    let client = redis::Client::open("redis://127.0.0.1:6379").unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let stored: String = redis::cmd("GET")
        .arg(&redis_key)
        .query_async(&mut conn)
        .await
        .unwrap();
    let stored: serde_json::Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored["state"], "done");
    let pending = json!({ "state": "pending", "fingerprint": stored["fingerprint"] });
    let _: () = redis::cmd("SET")
        .arg(&redis_key)
        .arg(pending.to_string())
        .query_async(&mut conn)
        .await
        .unwrap();

    let twin = app
        .request_with(Method::POST, "/assistants", &headers, Some(body))
        .await;
    assert_eq!(twin.status, StatusCode::CONFLICT, "{}", twin.body);
    assert_eq!(twin.error_code(), "idempotency_key_in_progress");
    let list = app.get("/assistants", &key).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 1);
}
