//! Unread counts (issue 10): per member, kept in Postgres so a reload or another device
//! shows the same, with the navigation's count and "mark all as read".

use kremna_shared::domain::MessageRole::{Assistant, User};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    support::{Account, TestApp},
    team::{invite, join_new},
};

async fn counts(app: &TestApp, who: &Account) -> Vec<(String, Value)> {
    let list = app.get("/chats", &who.token).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["unread_count"].clone(),
            )
        })
        .collect()
}

async fn unread_of(app: &TestApp, who: &Account, chat: &str) -> Value {
    counts(app, who)
        .await
        .into_iter()
        .find(|(id, _)| id == chat)
        .map(|(_, n)| n)
        .expect("the chat is listed")
}

async fn nav(app: &TestApp, who: &Account) -> i64 {
    let reply = app.get("/chats/unread", &who.token).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["chats"].as_i64().unwrap()
}

#[tokio::test]
async fn each_member_reads_for_themselves_and_marks_never_move_back() {
    let app = TestApp::spawn().await;
    let owner = app.register("reads").await;
    let token = invite(&app, &owner, "agent").await;
    let (agent, _) = join_new(&app, &token, "agent").await;
    let assistant = app.create_assistant(&owner, "Support").await;
    let (a, _) = app
        .seed_chat(
            owner.tenant,
            assistant,
            &[
                (User, "Hello"),
                (Assistant, "Hi!"),
                (User, "Where is my order?"),
            ],
        )
        .await;
    let (b, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "Are you open?")])
        .await;
    let (a, b) = (a.to_string(), b.to_string());

    // Visitor messages only: the assistant's reply is nobody's unread.
    assert_eq!(unread_of(&app, &owner, &a).await, 2);
    assert_eq!(unread_of(&app, &owner, &b).await, 1);
    assert_eq!(nav(&app, &owner).await, 2);

    let read = app
        .post(&format!("/chats/{a}/read"), Some(&owner.token), json!({}))
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(read.body["read_seq"], 3);
    assert_eq!(unread_of(&app, &owner, &a).await, 0);
    assert_eq!(nav(&app, &owner).await, 1);
    // The agent has read nothing yet.
    assert_eq!(unread_of(&app, &agent, &a).await, 2);
    assert_eq!(nav(&app, &agent).await, 2);

    // An older mark (another tab that was behind) does not make read messages unread.
    let back = app
        .post(
            &format!("/chats/{a}/read"),
            Some(&owner.token),
            json!({ "seq": 1 }),
        )
        .await;
    assert_eq!(back.body["read_seq"], 3);
    // A mark past the end stops at the chat's last message.
    let past = app
        .post(
            &format!("/chats/{b}/read"),
            Some(&agent.token),
            json!({ "seq": 99 }),
        )
        .await;
    assert_eq!(past.body["read_seq"], 1);
    // The agent reads `a` up to the first message only: the second stays unread.
    let part = app
        .post(
            &format!("/chats/{a}/read"),
            Some(&agent.token),
            json!({ "seq": 1 }),
        )
        .await;
    assert_eq!(part.body["read_seq"], 1);
    assert_eq!(unread_of(&app, &agent, &a).await, 1);

    // A new visitor message is unread again, for the one who had read everything.
    let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
    kremna_shared::repo::messages::insert(
        &mut tx,
        &kremna_shared::repo::messages::NewMessage {
            chat: a.parse().unwrap(),
            role: User,
            content: "Hello?",
            status: kremna_shared::domain::MessageStatus::Complete,
            client_message_id: None,
            author: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(unread_of(&app, &owner, &a).await, 1);
    assert_eq!(unread_of(&app, &agent, &a).await, 2);

    // Mark all as read: nothing before now is unread; what comes later is.
    let all = app
        .post("/chats/read-all", Some(&owner.token), json!(null))
        .await;
    assert_eq!(all.status, StatusCode::NO_CONTENT, "{}", all.body);
    assert_eq!(nav(&app, &owner).await, 0);
    assert!(counts(&app, &owner).await.iter().all(|(_, n)| n == 0));
    assert_eq!(nav(&app, &agent).await, 1);
}

#[tokio::test]
async fn a_new_member_is_not_handed_the_history_as_unread() {
    let app = TestApp::spawn().await;
    let owner = app.register("history").await;
    let assistant = app.create_assistant(&owner, "Support").await;
    let (old, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "Before you joined")])
        .await;
    let token = invite(&app, &owner, "agent").await;
    let (agent, _) = join_new(&app, &token, "newcomer").await;
    assert_eq!(unread_of(&app, &agent, &old.to_string()).await, 0);
    assert_eq!(nav(&app, &agent).await, 0);
    assert_eq!(nav(&app, &owner).await, 1);
}

#[tokio::test]
async fn keys_see_no_unread_counts_and_other_workspaces_cannot_mark() {
    let app = TestApp::spawn().await;
    let owner = app.register("keys-unread").await;
    let other = app.register("other-unread").await;
    let assistant = app.create_assistant(&owner, "Support").await;
    let (chat, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "Hi")])
        .await;

    let (key, _) = app
        .create_key(&owner, json!({ "name": "Reader", "access": "read" }))
        .await;
    let listed = app.get("/chats", &key).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert!(listed.body["data"][0].get("unread_count").is_none());
    // Read marks belong to people: keys cannot make them.
    let by_key = app
        .post(&format!("/chats/{chat}/read"), Some(&key), json!({}))
        .await;
    assert_eq!(by_key.status, StatusCode::UNAUTHORIZED, "{}", by_key.body);

    let theirs = app
        .post(
            &format!("/chats/{chat}/read"),
            Some(&other.token),
            json!({}),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.body);
    let unknown = app
        .post(
            &format!("/chats/{}/read", uuid::Uuid::new_v4()),
            Some(&owner.token),
            json!({}),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let negative = app
        .post(
            &format!("/chats/{chat}/read"),
            Some(&owner.token),
            json!({ "seq": -1 }),
        )
        .await;
    assert!(negative.status.is_client_error(), "{}", negative.status);
    // The owner's mark is untouched by all of that.
    assert_eq!(nav(&app, &owner).await, 1);
}
