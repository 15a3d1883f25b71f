//! `chat::post_message`, the one door every author posts through (the widget's visitors,
//! members answering in person, the partner API). Property: a visitor's message exists
//! if and only if its reply job does; a member's message never queues an AI reply and
//! records who wrote it.

use kremna_shared::{
    chat::{Author, Post, PostError, post_message},
    domain::{MessageRole, message::MessageContent},
    ids::ChatId,
};

use crate::support::TestApp;

async fn counts(app: &TestApp, chat: ChatId) -> (i64, i64) {
    let admin = app.db.admin_pool().await;
    let messages: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE chat_id = $1")
        .bind(chat)
        .fetch_one(&admin)
        .await
        .unwrap();
    let jobs: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM apalis.jobs WHERE job_type = 'kremna.reply'
           AND convert_from(job, 'UTF8')::jsonb ->> 'chat_id' = $1::text",
    )
    .bind(chat)
    .fetch_one(&admin)
    .await
    .unwrap();
    (messages, jobs)
}

#[tokio::test]
async fn a_visitor_message_comes_with_its_reply_job_or_not_at_all() {
    let app = TestApp::spawn().await;
    let owner = app.register("post").await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    let (chat, _) = app.seed_chat(owner.tenant, assistant, &[]).await;
    let content = MessageContent::parse("Hello?").unwrap();
    let post = Post {
        chat,
        author: Author::Visitor,
        content: &content,
        client_message_id: Some("c-1"),
        opening: None,
    };

    // Rolled back: neither the message nor its job.
    let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
    let posted = post_message(&mut tx, &post).await.unwrap();
    assert!(posted.created);
    drop(tx);
    assert_eq!(counts(&app, chat).await, (0, 0));

    // Committed: both, once, however often the client retries.
    for attempt in 0..2 {
        let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
        let posted = post_message(&mut tx, &post).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(posted.created, attempt == 0);
        assert_eq!(posted.message.role, MessageRole::User);
        assert_eq!(posted.tenant, owner.tenant);
    }
    assert_eq!(counts(&app, chat).await, (1, 1));
}

#[tokio::test]
async fn a_member_message_records_its_author_and_queues_no_reply() {
    let app = TestApp::spawn().await;
    let owner = app.register("agent-post").await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    let (chat, _) = app.seed_chat(owner.tenant, assistant, &[]).await;
    let content = MessageContent::parse("Hi, Ada here.").unwrap();
    let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
    let posted = post_message(
        &mut tx,
        &Post {
            chat,
            author: Author::Member(owner.user),
            content: &content,
            client_message_id: None,
            opening: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(posted.message.role, MessageRole::Agent);
    assert_eq!(counts(&app, chat).await, (1, 0));
    let author: Option<uuid::Uuid> =
        sqlx::query_scalar("SELECT author_id FROM messages WHERE chat_id = $1")
            .bind(chat)
            .fetch_one(&app.db.admin_pool().await)
            .await
            .unwrap();
    assert_eq!(author, Some(owner.user.as_uuid()));
}

/// Another tenant's chat is not found, and a paused assistant takes no visitor messages.
#[tokio::test]
async fn refuses_other_tenants_chats_and_paused_assistants() {
    let app = TestApp::spawn().await;
    let owner = app.register("owner").await;
    let other = app.register("other").await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    let (chat, _) = app.seed_chat(owner.tenant, assistant, &[]).await;
    let content = MessageContent::parse("x").unwrap();
    let post = Post {
        chat,
        author: Author::Visitor,
        content: &content,
        client_message_id: None,
        opening: None,
    };
    let mut tx = app.app_db().tenant(other.tenant).await.unwrap();
    assert!(matches!(
        post_message(&mut tx, &post).await,
        Err(PostError::ChatNotFound)
    ));
    drop(tx);

    let paused = app
        .patch(
            &format!("/assistants/{assistant}"),
            &owner.token,
            serde_json::json!({ "status": "paused" }),
        )
        .await;
    assert_eq!(paused.status, 200, "{}", paused.body);
    let mut tx = app.app_db().tenant(owner.tenant).await.unwrap();
    assert!(matches!(
        post_message(&mut tx, &post).await,
        Err(PostError::AssistantPaused)
    ));
    drop(tx);
    assert_eq!(counts(&app, chat).await, (0, 0));
}
