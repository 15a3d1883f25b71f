//! `GET /knowledge/limits`: the upload size the dashboard states is the one the API
//! takes. The request limit in front of every route (`MAX_BODY_BYTES`, checked on
//! `Content-Length` before anything is read) is usually smaller than
//! `KNOWLEDGE_MAX_BYTES`, so the stated limit must be the smaller of the two.

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::{Account, TestApp};

/// Uploads `size` bytes of Markdown with a title and an assistant, as the dashboard
/// sends it; returns the status and the body.
async fn upload(
    app: &TestApp,
    owner: &Account,
    assistant: &str,
    size: usize,
) -> (StatusCode, Value) {
    let boundary = "kremnaLimitBoundary";
    let mut body = Vec::new();
    let part = |name: &str, value: &str| {
        format!(
            "--{boundary}\r\ncontent-disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        )
    };
    body.extend_from_slice(part("title", &"T".repeat(200)).as_bytes());
    body.extend_from_slice(part("assistant_ids", assistant).as_bytes());
    body.extend_from_slice(
        format!("--{boundary}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"notes.md\"\r\ncontent-type: text/markdown\r\n\r\n")
            .as_bytes(),
    );
    body.extend(std::iter::repeat_n(b'a', size));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let res = app
        .client
        .post(format!("{}/api/v1/knowledge/sources/file", app.base))
        .bearer_auth(&owner.token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("sent");
    let status = res.status();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn max_file_bytes(app: &TestApp, owner: &Account) -> usize {
    let reply = app.get("/knowledge/limits", &owner.token).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    usize::try_from(reply.body["max_file_bytes"].as_u64().expect("a number")).expect("fits")
}

/// With the default settings the request limit (256 KiB) is the smaller one: a file of
/// exactly the stated size is taken, one byte more is refused.
#[tokio::test]
async fn the_stated_limit_is_the_one_uploads_get() {
    let app = TestApp::spawn().await;
    let owner = app.register("limits").await;
    let assistant = app.create_assistant(&owner, "Bot").await.to_string();
    let max = max_file_bytes(&app, &owner).await;
    assert!(max < 2_000_000, "below KNOWLEDGE_MAX_BYTES: {max}");
    assert!(max > 200_000, "most of MAX_BODY_BYTES: {max}");

    let (status, body) = upload(&app, &owner, &assistant, max).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["assistant_ids"][0], assistant.as_str());

    let (status, body) = upload(&app, &owner, &assistant, max + 1).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["details"]["field"], "file");
}

/// When the knowledge limit is the smaller one, it is the one stated and applied.
#[tokio::test]
async fn a_smaller_knowledge_limit_is_stated_and_applied() {
    let app = TestApp::spawn_with(&[("KNOWLEDGE_MAX_BYTES", "1000")]).await;
    let owner = app.register("limits").await;
    let assistant = app.create_assistant(&owner, "Bot").await.to_string();
    assert_eq!(max_file_bytes(&app, &owner).await, 1000);
    assert_eq!(
        upload(&app, &owner, &assistant, 1000).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        upload(&app, &owner, &assistant, 1001).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// Signing in is required, like every other knowledge route.
#[tokio::test]
async fn limits_need_a_member() {
    let app = TestApp::spawn().await;
    let reply = app
        .request(reqwest::Method::GET, "/knowledge/limits", None, None)
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

/// Issue 9 point 10: the knowledge routes took what their spec refuses (schemathesis:
/// `limit: 0` on try-it, a `text` longer than its `maxLength`). Every limit the spec
/// declares on a JSON body is now one the server holds.
#[tokio::test]
async fn declared_limits_are_enforced() {
    let app = TestApp::spawn().await;
    let owner = app.register("limits").await;
    let assistant = app.create_assistant(&owner, "Bot").await;
    let try_it = format!("/knowledge/assistants/{assistant}/try");
    for limit in [0, 21] {
        let reply = app
            .post(
                &try_it,
                Some(&owner.token),
                serde_json::json!({"question": "hours?", "limit": limit}),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "limit {limit}: {}",
            reply.body
        );
        assert_eq!(reply.error_field(), "limit");
    }
    let reply = app
        .post(
            &try_it,
            Some(&owner.token),
            serde_json::json!({"question": "hours?", "limit": 20}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let too_long = app
        .post(
            "/knowledge/sources/text",
            Some(&owner.token),
            serde_json::json!({"title": "Long", "text": "a".repeat(200_001)}),
        )
        .await;
    assert_eq!(
        too_long.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        too_long.body
    );
    assert_eq!(too_long.error_field(), "text");
    let longest = app
        .post(
            "/knowledge/sources/text",
            Some(&owner.token),
            serde_json::json!({"title": "Long", "text": "a".repeat(200_000)}),
        )
        .await;
    assert_eq!(longest.status, StatusCode::CREATED, "{}", longest.body);
}
