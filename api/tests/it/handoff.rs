//! Human handoff over REST: every state change, its stored history, the role matrix
//! (an agent acts on chats but cannot edit assistants), the list filters and full-text
//! search, and another tenant's chats answering 404 on every new route.

use kremna_shared::{
    domain::{ChatState, MemberRole, MessageRole::User},
    ids::{ChatId, TenantId},
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Account, TestApp};

/// Signs up a person and makes them a member of `tenant` with `role`; returns a token
/// for that workspace.
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

async fn jobs_for(app: &TestApp, chat: ChatId) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM apalis.jobs WHERE job_type = 'kremna.reply'
           AND convert_from(job, 'UTF8')::jsonb ->> 'chat_id' = $1::text",
    )
    .bind(chat)
    .fetch_one(&app.db.admin_pool().await)
    .await
    .unwrap()
}

fn kinds(chat: &Value) -> Vec<String> {
    chat["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn take_over_reply_hand_back_and_resolve_are_stored_with_who_and_when() {
    let app = TestApp::spawn().await;
    let owner = app.register("Owner").await;
    let agent = member_of(&app, owner.tenant, "Ayşe", MemberRole::Agent).await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    let (chat, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "I need help")])
        .await;

    let taken = app
        .post(
            &format!("/chats/{chat}/take-over"),
            Some(&agent.token),
            json!({}),
        )
        .await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    assert_eq!(taken.body["state"], "assigned");
    assert_eq!(taken.body["assignee_name"], "Ayşe");
    assert_eq!(kinds(&taken.body), ["taken_over"]);
    assert_eq!(taken.body["history"][0]["actor_name"], "Ayşe");
    assert!(taken.body["history"][0]["created_at"].is_string());

    // Taking over again is a no-op; another member is refused.
    let again = app
        .post(
            &format!("/chats/{chat}/take-over"),
            Some(&agent.token),
            json!({}),
        )
        .await;
    assert_eq!(kinds(&again.body), ["taken_over"]);
    let owner_try = app
        .post(
            &format!("/chats/{chat}/take-over"),
            Some(&owner.token),
            json!({}),
        )
        .await;
    assert_eq!(owner_try.status, StatusCode::CONFLICT);
    assert_eq!(owner_try.error_code(), "chat_assigned_elsewhere");

    // The member answers: role agent, with author; a visitor message now queues no job.
    let reply = app
        .post(
            &format!("/chats/{chat}/messages"),
            Some(&agent.token),
            json!({ "content": "Hi, Ayşe here.", "client_message_id": "m-1" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["role"], "agent");
    assert_eq!(reply.body["author_name"], "Ayşe");
    let retried = app
        .post(
            &format!("/chats/{chat}/messages"),
            Some(&agent.token),
            json!({ "content": "Hi, Ayşe here.", "client_message_id": "m-1" }),
        )
        .await;
    assert_eq!(retried.status, StatusCode::OK);
    assert_eq!(retried.body["id"], reply.body["id"]);
    let jobs_before = jobs_for(&app, chat).await;
    {
        use kremna_shared::{
            chat::{Author, Post, post_message},
            domain::message::MessageContent,
        };
        let content = MessageContent::parse("Thanks!").unwrap();
        let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
        post_message(
            &mut tx,
            &Post {
                chat,
                author: Author::Visitor,
                content: &content,
                client_message_id: None,
                opening: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    assert_eq!(
        jobs_for(&app, chat).await,
        jobs_before,
        "no AI reply while assigned"
    );

    let transcript = app.get(&format!("/chats/{chat}"), &owner.token).await;
    let agent_msg = transcript.body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["role"] == "agent")
        .unwrap()
        .clone();
    assert_eq!(agent_msg["author_name"], "Ayşe");
    assert_eq!(agent_msg["author_id"], agent.user.to_string());

    let back = app
        .post(
            &format!("/chats/{chat}/hand-back"),
            Some(&agent.token),
            json!({}),
        )
        .await;
    assert_eq!(back.body["state"], "open");
    assert!(back.body.get("assignee_id").is_none());
    let back_again = app
        .post(
            &format!("/chats/{chat}/hand-back"),
            Some(&agent.token),
            json!({}),
        )
        .await;
    assert_eq!(back_again.status, StatusCode::CONFLICT);
    assert_eq!(back_again.error_code(), "chat_state_conflict");

    let resolved = app
        .post(
            &format!("/chats/{chat}/resolve"),
            Some(&agent.token),
            json!({}),
        )
        .await;
    assert_eq!(resolved.body["state"], "resolved");
    assert_eq!(
        kinds(&resolved.body),
        ["taken_over", "handed_back", "resolved"]
    );
    let twice = app
        .post(
            &format!("/chats/{chat}/resolve"),
            Some(&agent.token),
            json!({}),
        )
        .await;
    assert_eq!(twice.error_code(), "chat_state_conflict");

    // A visitor writing into a resolved chat opens it again, and the AI answers.
    let jobs_before = jobs_for(&app, chat).await;
    {
        use kremna_shared::{
            chat::{Author, Post, post_message},
            domain::message::MessageContent,
        };
        let content = MessageContent::parse("One more thing").unwrap();
        let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
        let posted = post_message(
            &mut tx,
            &Post {
                chat,
                author: Author::Visitor,
                content: &content,
                client_message_id: None,
                opening: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            posted.state_change.map(|c| c.event.to_state),
            Some(ChatState::Open)
        );
    }
    assert_eq!(jobs_for(&app, chat).await, jobs_before + 1);
    let reopened = app.get(&format!("/chats/{chat}"), &owner.token).await;
    assert_eq!(reopened.body["state"], "open");
    assert_eq!(kinds(&reopened.body).last().unwrap(), "reopened");
}

#[tokio::test]
async fn assign_names_a_member_of_this_workspace_only() {
    let app = TestApp::spawn().await;
    let owner = app.register("Owner").await;
    let agent = member_of(&app, owner.tenant, "Bora", MemberRole::Agent).await;
    let stranger = app.register("Stranger").await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    let (chat, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "hi")])
        .await;

    let to_stranger = app
        .post(
            &format!("/chats/{chat}/assign"),
            Some(&owner.token),
            json!({ "member_id": stranger.user }),
        )
        .await;
    assert_eq!(to_stranger.status, StatusCode::NOT_FOUND);
    assert_eq!(to_stranger.body["error"]["details"]["resource"], "member");

    let assigned = app
        .post(
            &format!("/chats/{chat}/assign"),
            Some(&owner.token),
            json!({ "member_id": agent.user }),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    assert_eq!(assigned.body["assignee_id"], agent.user.to_string());
    assert_eq!(assigned.body["history"][0]["kind"], "assigned");
    assert_eq!(assigned.body["history"][0]["actor_name"], "Owner");
    assert_eq!(assigned.body["history"][0]["assignee_name"], "Bora");

    let mine = app
        .get(&format!("/chats?assignee_id={}", agent.user), &agent.token)
        .await;
    assert_eq!(mine.body["data"].as_array().unwrap().len(), 1);
    let open = app.get("/chats?state=open", &agent.token).await;
    assert_eq!(open.body["data"].as_array().unwrap().len(), 0);
    let assigned_list = app.get("/chats?state=assigned", &agent.token).await;
    assert_eq!(assigned_list.body["data"][0]["assignee_name"], "Bora");
}

#[tokio::test]
async fn an_agent_acts_on_chats_but_cannot_edit_assistants() {
    let app = TestApp::spawn().await;
    let owner = app.register("Owner").await;
    let agent = member_of(&app, owner.tenant, "Agent", MemberRole::Agent).await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    let (chat, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "hi")])
        .await;

    let patch = app
        .patch(
            &format!("/assistants/{assistant}"),
            &agent.token,
            json!({ "handoff_policy": "model" }),
        )
        .await;
    assert_eq!(patch.status, StatusCode::FORBIDDEN);
    let create = app
        .post("/assistants", Some(&agent.token), json!({ "name": "Mine" }))
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
    let delete = app.delete(&format!("/chats/{chat}"), &agent.token).await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN);

    for action in ["take-over", "hand-back", "resolve"] {
        let reply = app
            .post(
                &format!("/chats/{chat}/{action}"),
                Some(&agent.token),
                json!({}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{action}: {}", reply.body);
    }

    // An admin sets the policy; it comes back on the assistant.
    let set = app
        .patch(
            &format!("/assistants/{assistant}"),
            &owner.token,
            json!({ "handoff_policy": "on_request", "offline_message": "We reply by e-mail." }),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(set.body["handoff_policy"], "on_request");
    assert_eq!(set.body["offline_message"], "We reply by e-mail.");
}

#[tokio::test]
async fn search_finds_english_and_turkish_stems_and_filters_combine() {
    let app = TestApp::spawn().await;
    let owner = app.register("Owner").await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    let (en, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "Where are my orders?")])
        .await;
    let (tr, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "Siparişlerim nerede?")])
        .await;
    app.seed_chat(owner.tenant, assistant, &[(User, "Unrelated question")])
        .await;

    let ids = |reply: &crate::support::Reply| -> Vec<String> {
        reply.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let english = app.get("/chats?q=order", &owner.token).await;
    assert_eq!(english.status, StatusCode::OK, "{}", english.body);
    assert_eq!(ids(&english), [en.to_string()]);
    let turkish = app.get("/chats?q=sipari%C5%9F", &owner.token).await;
    assert_eq!(ids(&turkish), [tr.to_string()]);
    let none = app.get("/chats?q=refund", &owner.token).await;
    assert!(ids(&none).is_empty());
    let future = app
        .get("/chats?active_from=2999-01-01T00:00:00Z", &owner.token)
        .await;
    assert!(ids(&future).is_empty());
    let past = app
        .get(
            "/chats?active_to=2000-01-01T00:00:00Z&q=order",
            &owner.token,
        )
        .await;
    assert!(ids(&past).is_empty());
    let bad_state = app.get("/chats?state=sleeping", &owner.token).await;
    assert_eq!(bad_state.status, StatusCode::BAD_REQUEST);

    // Another tenant's search never sees these chats.
    let other = app.register("Other").await;
    let theirs = app.get("/chats?q=order", &other.token).await;
    assert!(ids(&theirs).is_empty());
}

#[tokio::test]
async fn another_tenants_chat_answers_404_on_every_handoff_route() {
    let app = TestApp::spawn().await;
    let a = app.register("A").await;
    let b = app.register("B").await;
    let a_assistant = app.create_assistant(&a, "A's bot").await;
    let (a_chat, _) = app
        .seed_chat(a.tenant, a_assistant, &[(User, "secret")])
        .await;

    let routes: Vec<(String, Value)> = vec![
        (format!("/chats/{a_chat}/take-over"), json!({})),
        (
            format!("/chats/{a_chat}/assign"),
            json!({ "member_id": b.user }),
        ),
        (format!("/chats/{a_chat}/hand-back"), json!({})),
        (format!("/chats/{a_chat}/resolve"), json!({})),
        (
            format!("/chats/{a_chat}/messages"),
            json!({ "content": "pwned" }),
        ),
    ];
    for (path, body) in routes {
        let theirs = app
            .request(Method::POST, &path, Some(&b.token), Some(body.clone()))
            .await;
        assert_eq!(
            theirs.status,
            StatusCode::NOT_FOUND,
            "{path}: {}",
            theirs.body
        );
        let missing = app
            .request(
                Method::POST,
                &path.replace(&a_chat.to_string(), &uuid::Uuid::new_v4().to_string()),
                Some(&b.token),
                Some(body),
            )
            .await;
        assert_eq!(theirs.body, missing.body, "{path}");
    }
    // Nothing changed in A's chat.
    let mine = app.get(&format!("/chats/{a_chat}"), &a.token).await;
    assert_eq!(mine.body["state"], "open");
    assert!(mine.body["history"].as_array().unwrap().is_empty());
    assert_eq!(mine.body["messages"].as_array().unwrap().len(), 1);
}
