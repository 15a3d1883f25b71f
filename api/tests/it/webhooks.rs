//! Webhook endpoints over REST (issue 11): the secret shown once (and on reveal or
//! rotation), internal addresses refused at creation unless the operator allows them,
//! events stored with their data in one transaction (rolled back: no delivery), test
//! events and replays keeping the event id, cursor pages, and another workspace's ids
//! answering 404.

use kremna_shared::{
    chat::{Author, Post, Transition, change_state, post_message},
    domain::message::MessageContent,
    ids::TenantId,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Account, TestApp};

/// Receivers on this machine are internal addresses: these tests allow them.
const ALLOW: [(&str, &str); 1] = [("WEBHOOK_ALLOW_PRIVATE_NETWORKS", "true")];

async fn endpoint(app: &TestApp, owner: &Account, events: Value) -> (String, String) {
    let made = app
        .post(
            "/webhooks/endpoints",
            Some(&owner.token),
            json!({ "url": "http://127.0.0.1:9/hooks", "event_types": events }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    (
        made.body["endpoint"]["id"].as_str().unwrap().to_owned(),
        made.body["secret"].as_str().unwrap().to_owned(),
    )
}

/// Deliveries and their queued jobs in a workspace, read past RLS.
async fn deliveries(app: &TestApp, tenant: TenantId) -> Vec<(String, String, i64)> {
    let admin = app.db.admin_pool().await;
    sqlx::query_as(
        "SELECT d.event_type, d.event_id,
                (SELECT count(*) FROM apalis.jobs j WHERE j.job_type = 'kremna.webhooks'
                   AND convert_from(j.job, 'UTF8')::jsonb ->> 'delivery_id' = d.id::text)
         FROM webhook_deliveries d WHERE d.tenant_id = $1 ORDER BY d.id",
    )
    .bind(tenant)
    .fetch_all(&admin)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_secret_is_shown_on_creation_reveal_and_rotation_only() {
    let app = TestApp::spawn_with(&ALLOW).await;
    let owner = app.register("hooks").await;
    let (id, secret) = endpoint(&app, &owner, json!(["reply.completed", "chat.started"])).await;
    assert!(secret.starts_with("whsec_"), "{secret}");
    let key = base64_len(&secret["whsec_".len()..]);
    assert!(key >= 24, "{key} bytes");

    let list = app.get("/webhooks/endpoints", &owner.token).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.to_string().contains(&secret));
    // Canonical order, whatever order they were given in.
    assert_eq!(
        list.body["data"][0]["event_types"],
        json!(["chat.started", "reply.completed"])
    );
    let got = app
        .get(&format!("/webhooks/endpoints/{id}"), &owner.token)
        .await;
    assert!(!got.body.to_string().contains(&secret));
    assert_eq!(got.body["enabled"], true);

    let revealed = app
        .get(&format!("/webhooks/endpoints/{id}/secret"), &owner.token)
        .await;
    assert_eq!(revealed.body["secret"], secret.as_str());
    let rotated = app
        .post(
            &format!("/webhooks/endpoints/{id}/secret/rotate"),
            Some(&owner.token),
            json!({}),
        )
        .await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
    let new = rotated.body["secret"].as_str().unwrap();
    assert_ne!(new, secret);
    let again = app
        .get(&format!("/webhooks/endpoints/{id}/secret"), &owner.token)
        .await;
    assert_eq!(again.body["secret"], new);

    // Edit: events, description, off; a blank event list is refused.
    let edited = app
        .patch(
            &format!("/webhooks/endpoints/{id}"),
            &owner.token,
            json!({ "event_types": ["chat.resolved"], "description": "CRM", "enabled": false }),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(edited.body["event_types"], json!(["chat.resolved"]));
    assert_eq!(edited.body["description"], "CRM");
    assert_eq!(edited.body["enabled"], false);
    let blank = app
        .patch(
            &format!("/webhooks/endpoints/{id}"),
            &owner.token,
            json!({ "event_types": [] }),
        )
        .await;
    assert_eq!(
        blank.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        blank.body
    );
    assert_eq!(blank.error_field(), "event_types");
    let long = app
        .patch(
            &format!("/webhooks/endpoints/{id}"),
            &owner.token,
            json!({ "description": "x".repeat(201) }),
        )
        .await;
    assert_eq!(
        long.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        long.body
    );
    assert_eq!(long.error_field(), "description");
    let unknown = app
        .post(
            "/webhooks/endpoints",
            Some(&owner.token),
            json!({ "url": "http://127.0.0.1:9/", "event_types": ["webhook.test"] }),
        )
        .await;
    assert!(unknown.status.is_client_error(), "{}", unknown.body);

    let deleted = app
        .delete(&format!("/webhooks/endpoints/{id}"), &owner.token)
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = app
        .get(&format!("/webhooks/endpoints/{id}"), &owner.token)
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

fn base64_len(encoded: &str) -> usize {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap()
        .len()
}

/// Without the operator's setting, an address on loopback, a private or link-local
/// network (also spelled as IPv4-mapped IPv6) is refused at creation with a clear code.
#[tokio::test]
async fn internal_addresses_are_refused_at_creation_unless_allowed() {
    let app = TestApp::spawn().await;
    let owner = app.register("ssrf").await;
    for url in [
        "http://127.0.0.1:8080/hooks",
        "http://localhost/hooks",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fd00::1]/",
        "http://0.0.0.0/",
    ] {
        let refused = app
            .post(
                "/webhooks/endpoints",
                Some(&owner.token),
                json!({ "url": url, "event_types": ["chat.started"] }),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert_eq!(refused.error_code(), "webhook_url_refused", "{url}");
    }
    let not_a_url = app
        .post(
            "/webhooks/endpoints",
            Some(&owner.token),
            json!({ "url": "ftp://example.com/", "event_types": ["chat.started"] }),
        )
        .await;
    assert_eq!(not_a_url.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(not_a_url.error_field(), "url");
    let list = app.get("/webhooks/endpoints", &owner.token).await;
    assert_eq!(list.body["data"], json!([]));

    // The same address is accepted where the operator allows internal networks.
    let allowed = TestApp::spawn_with(&ALLOW).await;
    let owner = allowed.register("ssrf-ok").await;
    endpoint(&allowed, &owner, json!(["chat.started"])).await;
}

/// An event is stored in the transaction of the change it announces: rolled back, no
/// delivery and no job; committed, one delivery and one job per subscribed endpoint.
#[tokio::test]
async fn events_are_enqueued_with_their_data_or_not_at_all() {
    let app = TestApp::spawn_with(&ALLOW).await;
    let owner = app.register("events").await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    endpoint(&app, &owner, json!(["message.created", "chat.resolved"])).await;
    endpoint(&app, &owner, json!(["chat.resolved"])).await;
    let (chat, _) = app.seed_chat(owner.tenant, assistant, &[]).await;
    let content = MessageContent::parse("Where is my order?").unwrap();
    let post = Post {
        chat,
        author: Author::Visitor,
        content: &content,
        client_message_id: Some("c-1"),
        opening: None,
    };

    let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
    post_message(&mut tx, &post).await.unwrap();
    drop(tx);
    assert!(deliveries(&app, owner.tenant).await.is_empty());

    let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
    post_message(&mut tx, &post).await.unwrap();
    tx.commit().await.unwrap();
    let rows = deliveries(&app, owner.tenant).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "message.created");
    assert_eq!(rows[0].2, 1, "one job for the delivery");
    // The client's retry stores nothing new, so announces nothing new.
    let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
    post_message(&mut tx, &post).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(deliveries(&app, owner.tenant).await.len(), 1);

    // Resolving reaches both endpoints under one event id.
    let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
    change_state(&mut tx, chat, Transition::Resolve { actor: owner.user })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let rows = deliveries(&app, owner.tenant).await;
    let resolved: Vec<_> = rows.iter().filter(|r| r.0 == "chat.resolved").collect();
    assert_eq!(resolved.len(), 2, "{rows:?}");
    assert_eq!(resolved[0].1, resolved[1].1);
    assert!(resolved.iter().all(|r| r.2 == 1));

    // The body carries the data.
    let list = app.get("/webhooks/endpoints", &owner.token).await;
    let first = list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event_types"].as_array().unwrap().len() == 2)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = app
        .get(
            &format!("/webhooks/endpoints/{first}/deliveries"),
            &owner.token,
        )
        .await;
    let message = page.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["event_type"] == "message.created")
        .unwrap();
    let body: Value = serde_json::from_str(message["payload"].as_str().unwrap()).unwrap();
    assert_eq!(body["type"], "message.created");
    assert_eq!(body["data"]["chat_id"], chat.to_string());
    assert_eq!(body["data"]["content"], "Where is my order?");
    assert_eq!(body["data"]["role"], "user");
    assert_eq!(message["status"], "pending");
}

#[tokio::test]
async fn test_events_replays_and_pages() {
    let app = TestApp::spawn_with(&ALLOW).await;
    let owner = app.register("pages").await;
    let (id, _) = endpoint(&app, &owner, json!(["chat.started"])).await;
    let mut sent = Vec::new();
    for _ in 0..3 {
        let test = app
            .post(
                &format!("/webhooks/endpoints/{id}/test"),
                Some(&owner.token),
                json!({}),
            )
            .await;
        assert_eq!(test.status, StatusCode::ACCEPTED, "{}", test.body);
        assert_eq!(test.body["event_type"], "webhook.test");
        assert_eq!(test.body["status"], "pending");
        sent.push(test.body);
    }
    let replay = app
        .post(
            &format!(
                "/webhooks/deliveries/{}/replay",
                sent[0]["id"].as_str().unwrap()
            ),
            Some(&owner.token),
            json!({}),
        )
        .await;
    assert_eq!(replay.status, StatusCode::ACCEPTED, "{}", replay.body);
    assert_ne!(replay.body["id"], sent[0]["id"]);
    assert_eq!(replay.body["event_id"], sent[0]["event_id"]);
    assert_eq!(replay.body["payload"], sent[0]["payload"]);
    assert!(
        deliveries(&app, owner.tenant)
            .await
            .iter()
            .all(|r| r.2 == 1)
    );

    // Four deliveries in pages of three: newest first, no repeats, no gaps.
    let path = format!("/webhooks/endpoints/{id}/deliveries");
    let one = app.get(&format!("{path}?limit=3"), &owner.token).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert_eq!(one.body["has_more"], true);
    assert_eq!(one.body["data"][0]["id"], replay.body["id"]);
    let cursor = one.body["next_cursor"].as_str().unwrap();
    let two = app
        .get(&format!("{path}?limit=3&after={cursor}"), &owner.token)
        .await;
    assert_eq!(two.body["has_more"], false);
    assert!(two.body["next_cursor"].is_null());
    assert_eq!(two.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(two.body["data"][0]["id"], sent[0]["id"]);
    let bad = app.get(&format!("{path}?after=nope"), &owner.token).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.error_code(), "invalid_parameter");
}

/// Tenant B, as an admin or with a key that may manage webhooks, gets 404 for every one
/// of tenant A's endpoint and delivery ids, exactly like an id that does not exist, and
/// changes nothing.
#[tokio::test]
async fn another_workspaces_webhooks_answer_404() {
    let app = TestApp::spawn_with(&ALLOW).await;
    let a = app.register("tenant-a").await;
    let b = app.register("tenant-b").await;
    let (endpoint_id, secret) = endpoint(&app, &a, json!(["chat.started"])).await;
    let test = app
        .post(
            &format!("/webhooks/endpoints/{endpoint_id}/test"),
            Some(&a.token),
            json!({}),
        )
        .await;
    let delivery = test.body["id"].as_str().unwrap().to_owned();
    let (b_key, _) = app
        .create_key(&b, json!({ "name": "B", "access": "write" }))
        .await;

    for token in [b.token.as_str(), b_key.as_str()] {
        let e = format!("/webhooks/endpoints/{endpoint_id}");
        let d = format!("/webhooks/deliveries/{delivery}");
        let replies = [
            app.get(&e, token).await,
            app.patch(&e, token, json!({ "enabled": false })).await,
            app.get(&format!("{e}/secret"), token).await,
            app.post(&format!("{e}/secret/rotate"), Some(token), json!({}))
                .await,
            app.post(&format!("{e}/test"), Some(token), json!({})).await,
            app.get(&format!("{e}/deliveries"), token).await,
            app.get(&d, token).await,
            app.post(&format!("{d}/replay"), Some(token), json!({}))
                .await,
            app.delete(&e, token).await,
        ];
        for reply in replies {
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
            assert_eq!(reply.error_code(), "not_found");
            assert!(!reply.body.to_string().contains(&secret));
        }
        let list = app.get("/webhooks/endpoints", token).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        assert_eq!(list.body["data"], json!([]));
    }
    // Nothing of A's changed.
    let still = app
        .get(&format!("/webhooks/endpoints/{endpoint_id}"), &a.token)
        .await;
    assert_eq!(still.body["enabled"], true);
    let revealed = app
        .get(
            &format!("/webhooks/endpoints/{endpoint_id}/secret"),
            &a.token,
        )
        .await;
    assert_eq!(revealed.body["secret"], secret.as_str());
    assert_eq!(deliveries(&app, a.tenant).await.len(), 1);
}

/// Keys need write access on `webhooks`; read-only keys and agents are refused.
#[tokio::test]
async fn only_admins_and_keys_with_webhook_write_access_manage_webhooks() {
    let app = TestApp::spawn_with(&ALLOW).await;
    let owner = app.register("keys").await;
    let (writer, _) = app
        .create_key(
            &owner,
            json!({ "name": "W", "access": "read", "resources": { "webhooks": "write" } }),
        )
        .await;
    let (reader, _) = app
        .create_key(
            &owner,
            json!({ "name": "R", "access": "write", "resources": { "webhooks": "read" } }),
        )
        .await;
    let made = app
        .post(
            "/webhooks/endpoints",
            Some(&writer),
            json!({ "url": "http://127.0.0.1:9/", "event_types": ["chat.started"] }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let refused = app.get("/webhooks/endpoints", &reader).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
}
