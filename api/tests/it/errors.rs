//! Bad input gets a clear, structured 4xx in the one error shape; never a 500.

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

async fn raw(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let mut req = app
        .client
        .request(method, format!("{}{path}", app.base))
        .body(body);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    (status, body)
}

fn code(body: &Value) -> &str {
    body["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("not an error envelope: {body}"))
}

#[tokio::test]
async fn malformed_bodies_and_parameters() {
    let app = TestApp::spawn().await;
    let owner = app.register("errors").await;
    let t = Some(owner.token.as_str());
    let json = Some("application/json");
    use reqwest::Method;

    let (status, body) = raw(
        &app,
        Method::POST,
        "/api/v1/assistants",
        t,
        json,
        b"{\"name\": ".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "malformed_body");
    assert!(
        !body["error"]["message"].as_str().unwrap().contains("line"),
        "no parser positions: {body}"
    );

    let (status, body) = raw(
        &app,
        Method::POST,
        "/api/v1/assistants",
        t,
        json,
        Vec::new(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "malformed_body");

    let (status, body) = raw(
        &app,
        Method::POST,
        "/api/v1/assistants",
        t,
        Some("text/plain"),
        b"{\"name\":\"x\"}".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(code(&body), "unsupported_media_type");

    let (status, body) = raw(
        &app,
        Method::POST,
        "/api/v1/assistants",
        t,
        None,
        b"{\"name\":\"x\"}".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");

    let huge = format!(
        "{{\"name\":\"x\",\"instructions\":\"{}\"}}",
        "a".repeat(300 * 1024)
    );
    let (status, body) = raw(
        &app,
        Method::POST,
        "/api/v1/assistants",
        t,
        json,
        huge.into_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(code(&body), "payload_too_large");

    let (status, body) = raw(
        &app,
        Method::GET,
        "/api/v1/assistants/not-a-uuid",
        t,
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "invalid_parameter");
    assert_eq!(body["error"]["details"]["parameter"], "id");

    let (status, body) = raw(
        &app,
        Method::GET,
        "/api/v1/chats?assistant_id=nope",
        t,
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["details"]["parameter"], "assistant_id");

    let (status, body) = raw(
        &app,
        Method::GET,
        "/api/v1/no/such/route",
        t,
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(code(&body), "not_found");

    let (status, body) = raw(
        &app,
        Method::PUT,
        "/api/v1/assistants",
        t,
        json,
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
    assert_eq!(code(&body), "method_not_allowed");

    // Nothing was created by any of the refused requests.
    let list = app.get("/assistants", &owner.token).await;
    assert!(list.body["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn login_with_malformed_input_is_a_client_error() {
    let app = TestApp::spawn().await;
    for body in [
        &b"[]"[..],
        b"{\"email\": 5, \"password\": \"x\"}",
        b"{\"password\": \"x\"}",
        b"null",
    ] {
        let (status, reply) = raw(
            &app,
            reqwest::Method::POST,
            "/api/v1/auth/login",
            None,
            Some("application/json"),
            body.to_vec(),
        )
        .await;
        assert!(
            status.is_client_error(),
            "{} -> {status} {reply}",
            String::from_utf8_lossy(body)
        );
        assert!(reply["error"]["code"].is_string());
    }
}

/// Issue 9 point 10: `status: null` was accepted (read as "absent") where the spec says a
/// non-nullable enum.
#[tokio::test]
async fn null_is_refused_where_the_spec_does_not_allow_it() {
    let app = crate::support::TestApp::spawn().await;
    let owner = app.register("nulls").await;
    let reply = app
        .post(
            "/assistants",
            Some(&owner.token),
            serde_json::json!({ "name": "Nully", "status": null }),
        )
        .await;
    assert_eq!(
        reply.status,
        reqwest::StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert_eq!(reply.error_code(), "validation_failed");
    assert_eq!(reply.error_field(), "status");
    let reply = app
        .post(
            "/auth/login",
            None,
            serde_json::json!({ "email": owner.email, "password": "correct horse battery", "tenant_id": null }),
        )
        .await;
    assert_eq!(
        reply.status,
        reqwest::StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert_eq!(reply.error_field(), "tenant_id");
}
