//! Issue 9 point 1: every HTML page the API serves carries a Content-Security-Policy
//! without inline script or foreign script origins; every response says `nosniff` and a
//! referrer policy; answers that carry a session are never stored.

use reqwest::{Method, StatusCode, header};
use serde_json::json;

use crate::support::TestApp;

struct Built {
    root: std::path::PathBuf,
}

impl Drop for Built {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

async fn app() -> (TestApp, Built) {
    let root = std::env::temp_dir().join(format!("kremna-csp-{}", uuid::Uuid::new_v4().simple()));
    let dashboard = root.join("dashboard");
    let widget = root.join("widget");
    std::fs::create_dir_all(&dashboard).unwrap();
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::write(
        dashboard.join("index.html"),
        "<!doctype html><title>Kremna</title><script src=\"/assets/x.js\"></script>",
    )
    .unwrap();
    std::fs::write(
        widget.join("demo.html"),
        "<!doctype html><title>demo</title>",
    )
    .unwrap();
    std::fs::write(widget.join("embed.js"), "(function(){})();").unwrap();
    let app = TestApp::spawn_with(&[
        ("DASHBOARD_DIR", dashboard.to_str().unwrap()),
        ("WIDGET_DIR", widget.to_str().unwrap()),
        ("REALTIME_PUBLIC_URL", "https://rt.kremna.test"),
    ])
    .await;
    (app, Built { root })
}

/// The directives of a policy, by name.
fn directives(policy: &str) -> std::collections::HashMap<String, Vec<String>> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

fn assert_strict_page_policy(resp: &reqwest::Response, what: &str) {
    let policy = resp
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"))
        .to_str()
        .unwrap()
        .to_owned();
    let d = directives(&policy);
    let scripts = d
        .get("script-src")
        .or_else(|| d.get("default-src"))
        .unwrap_or_else(|| panic!("{what}: no script-src in {policy}"));
    assert_eq!(
        scripts,
        &["'self'"],
        "{what}: scripts only from the page's own origin: {policy}"
    );
    assert_eq!(d["object-src"], ["'none'"], "{what}: {policy}");
    assert_eq!(d["frame-ancestors"], ["'none'"], "{what}: {policy}");
    assert!(d.contains_key("base-uri"), "{what}: {policy}");
    let connect = &d["connect-src"];
    assert!(
        connect.contains(&"https://rt.kremna.test".to_owned())
            && connect.contains(&"wss://rt.kremna.test".to_owned()),
        "{what}: the realtime node is reachable: {policy}"
    );
    assert!(!policy.contains("unsafe-eval"), "{what}: {policy}");
}

fn assert_common_headers(headers: &header::HeaderMap, what: &str) {
    assert_eq!(
        headers
            .get(header::X_CONTENT_TYPE_OPTIONS)
            .map(|v| v.to_str().unwrap()),
        Some("nosniff"),
        "{what}"
    );
    assert!(headers.contains_key(header::REFERRER_POLICY), "{what}");
}

#[tokio::test]
async fn every_html_page_has_a_strict_content_security_policy() {
    let (app, _built) = app().await;
    for path in [
        "/",
        "/index.html",
        "/assistants/some/client/route",
        "/widget/demo.html?host=data:text/javascript,alert(1)//",
        "/api/docs",
    ] {
        let resp = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        assert!(
            resp.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert_strict_page_policy(&resp, path);
        assert_common_headers(resp.headers(), path);
    }
}

#[tokio::test]
async fn the_docs_page_runs_no_inline_script() {
    let (app, _built) = app().await;
    let page = app
        .client
        .get(format!("{}/api/docs", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // every <script> either has a src on this origin or is a data block (no code)
    for tag in page.split("<script").skip(1) {
        let (attrs, rest) = tag.split_once('>').unwrap();
        let body = rest.split("</script>").next().unwrap();
        assert!(body.trim().is_empty(), "inline script body: {body}");
        assert!(
            attrs.contains("src=\"/") || attrs.contains("id=\"api-reference\""),
            "{attrs}"
        );
    }
    let script = app
        .client
        .get(format!("{}/api/docs/scalar.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    assert!(script.text().await.unwrap().len() > 10_000);
}

#[tokio::test]
async fn errors_and_json_carry_the_common_headers() {
    let (app, _built) = app().await;
    for (method, path) in [
        (Method::GET, "/api/v1/no-such-route"),
        (Method::GET, "/no-such-file.js"),
        (Method::GET, "/healthz"),
        (Method::GET, "/api/v1/openapi.json"),
        (Method::DELETE, "/api/v1/auth/login"),
    ] {
        let resp = app.request(method.clone(), path, None, None).await;
        assert_common_headers(&resp.headers, &format!("{method} {path}"));
    }
}

/// Issue 9 point 10: 405 answers did not say what is allowed.
#[tokio::test]
async fn method_not_allowed_says_what_is() {
    let (app, _built) = app().await;
    for (method, path, allowed) in [
        (Method::DELETE, "/api/v1/auth/login", "POST"),
        (Method::PUT, "/api/v1/auth/me", "GET, PATCH, HEAD"),
        (Method::GET, "/api/v1/invitations/preview", "POST"),
    ] {
        let resp = app.request(method.clone(), path, None, None).await;
        assert_eq!(
            resp.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_eq!(resp.error_code(), "method_not_allowed");
        assert_eq!(
            resp.headers.get(header::ALLOW).map(|v| v.to_str().unwrap()),
            Some(allowed),
            "{method} {path}"
        );
    }
    let file = app
        .client
        .post(format!("{}/index.html", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(file.headers()[header::ALLOW], "GET, HEAD");
}

#[tokio::test]
async fn answers_carrying_a_session_are_never_stored() {
    let (app, _built) = app().await;
    let email = format!("cache-{}@example.com", uuid::Uuid::new_v4().simple());
    let register = app
        .post(
            "/auth/register",
            None,
            json!({"email": email, "password": "correct horse battery", "full_name": "Ada"}),
        )
        .await;
    assert_eq!(register.status, StatusCode::CREATED, "{}", register.body);
    let login = app
        .post(
            "/auth/login",
            None,
            json!({"email": email, "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    let token = login.body["access_token"].as_str().unwrap();
    let me = app.get("/auth/me", token).await;
    let wrong = app
        .post(
            "/auth/login",
            None,
            json!({"email": email, "password": "not the password at all"}),
        )
        .await;
    for (what, reply) in [
        ("register", &register),
        ("login", &login),
        ("me", &me),
        ("wrong login", &wrong),
    ] {
        assert_eq!(
            reply
                .headers
                .get(header::CACHE_CONTROL)
                .map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{what}"
        );
    }
}
