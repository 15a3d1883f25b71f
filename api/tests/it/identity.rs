//! Visitor identity verification over REST: the per-assistant identity secret (reveal,
//! rotate, remove: admins only, another tenant's assistant is a 404), and what the inbox
//! sees of a chat's identity: verified or a claim, and a verified user's other chats.

use kremna_shared::{
    auth::identity,
    domain::{
        MemberRole,
        MessageRole::User,
        identity::{IdentityClaim, VisitorIdentity},
    },
    ids::{AssistantId, ChatId, TenantId},
    repo,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Account, TestApp};

async fn member_of(app: &TestApp, tenant: TenantId, name: &str, role: MemberRole) -> Account {
    let own = app.register(name).await;
    let admin = app.db.admin_pool().await;
    sqlx::query("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)")
        .bind(tenant)
        .bind(own.user)
        .bind(role)
        .execute(&admin)
        .await
        .unwrap();
    let login = app
        .post(
            "/auth/login",
            None,
            json!({ "email": own.email, "password": "correct horse battery", "tenant_id": tenant }),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "login: {}", login.body);
    Account {
        token: login.body["access_token"].as_str().unwrap().to_owned(),
        tenant,
        ..own
    }
}

fn secret_path(assistant: AssistantId) -> String {
    format!("/assistants/{assistant}/identity-secret")
}

/// Property: an admin reads, rotates and removes an assistant's identity secret; each
/// rotation gives a new high-entropy secret; the assistant's own view never carries it.
#[tokio::test]
async fn an_admin_reveals_rotates_and_removes_the_secret() {
    let app = TestApp::spawn().await;
    let owner = app.register("Owner").await;
    let assistant = app.create_assistant(&owner, "Support").await;
    let path = secret_path(assistant);

    let none = app.get(&path, &owner.token).await;
    assert_eq!(none.status, StatusCode::OK, "{}", none.body);
    assert_eq!(none.body, json!({}), "off until generated: no secret");

    let first = app
        .post(&format!("{path}/rotate"), Some(&owner.token), json!({}))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let first = first.body["secret"].as_str().unwrap().to_owned();
    assert!(first.starts_with("kis_") && first.len() == 68, "{first}");
    assert_eq!(app.get(&path, &owner.token).await.body["secret"], first);

    let second = app
        .post(&format!("{path}/rotate"), Some(&owner.token), json!({}))
        .await;
    let second = second.body["secret"].as_str().unwrap().to_owned();
    assert_ne!(first, second);
    assert_eq!(app.get(&path, &owner.token).await.body["secret"], second);

    let view = app
        .get(&format!("/assistants/{assistant}"), &owner.token)
        .await;
    assert!(
        !view.body.to_string().contains(&second),
        "never in the assistant"
    );
    assert_eq!(view.body["identity_verification"], true);

    let removed = app.delete(&path, &owner.token).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);
    assert_eq!(
        app.get(&path, &owner.token).await.body["secret"],
        Value::Null
    );
    let view = app
        .get(&format!("/assistants/{assistant}"), &owner.token)
        .await;
    assert_eq!(view.body["identity_verification"], false);
}

/// Property: only an admin of the assistant's own workspace reaches its secret. An agent
/// of the workspace gets 403 on every secret route; another workspace's owner gets 404,
/// exactly as for an assistant that does not exist; neither changes the secret.
#[tokio::test]
async fn the_secret_is_refused_to_agents_and_hidden_from_other_tenants() {
    let app = TestApp::spawn().await;
    let owner = app.register("Owner").await;
    let assistant = app.create_assistant(&owner, "Support").await;
    let path = secret_path(assistant);
    let secret = app
        .post(&format!("{path}/rotate"), Some(&owner.token), json!({}))
        .await;
    let secret = secret.body["secret"].as_str().unwrap().to_owned();

    let agent = member_of(&app, owner.tenant, "Agent", MemberRole::Agent).await;
    let admin = member_of(&app, owner.tenant, "Admin", MemberRole::Admin).await;
    let stranger = app.register("Stranger").await;
    let missing = secret_path(AssistantId::new());

    let get = app.get(&path, &agent.token).await;
    assert_eq!(get.status, StatusCode::FORBIDDEN, "{}", get.body);
    let rotate = app
        .post(&format!("{path}/rotate"), Some(&agent.token), json!({}))
        .await;
    assert_eq!(rotate.status, StatusCode::FORBIDDEN, "{}", rotate.body);
    let delete = app.delete(&path, &agent.token).await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN, "{}", delete.body);

    for (what, p) in [("another tenant's", &path), ("a missing", &missing)] {
        let get = app.get(p, &stranger.token).await;
        assert_eq!(get.status, StatusCode::NOT_FOUND, "{what}: {}", get.body);
        let rotate = app
            .post(&format!("{p}/rotate"), Some(&stranger.token), json!({}))
            .await;
        assert_eq!(
            rotate.status,
            StatusCode::NOT_FOUND,
            "{what}: {}",
            rotate.body
        );
        let delete = app.delete(p, &stranger.token).await;
        assert_eq!(
            delete.status,
            StatusCode::NOT_FOUND,
            "{what}: {}",
            delete.body
        );
        assert_eq!(get.error_code(), rotate.error_code());
    }

    let by_admin = app.get(&path, &admin.token).await;
    assert_eq!(by_admin.status, StatusCode::OK, "an admin may");
    assert_eq!(by_admin.body["secret"], secret, "nobody else changed it");
}

async fn identify(
    app: &TestApp,
    tenant: TenantId,
    chat: ChatId,
    claim: IdentityClaim,
    secret: Option<&str>,
) {
    let secret = secret.map(|s| secrecy::SecretString::from(s.to_owned()));
    let decided: VisitorIdentity = identity::verify(secret.as_ref(), claim);
    let mut tx = app.app_db().tenant(tenant).await.unwrap();
    assert!(
        repo::chats::set_identity(&mut tx, chat, &decided)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
}

fn claim(user: &str, name: &str, hash: Option<&str>) -> IdentityClaim {
    IdentityClaim::parse(user, Some(name), Some(&format!("{user}@example.com")), hash).unwrap()
}

/// Property: a verified chat shows its identity as verified and lists the same verified
/// user's other chats in the workspace, and nothing else: not a chat that merely claims
/// the same user id (unverified), not another user's, not another workspace's. An
/// unverified chat shows the claim as unverified and links to nothing. The list carries
/// the identity and filters on `verified`.
#[tokio::test]
async fn verified_chats_link_to_each_other_and_claims_stay_apart() {
    let app = TestApp::spawn().await;
    let owner = app.register("Owner").await;
    let assistant = app.create_assistant(&owner, "Support").await;
    let secret = identity::generate();
    let hash = identity::user_hash(&secret, "u-1");
    let seed = |t| app.seed_chat(t, assistant, &[(User, "hello")]);

    let (first, _) = seed(owner.tenant).await;
    let (second, _) = seed(owner.tenant).await;
    let (claimed, _) = seed(owner.tenant).await;
    let (other_user, _) = seed(owner.tenant).await;
    let (anonymous, _) = seed(owner.tenant).await;
    let t = owner.tenant;
    identify(
        &app,
        t,
        first,
        claim("u-1", "Ayşe", Some(&hash)),
        Some(&secret),
    )
    .await;
    identify(
        &app,
        t,
        second,
        claim("u-1", "Ayşe", Some(&hash)),
        Some(&secret),
    )
    .await;
    // Same user id, a made-up name, no hash: a claim, never linked.
    identify(
        &app,
        t,
        claimed,
        claim("u-1", "Mallory", None),
        Some(&secret),
    )
    .await;
    let hash2 = identity::user_hash(&secret, "u-2");
    identify(
        &app,
        t,
        other_user,
        claim("u-2", "Bora", Some(&hash2)),
        Some(&secret),
    )
    .await;

    // Another workspace with a verified u-1 of its own.
    let stranger = app.register("Stranger").await;
    let theirs = app.create_assistant(&stranger, "Theirs").await;
    let (foreign, _) = app
        .seed_chat(stranger.tenant, theirs, &[(User, "hi")])
        .await;
    identify(
        &app,
        stranger.tenant,
        foreign,
        claim("u-1", "Ayşe", Some(&hash)),
        Some(&secret),
    )
    .await;

    let view = app.get(&format!("/chats/{first}"), &owner.token).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(
        view.body["identity"],
        json!({ "user_id": "u-1", "name": "Ayşe", "email": "u-1@example.com", "verified": true })
    );
    let linked: Vec<&str> = view.body["verified_user_chats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        linked,
        [second.to_string()],
        "only the same verified user's"
    );

    let view = app.get(&format!("/chats/{claimed}"), &owner.token).await;
    assert_eq!(view.body["identity"]["verified"], false);
    assert_eq!(
        view.body["identity"]["name"], "Mallory",
        "the claim, as claimed"
    );
    assert_eq!(
        view.body["verified_user_chats"],
        json!([]),
        "a claim links to nothing"
    );

    let view = app.get(&format!("/chats/{anonymous}"), &owner.token).await;
    assert_eq!(view.body.get("identity"), None, "no identity given");
    assert_eq!(view.body["verified_user_chats"], json!([]));

    let ids = |body: &Value| -> Vec<String> {
        let mut ids: Vec<String> = body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let verified = app.get("/chats?verified=true", &owner.token).await;
    assert_eq!(
        ids(&verified.body),
        sorted(vec![
            first.to_string(),
            second.to_string(),
            other_user.to_string()
        ])
    );
    let unverified = app.get("/chats?verified=false", &owner.token).await;
    assert_eq!(
        ids(&unverified.body),
        sorted(vec![claimed.to_string(), anonymous.to_string()])
    );
    let all = app.get("/chats", &owner.token).await;
    let row = all.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == claimed.to_string())
        .unwrap()
        .clone();
    assert_eq!(row["identity"]["verified"], false, "{row}");
    assert_eq!(row["identity"]["name"], "Mallory");
}
