//! The dashboard and widget files: compressed as the browser asks (brotli, gzip), cached
//! as long as their names allow, answered to HEAD and If-None-Match.

use reqwest::{StatusCode, header};

use crate::support::TestApp;

struct Built {
    root: std::path::PathBuf,
    dashboard: std::path::PathBuf,
    widget: std::path::PathBuf,
}

impl Drop for Built {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn build_front_ends() -> Built {
    let root = std::env::temp_dir().join(format!("kremna-built-{}", uuid::Uuid::new_v4().simple()));
    let dashboard = root.join("dashboard");
    let widget = root.join("widget");
    std::fs::create_dir_all(dashboard.join("assets")).unwrap();
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::write(
        dashboard.join("index.html"),
        "<!doctype html><title>Kremna</title>".repeat(20),
    )
    .unwrap();
    std::fs::write(
        dashboard.join("assets/index-CRLYi2WV.js"),
        "export const answer = 42;\n".repeat(2000),
    )
    .unwrap();
    std::fs::write(
        widget.join("embed.js"),
        "(function(){ /* loader */ })();\n".repeat(200),
    )
    .unwrap();
    Built {
        root,
        dashboard,
        widget,
    }
}

async fn app() -> (TestApp, Built) {
    let built = build_front_ends();
    let app = TestApp::spawn_with(&[
        ("DASHBOARD_DIR", built.dashboard.to_str().unwrap()),
        ("WIDGET_DIR", built.widget.to_str().unwrap()),
    ])
    .await;
    (app, built)
}

#[tokio::test]
async fn files_are_served_compressed_as_negotiated() {
    let (app, built) = app().await;
    let raw_len = std::fs::metadata(built.dashboard.join("assets/index-CRLYi2WV.js"))
        .unwrap()
        .len();
    let url = format!("{}/assets/index-CRLYi2WV.js", app.base);
    // reqwest without its decompression features leaves bodies as sent.
    for (accept, encoding) in [
        ("br, gzip", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        let resp = app
            .client
            .get(&url)
            .header(header::ACCEPT_ENCODING, accept)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(
            resp.headers()
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(resp.headers()[header::VARY], "Accept-Encoding");
        assert_eq!(
            resp.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        let len = resp.bytes().await.unwrap().len() as u64;
        if encoding.is_some() {
            assert!(len * 10 < raw_len, "{accept}: {len} of {raw_len} bytes");
        } else {
            assert_eq!(len, raw_len);
        }
    }
}

#[tokio::test]
async fn entry_points_are_cached_briefly_and_revalidate() {
    let (app, _built) = app().await;
    let embed = app
        .client
        .get(format!("{}/widget/embed.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(embed.status(), StatusCode::OK);
    assert_eq!(
        embed.headers()[header::CACHE_CONTROL],
        "public, max-age=300"
    );
    assert!(
        embed.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let etag = embed.headers()[header::ETAG].clone();
    let again = app
        .client
        .get(format!("{}/widget/embed.js", app.base))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let head = app
        .client
        .head(format!("{}/widget/embed.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    assert!(head.bytes().await.unwrap().is_empty());

    // A client-side route of the dashboard gets its page, never cached stale.
    let page = app
        .client
        .get(format!("{}/chats/123", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()[header::CACHE_CONTROL], "no-cache");
    assert!(page.text().await.unwrap().contains("<title>Kremna</title>"));

    let missing = app
        .client
        .get(format!("{}/widget/nope.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}
