//! A dashboard socket loses access as soon as its token would be refused by the API:
//! membership removed, account deleted, token expired, signed out (one token or
//! everywhere). Each is disconnected within 5 s and receives nothing after.

use std::time::Duration;

use chrono::Utc;
use kremna_test_stack::{JWT_SECRET, Options, Owner, PLATFORM_ORIGIN, Scenario, Stack};
use serde_json::{Value, json};

fn stack_options() -> Options {
    Options {
        realtime_nodes: 2,
        ..Options::default()
    }
}

/// How the test ends the owner's access once their dashboard socket is connected.
enum Ending {
    RemoveMembership,
    DeleteUser,
    Logout,
    LogoutAll,
    /// The token the socket connected with expires (it was issued for a few seconds).
    Expiry,
}

async fn user_id(stack: &Stack, owner: &Owner) -> uuid::Uuid {
    stack.api_get("/auth/me", &owner.token).await["user"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// A token for the owner that expires in `secs` seconds.
fn short_token(owner: &Owner, user: uuid::Uuid, secs: i64) -> String {
    let now = Utc::now().timestamp();
    jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &json!({ "sub": user, "tid": owner.tenant, "role": "owner", "iss": "kremna",
                 "aud": "kremna-dashboard", "iat": now, "exp": now + secs,
                 "jti": uuid::Uuid::new_v4(), "ver": 0 }),
        &jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .unwrap()
}

/// Connects a dashboard socket (to node 1), ends its access, and reports what the
/// socket saw; the widget traffic after the drop runs on node 0.
async fn end_access(stack: &Stack, ending: Ending, probe: bool) -> Value {
    let owner = stack.owner("leaving").await;
    let bot = stack.assistant(&owner, json!({})).await;
    let user = user_id(stack, &owner).await;
    let token = match ending {
        Ending::Expiry => short_token(&owner, user, 3),
        _ => owner.token.clone(),
    };
    let mut agent = Scenario::spawn(
        "agentDropped",
        &json!({ "url": stack.node_url(1), "token": token, "transport": "websocket",
                 "probe": probe, "waitMs": 8000, "timeoutMs": 30000 }),
    );
    agent.wait_mark("agent_connected").await;
    let admin = stack.db.admin_pool().await;
    match ending {
        Ending::RemoveMembership => {
            sqlx::query("DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2")
                .bind(owner.tenant)
                .bind(user)
                .execute(&admin)
                .await
                .unwrap();
        }
        Ending::DeleteUser => {
            sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(user)
                .execute(&admin)
                .await
                .unwrap();
        }
        Ending::Logout => {
            let (status, body) = stack
                .api_post("/auth/logout", &owner.token, json!({}))
                .await;
            assert_eq!(status, 204, "{body}");
        }
        Ending::LogoutAll => {
            let (status, body) = stack
                .api_post("/auth/logout-all", &owner.token, json!({}))
                .await;
            assert_eq!(status, 204, "{body}");
        }
        Ending::Expiry => {}
    }
    agent.go().await;
    agent.wait_mark("dropped").await;
    // Traffic in the workspace: a chat starts and a message and its reply arrive.
    stack
        .scenario("flow", json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN, "transport": "websocket" }))
        .await;
    agent.go().await;
    agent.result().await
}

fn assert_dropped(result: &Value, within: Duration, code: &str) {
    assert_eq!(result["connected"], true, "{result}");
    assert_eq!(result["dropped"], true, "still connected: {result}");
    let after = result["droppedAfterMs"].as_u64().unwrap();
    assert!(
        u128::from(after) <= within.as_millis(),
        "dropped after {after} ms: {result}"
    );
    assert_eq!(result["reason"], "io server disconnect", "{result}");
    assert_eq!(result["endedWith"]["code"], code, "{result}");
    assert_eq!(
        result["afterEnd"].as_array().unwrap().len(),
        0,
        "received after its access ended: {result}"
    );
}

/// Property: deleting the membership row (no announcement at all) disconnects the
/// member's open socket by the periodic re-check, within 5 s.
#[tokio::test]
async fn a_removed_member_is_disconnected() {
    let stack = Stack::start(stack_options()).await;
    let result = end_access(&stack, Ending::RemoveMembership, false).await;
    assert_dropped(&result, Duration::from_secs(5), "invalid_token");
    println!(
        "removed member dropped after {} ms",
        result["droppedAfterMs"]
    );
    stack.stop().await;
}

/// Property: the first event a socket sends after its user is deleted is refused and
/// the socket closed at once (the check runs on every event).
#[tokio::test]
async fn a_deleted_user_is_refused_on_the_next_event() {
    let stack = Stack::start(stack_options()).await;
    let result = end_access(&stack, Ending::DeleteUser, true).await;
    assert_eq!(result["probeAnswer"]["ok"], false, "{result}");
    assert_eq!(
        result["probeAnswer"]["error"]["code"], "invalid_token",
        "{result}"
    );
    assert_dropped(&result, Duration::from_secs(2), "invalid_token");
    stack.stop().await;
}

/// Property: a socket is closed when the token it connected with expires.
#[tokio::test]
async fn an_expired_token_is_disconnected() {
    let stack = Stack::start(stack_options()).await;
    let result = end_access(&stack, Ending::Expiry, false).await;
    assert_dropped(&result, Duration::from_secs(5), "token_expired");
    stack.stop().await;
}

/// Property: signing out closes the dashboard sockets that used the token, on every
/// node, through the Redis announcement (well before the periodic re-check).
#[tokio::test]
async fn logout_disconnects_the_token_s_sockets() {
    let stack = Stack::start(stack_options()).await;
    let result = end_access(&stack, Ending::Logout, false).await;
    assert_dropped(&result, Duration::from_secs(5), "invalid_token");
    println!(
        "signed-out socket dropped after {} ms",
        result["droppedAfterMs"]
    );
    let result = end_access(&stack, Ending::LogoutAll, false).await;
    assert_dropped(&result, Duration::from_secs(5), "invalid_token");
    println!(
        "signed-out-everywhere socket dropped after {} ms",
        result["droppedAfterMs"]
    );
    stack.stop().await;
}
