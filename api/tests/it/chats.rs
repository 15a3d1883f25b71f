use kremna_shared::domain::MessageRole::{Assistant, User};
use reqwest::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn list_pages_newest_activity_first_with_previews() {
    let app = TestApp::spawn().await;
    let owner = app.register("chats").await;
    let sales = app.create_assistant(&owner, "Sales").await;
    let support = app.create_assistant(&owner, "Support").await;

    let (first, _) = app
        .seed_chat(
            owner.tenant,
            sales,
            &[(User, "Fiyatlarınız nedir?"), (Assistant, "Ayda 10 €.")],
        )
        .await;
    let (second, _) = app
        .seed_chat(owner.tenant, support, &[(User, "My order is late")])
        .await;
    let (third, _) = app
        .seed_chat(owner.tenant, sales, &[(User, &"long ".repeat(60))])
        .await;

    let page = app.get("/chats?limit=2", &owner.token).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let data = page.body["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["id"], third.to_string());
    assert_eq!(data[1]["id"], second.to_string());
    assert_eq!(page.body["has_more"], true);
    assert_eq!(data[1]["assistant_name"], "Support");
    assert_eq!(data[1]["message_count"], 1);
    assert_eq!(data[1]["last_message"]["content"], "My order is late");
    assert_eq!(data[1]["title"], "My order is late");
    assert_eq!(
        data[0]["last_message"]["content"]
            .as_str()
            .unwrap()
            .chars()
            .count(),
        140
    );

    let cursor = page.body["next_cursor"].as_str().unwrap();
    let next = app
        .get(&format!("/chats?limit=2&after={cursor}"), &owner.token)
        .await;
    // The old name still pages the same way, and both names may be given when they agree.
    for old in [
        format!("/chats?limit=2&cursor={cursor}"),
        format!("/chats?limit=2&after={cursor}&cursor={cursor}"),
    ] {
        let same = app.get(&old, &owner.token).await;
        assert_eq!(same.status, StatusCode::OK, "{old}");
        assert_eq!(same.body, next.body, "{old}");
    }
    // Two different positions: refused, rather than one silently ignored.
    let first_page_cursor = app.get("/chats?limit=1", &owner.token).await.body["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let both = app
        .get(
            &format!("/chats?limit=2&after={cursor}&cursor={first_page_cursor}"),
            &owner.token,
        )
        .await;
    assert_eq!(both.status, StatusCode::BAD_REQUEST);
    assert_eq!(both.error_code(), "invalid_parameter");
    let data = next.body["data"].as_array().unwrap();
    assert_eq!(data.len(), 1);
    assert_eq!(data[0]["id"], first.to_string());
    assert_eq!(data[0]["message_count"], 2);
    assert_eq!(data[0]["last_message"]["role"], "assistant");
    assert_eq!(next.body["has_more"], false);
    assert!(next.body["next_cursor"].is_null());

    // Filter by assistant, by query and by the original's path.
    let filtered = app
        .get(&format!("/chats?assistant_id={sales}"), &owner.token)
        .await;
    assert_eq!(filtered.body["data"].as_array().unwrap().len(), 2);
    let by_path = app
        .get(&format!("/chats/assistant/{sales}"), &owner.token)
        .await;
    assert_eq!(by_path.status, StatusCode::OK);
    let ids: Vec<_> = by_path.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, [third.to_string(), first.to_string()]);

    for bad in ["/chats?after=not-a-cursor", "/chats?cursor=not-a-cursor"] {
        let bad = app.get(bad, &owner.token).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.error_code(), "invalid_parameter");
    }
    let by_path_paged = app
        .get(
            &format!("/chats/assistant/{sales}?limit=1&after=0-00000000000000000000000000000000"),
            &owner.token,
        )
        .await;
    assert_eq!(by_path_paged.status, StatusCode::OK);
    let bad = app.get("/chats?limit=0", &owner.token).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = app.get("/chats?limit=101", &owner.token).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_chat_comes_with_its_messages_in_order_and_can_be_deleted() {
    let app = TestApp::spawn().await;
    let owner = app.register("detail").await;
    let assistant = app.create_assistant(&owner, "Helper").await;
    let (chat, stored) = app
        .seed_chat(
            owner.tenant,
            assistant,
            &[(User, "one"), (Assistant, "two"), (User, "three")],
        )
        .await;

    let reply = app.get(&format!("/chats/{chat}"), &owner.token).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["id"], chat.to_string());
    assert_eq!(reply.body["assistant_id"], assistant.to_string());
    assert_eq!(reply.body["origin"], "https://shop.example.com");
    let messages = reply.body["messages"].as_array().unwrap();
    let contents: Vec<_> = messages
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["one", "two", "three"]);
    assert_eq!(messages[0]["id"], stored[0].id.to_string());
    assert_eq!(messages[1]["role"], "assistant");
    assert!(messages[1]["error"].is_null());

    // The original answered GET /chats/:id with the wrong thing; it is the chat here.
    assert!(reply.body.get("data").is_none());

    assert_eq!(
        app.delete(&format!("/chats/{chat}"), &owner.token)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/chats/{chat}"), &owner.token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let list = app.get("/chats", &owner.token).await;
    assert!(list.body["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn deleting_an_assistant_deletes_its_chats() {
    let app = TestApp::spawn().await;
    let owner = app.register("cascade").await;
    let assistant = app.create_assistant(&owner, "Doomed").await;
    let (chat, _) = app
        .seed_chat(owner.tenant, assistant, &[(User, "hello")])
        .await;
    assert_eq!(
        app.delete(&format!("/assistants/{assistant}"), &owner.token)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/chats/{chat}"), &owner.token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/chats/assistant/{assistant}"), &owner.token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
