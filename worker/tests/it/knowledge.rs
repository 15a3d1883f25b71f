//! The knowledge base end to end (issue 13): sources added through the API, ingested
//! by the worker (files from `testing/knowledge/`, a page from a local site), retrieved
//! for the "try it" box and for a reply (real socket.io-client), the reply's sources
//! recorded; failures with reasons; and one tenant's chunks never reaching another's
//! retrieval, prompt or rows (code and RLS).

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use kremna_test_stack::{FakeConfig, Options, Owner, PLATFORM_ORIGIN, Reply, Stack};
use serde_json::{Value, json};
use sqlx::{Connection, PgConnection};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

fn corpus(path: &str) -> Vec<u8> {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testing/knowledge")
        .join(path);
    std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// A tiny web site: `/hours` (a corpus page), `/missing` (404), `/big` (over any small
/// limit), `/flaky` (the hours page until `gone` is set, then 404).
struct Site {
    base: String,
    gone: Arc<AtomicBool>,
}

async fn site() -> Site {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let gone = Arc::new(AtomicBool::new(false));
    let flag = gone.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let gone = flag.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]);
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let hours = corpus("shop/en/hours.html");
                let (status, body): (&str, Vec<u8>) = match path.as_str() {
                    "/hours" => ("200 OK", hours),
                    "/flaky" if !gone.load(Ordering::SeqCst) => ("200 OK", hours),
                    "/big" => (
                        "200 OK",
                        format!("<p>{}</p>", "tea ".repeat(10_000)).into_bytes(),
                    ),
                    _ => ("404 Not Found", b"<h1>Not found</h1>".to_vec()),
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    Site { base, gone }
}

async fn stack(reply: &str, env: Vec<(&'static str, String)>) -> Stack {
    let mut env = env;
    env.push(("KNOWLEDGE_FETCH_PRIVATE", "true".into()));
    Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Fixed(reply.into())),
        env,
        ..Options::default()
    })
    .await
}

struct Api<'a> {
    stack: &'a Stack,
    http: reqwest::Client,
}

impl<'a> Api<'a> {
    fn new(stack: &'a Stack) -> Self {
        Self {
            stack,
            http: reqwest::Client::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.stack.api_base)
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> (u16, Value) {
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn post(&self, owner: &Owner, path: &str, body: Value) -> (u16, Value) {
        self.send(
            self.http
                .post(self.url(path))
                .bearer_auth(&owner.token)
                .json(&body),
        )
        .await
    }

    async fn get(&self, owner: &Owner, path: &str) -> (u16, Value) {
        self.send(self.http.get(self.url(path)).bearer_auth(&owner.token))
            .await
    }

    async fn put(&self, owner: &Owner, path: &str) -> (u16, Value) {
        self.send(self.http.put(self.url(path)).bearer_auth(&owner.token))
            .await
    }

    async fn delete(&self, owner: &Owner, path: &str) -> (u16, Value) {
        self.send(self.http.delete(self.url(path)).bearer_auth(&owner.token))
            .await
    }

    /// Uploads `bytes` as the multipart field `file`.
    async fn upload(
        &self,
        owner: &Owner,
        name: &str,
        media_type: &str,
        bytes: &[u8],
        assistant: Option<&str>,
    ) -> (u16, Value) {
        let boundary = "kremnaBoundary7MA4YWxk";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{name}\"\r\ncontent-type: {media_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
        if let Some(a) = assistant {
            body.extend_from_slice(
                format!("--{boundary}\r\ncontent-disposition: form-data; name=\"assistant_ids\"\r\n\r\n{a}\r\n")
                    .as_bytes(),
            );
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.send(
            self.http
                .post(self.url("/knowledge/sources/file"))
                .bearer_auth(&owner.token)
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(body),
        )
        .await
    }

    /// Waits until the source leaves `queued`/`processing`, and returns it.
    async fn settled(&self, owner: &Owner, id: &str) -> Value {
        for _ in 0..200 {
            let (_, source) = self.get(owner, &format!("/knowledge/sources/{id}")).await;
            if matches!(source["state"].as_str(), Some("ready" | "failed")) {
                return source;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("source {id} never settled");
    }

    async fn try_it(&self, owner: &Owner, assistant: &str, question: &str) -> (u16, Value) {
        self.post(
            owner,
            &format!("/knowledge/assistants/{assistant}/try"),
            json!({ "question": question }),
        )
        .await
    }
}

fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_owned()
}

/// The system prompt of the last chat request the fake received.
fn last_system_prompt(stack: &Stack) -> String {
    stack
        .fake
        .requests()
        .iter()
        .rev()
        .find(|r| r.is_stream())
        .and_then(|r| r.messages().first().cloned())
        .and_then(|m| m["content"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[tokio::test]
async fn every_format_is_ingested_and_grounds_a_reply_with_its_sources() {
    let reply = "On Sunday we are open from 11:00 to 16:00.";
    let stack = stack(reply, Vec::new()).await;
    let site = site().await;
    let api = Api::new(&stack);
    let owner = stack.owner("knowledge").await;
    let assistant = stack.assistant(&owner, json!({})).await.to_string();

    let (status, text) = api
        .post(
            &owner,
            "/knowledge/sources/text",
            json!({
                "title": "Brewing guide",
                "text": String::from_utf8(corpus("shop/en/brewing.md")).unwrap(),
                "assistant_ids": [assistant],
            }),
        )
        .await;
    assert_eq!(status, 201, "{text}");
    assert_eq!(text["state"], "queued");
    assert_eq!(text["kind"], "text");
    let (status, url) = api
        .post(
            &owner,
            "/knowledge/sources/url",
            json!({ "url": format!("{}/hours", site.base), "assistant_ids": [assistant] }),
        )
        .await;
    assert_eq!(status, 201, "{url}");
    let mut files = Vec::new();
    for (name, media, path) in [
        ("products.html", "text/html", "shop/en/products.html"),
        ("faq.txt", "text/plain", "shop/faq.txt"),
        (
            "brewing.md",
            "application/octet-stream",
            "shop/en/brewing.md",
        ),
        ("kargo.html", "text/html", "shop/tr/kargo.html"),
        ("care.pdf", "application/pdf", "files/care.pdf"),
    ] {
        let (status, file) = api
            .upload(&owner, name, media, &corpus(path), Some(&assistant))
            .await;
        assert_eq!(status, 201, "{name}: {file}");
        assert_eq!(file["assistant_ids"], json!([assistant]));
        files.push((name, file));
    }

    let text = api.settled(&owner, &id(&text)).await;
    assert_eq!(text["state"], "ready", "{text}");
    assert_eq!(text["language"], "en");
    let url = api.settled(&owner, &id(&url)).await;
    assert_eq!(url["state"], "ready", "{url}");
    assert_eq!(
        url["title"], "Opening hours and location – Harbour Tea House",
        "a URL source takes its page's title"
    );
    assert!(url["refreshed_at"].is_string());
    for (name, file) in &files {
        let file = api.settled(&owner, &id(file)).await;
        assert_eq!(file["state"], "ready", "{name}: {file}");
        assert!(file["chunk_count"].as_i64().unwrap() >= 1, "{name}");
        let language = if *name == "kargo.html" { "tr" } else { "en" };
        assert_eq!(file["language"], language, "{name}");
    }

    // A PDF's pages become text.
    let pdf = files.iter().find(|(n, _)| *n == "care.pdf").unwrap();
    let (_, chunks) = api
        .get(&owner, &format!("/knowledge/sources/{}/chunks", id(&pdf.1)))
        .await;
    let text: String = chunks["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(text.contains("Caring for your teapot"), "{chunks}");
    assert!(text.contains("airtight tin"), "page 2: {chunks}");

    // Chunks keep their heading path; scripts and styles are dropped; vectors stored.
    let (_, chunks) = api
        .get(&owner, &format!("/knowledge/sources/{}/chunks", id(&url)))
        .await;
    let chunks = chunks["data"].as_array().unwrap();
    let sunday = chunks
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("Sunday"))
        .expect("the Sunday hours are a chunk");
    assert_eq!(sunday["heading"], "Opening hours and location › Shop hours");
    assert_eq!(sunday["has_vector"], true);
    assert!(
        chunks
            .iter()
            .all(|c| !c["text"].as_str().unwrap().contains("analytics"))
    );

    // Try it: the page that answers comes first, with its score.
    let (status, tried) = api
        .try_it(&owner, &assistant, "What time do you open on Sunday?")
        .await;
    assert_eq!(status, 200, "{tried}");
    let best = &tried["data"][0];
    assert_eq!(best["source_id"], url["id"], "{tried}");
    assert!(best["score"].as_f64().unwrap() > 0.0);
    assert!(best["text_rank"].as_f64().is_some());
    // Turkish question, Turkish page.
    let (_, tried) = api
        .try_it(&owner, &assistant, "Yurt dışı kargo ücreti ne kadar?")
        .await;
    let kargo = files.iter().find(|(n, _)| *n == "kargo.html").unwrap();
    assert_eq!(tried["data"][0]["source_id"], kargo.1["id"], "{tried}");

    // A visitor asks; the prompt holds the chunk; the reply records its sources.
    let result = stack
        .scenario(
            "flow",
            json!({
                "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                "transport": "websocket", "content": "What time do you open on Sunday?"
            }),
        )
        .await;
    assert_eq!(result["reply"]["content"], reply, "{result}");
    // The widget's final message carries the sources (title + url), one per source.
    let links = result["reply"]["sources"]
        .as_array()
        .expect("sources on the final message");
    assert_eq!(
        links[0],
        json!({ "title": url["title"], "url": format!("{}/hours", site.base) })
    );
    assert!(links.len() <= 3);
    let prompt = last_system_prompt(&stack);
    assert!(prompt.contains("<knowledge>"), "{prompt}");
    assert!(prompt.contains("from 11:00 to 16:00"), "{prompt}");
    assert!(
        prompt.contains("Answer briefly."),
        "the assistant's own instructions stay"
    );
    let chat = result["started"]["id"].as_str().unwrap();
    let (status, sources) = api
        .get(&owner, &format!("/knowledge/chats/{chat}/sources"))
        .await;
    assert_eq!(status, 200, "{sources}");
    let first = &sources["data"][0];
    assert_eq!(first["message_id"], result["reply"]["id"]);
    assert_eq!(first["rank"], 1);
    assert_eq!(first["source_id"], url["id"]);
    assert_eq!(first["url"], format!("{}/hours", site.base));
    // The transcript shows the chunk itself, read from the chunk while it exists.
    assert!(
        first["text"]
            .as_str()
            .is_some_and(|t| t.contains("from 11:00 to 16:00")),
        "the chunk's text: {first}"
    );
    assert!(
        first["vector_score"].as_f64().is_some(),
        "the worker fused vectors (the fake embeds): {first}"
    );

    // Deleting the source removes its chunks at once; the citation keeps its snapshot.
    let (status, _) = api
        .delete(&owner, &format!("/knowledge/sources/{}", id(&url)))
        .await;
    assert_eq!(status, 204);
    let (status, _) = api
        .get(&owner, &format!("/knowledge/sources/{}/chunks", id(&url)))
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        count_chunks(&stack, owner.tenant, "Sunday we open later").await,
        0
    );
    let (_, sources) = api
        .get(&owner, &format!("/knowledge/chats/{chat}/sources"))
        .await;
    assert_eq!(sources["data"][0]["title"], url["title"]);
    assert_eq!(sources["data"][0]["chunk_id"], Value::Null);
    assert_eq!(
        sources["data"][0]["text"],
        Value::Null,
        "gone with its chunk"
    );
    stack.stop().await;
}

#[tokio::test]
async fn failures_give_a_reason_and_lose_nothing_else() {
    let stack = stack(
        "ok",
        vec![
            ("KNOWLEDGE_MAX_BYTES", "20000".into()),
            ("KNOWLEDGE_MAX_PDF_PAGES", "1".into()),
        ],
    )
    .await;
    let site = site().await;
    let api = Api::new(&stack);
    let owner = stack.owner("failures").await;
    let assistant = stack.assistant(&owner, json!({})).await.to_string();

    let add = |path: &str| {
        let body = json!({ "url": format!("{}{path}", site.base), "assistant_ids": [assistant] });
        api.post(&owner, "/knowledge/sources/url", body)
    };
    let (_, missing) = add("/missing").await;
    let (_, big) = add("/big").await;
    let (_, flaky) = add("/flaky").await;

    let missing = api.settled(&owner, &id(&missing)).await;
    assert_eq!(missing["state"], "failed");
    assert_eq!(missing["failure"]["code"], "http_status", "{missing}");
    assert_eq!(missing["failure"]["status"], 404);
    assert_eq!(missing["failure"]["message"], "The page answered HTTP 404.");
    let big = api.settled(&owner, &id(&big)).await;
    assert_eq!(big["state"], "failed");
    assert_eq!(big["failure"]["code"], "too_large", "{big}");
    assert_eq!(big["failure"]["limit"], 20_000);
    let flaky = api.settled(&owner, &id(&flaky)).await;
    assert_eq!(flaky["state"], "ready");
    let chunks = flaky["chunk_count"].as_i64().unwrap();
    assert!(chunks > 0);

    // The page goes away; a refetch fails with a reason, the earlier chunks still answer.
    site.gone.store(true, Ordering::SeqCst);
    let (status, requeued) = api
        .post(
            &owner,
            &format!("/knowledge/sources/{}/refetch", id(&flaky)),
            json!({}),
        )
        .await;
    assert_eq!(status, 202, "{requeued}");
    assert_eq!(requeued["state"], "queued");
    let flaky = api.settled(&owner, &id(&flaky)).await;
    assert_eq!(flaky["state"], "failed");
    assert_eq!(flaky["failure"]["code"], "http_status");
    assert_eq!(flaky["failure"]["status"], 404);
    assert_eq!(flaky["chunk_count"].as_i64().unwrap(), chunks);
    let (_, tried) = api.try_it(&owner, &assistant, "Sunday opening hours").await;
    assert_eq!(tried["data"][0]["source_id"], flaky["id"], "{tried}");

    // A file that is not text fails with a reason; an unsupported type is refused.
    let (status, binary) = api
        .upload(
            &owner,
            "notes.txt",
            "text/plain",
            &[0xff, 0xfe, 0x00, 0x9f, 0x92, 0x96],
            None,
        )
        .await;
    assert_eq!(status, 201, "{binary}");
    let binary = api.settled(&owner, &id(&binary)).await;
    assert_eq!(binary["state"], "failed");
    assert_eq!(binary["failure"]["code"], "not_text", "{binary}");
    let (status, refused) = api
        .upload(
            &owner,
            "menu.docx",
            "application/msword",
            b"PK\x03\x04",
            None,
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["code"], "validation_failed");

    // PDFs: a damaged one, one over the page limit (two pages, the limit is one).
    let (_, broken) = api
        .upload(
            &owner,
            "broken.pdf",
            "application/pdf",
            &corpus("files/broken.pdf"),
            None,
        )
        .await;
    let (_, long) = api
        .upload(
            &owner,
            "care.pdf",
            "application/pdf",
            &corpus("files/care.pdf"),
            None,
        )
        .await;
    let broken = api.settled(&owner, &id(&broken)).await;
    assert_eq!(broken["state"], "failed");
    assert_eq!(broken["failure"]["code"], "corrupt_pdf", "{broken}");
    let long = api.settled(&owner, &id(&long)).await;
    assert_eq!(long["state"], "failed");
    assert_eq!(long["failure"]["code"], "too_many_pages", "{long}");
    assert_eq!(long["failure"]["limit"], 1);
    let (status, refused) = api
        .upload(&owner, "big.txt", "text/plain", &vec![b'a'; 20_001], None)
        .await;
    assert_eq!(status, 422, "{refused}");
    let (status, refused) = api
        .post(
            &owner,
            "/knowledge/sources/url",
            json!({ "url": "file:///etc/passwd" }),
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    stack.stop().await;
}

/// Counts a tenant's chunks containing `needle`, on a connection of the services' role
/// with only `app.tenant_id` set: what row-level security lets through, whatever the code.
async fn count_chunks(stack: &Stack, tenant: kremna_shared::ids::TenantId, needle: &str) -> i64 {
    let mut conn = PgConnection::connect(&stack.db.app_url()).await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(tenant.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query_scalar("SELECT count(*) FROM knowledge_chunks WHERE body LIKE '%' || $1 || '%'")
        .bind(needle)
        .fetch_one(&mut *tx)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_tenants_chunks_never_reach_another_tenant() {
    let stack = stack("I can't say.", Vec::new()).await;
    let api = Api::new(&stack);
    let a = stack.owner("tenant-a").await;
    let b = stack.owner("tenant-b").await;
    let a1 = stack.assistant(&a, json!({})).await.to_string();
    let a2 = stack.assistant(&a, json!({})).await.to_string();
    let b1 = stack.assistant(&b, json!({})).await.to_string();

    // A's secret, shared between A's two assistants.
    let (_, secret) = api
        .post(
            &a,
            "/knowledge/sources/text",
            json!({ "title": "Vault", "text": "# Vault\n\nThe vault password is zebracorn-4471.", "assistant_ids": [a1, a2] }),
        )
        .await;
    let (_, own) = api
        .post(
            &b,
            "/knowledge/sources/text",
            json!({ "title": "B notes", "text": "Our vault has no password.", "assistant_ids": [b1] }),
        )
        .await;
    assert_eq!(api.settled(&a, &id(&secret)).await["state"], "ready");
    assert_eq!(api.settled(&b, &id(&own)).await["state"], "ready");
    for assistant in [&a1, &a2] {
        let (_, tried) = api.try_it(&a, assistant, "vault password zebracorn").await;
        assert_eq!(tried["data"][0]["source_id"], secret["id"]);
    }

    // B's retrieval, try-it and prompt never hold A's chunk.
    let (_, tried) = api.try_it(&b, &b1, "vault password zebracorn").await;
    assert!(
        tried["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["source_id"] == own["id"]),
        "{tried}"
    );
    let (status, _) = api.try_it(&b, &a1, "vault password zebracorn").await;
    assert_eq!(status, 404, "A's assistant is not B's to try");
    let result = stack
        .scenario(
            "flow",
            json!({
                "url": stack.node_url(0), "assistantId": b1, "origin": PLATFORM_ORIGIN,
                "transport": "websocket", "content": "What is the vault password? zebracorn?"
            }),
        )
        .await;
    assert_eq!(result["reply"]["status"], "complete", "{result}");
    assert!(
        !result["reply"].to_string().contains("Vault\""),
        "A's source title never reaches B's visitor: {result}"
    );
    let prompt = last_system_prompt(&stack);
    assert!(prompt.contains("Our vault has no password."), "{prompt}");
    assert!(!prompt.contains("4471"), "{prompt}");

    // B cannot read, attach, refetch or delete A's source, nor attach to A's assistant.
    let s = id(&secret);
    assert_eq!(api.get(&b, &format!("/knowledge/sources/{s}")).await.0, 404);
    assert_eq!(
        api.get(&b, &format!("/knowledge/sources/{s}/chunks"))
            .await
            .0,
        404
    );
    assert_eq!(
        api.put(&b, &format!("/knowledge/sources/{s}/assistants/{b1}"))
            .await
            .0,
        404
    );
    assert_eq!(
        api.put(
            &b,
            &format!("/knowledge/sources/{}/assistants/{a1}", id(&own))
        )
        .await
        .0,
        404
    );
    assert_eq!(
        api.post(&b, &format!("/knowledge/sources/{s}/refetch"), json!({}))
            .await
            .0,
        404
    );
    assert_eq!(
        api.delete(&b, &format!("/knowledge/sources/{s}")).await.0,
        404
    );
    let (_, listed) = api.get(&b, "/knowledge/sources").await;
    assert_eq!(listed["data"].as_array().unwrap().len(), 1);
    let chat = result["started"]["id"].as_str().unwrap();
    assert_eq!(
        api.get(&a, &format!("/knowledge/chats/{chat}/sources"))
            .await
            .0,
        404,
        "A cannot read B's citations"
    );

    // Row-level security: B's scope sees none of A's chunks, A's sees them.
    assert_eq!(count_chunks(&stack, b.tenant, "zebracorn").await, 0);
    assert_eq!(count_chunks(&stack, a.tenant, "zebracorn").await, 1);
    stack.stop().await;
}

/// The shop as a web site (`testing/knowledge/site` + the shop's English pages): each
/// request's path is logged, so a test can say what was never fetched.
struct ShopSite {
    base: String,
    log: Arc<std::sync::Mutex<Vec<String>>>,
}

impl ShopSite {
    fn fetched(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Page fetches (robots.txt and sitemaps left out).
    fn pages_fetched(&self) -> usize {
        self.fetched()
            .iter()
            .filter(|p| !p.ends_with(".txt") && !p.ends_with(".xml"))
            .count()
    }
}

async fn shop_site() -> ShopSite {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (root, seen) = (base.clone(), log.clone());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let (base, log) = (root.clone(), seen.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]);
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                log.lock().unwrap().push(path.clone());
                let file = match path.as_str() {
                    "/" => Some(("text/html", "site/index.html")),
                    "/robots.txt" => Some(("text/plain", "site/robots.txt")),
                    "/sitemap.xml" => Some(("application/xml", "site/sitemap.xml")),
                    "/sitemap-pages.xml" => Some(("application/xml", "site/sitemap-pages.xml")),
                    "/private/secret" => Some(("text/html", "site/private/secret.html")),
                    "/hours" => Some(("text/html", "shop/en/hours.html")),
                    "/shipping" => Some(("text/html", "shop/en/shipping.html")),
                    "/returns" => Some(("text/html", "shop/en/returns.html")),
                    _ => None,
                };
                let (status, media, body) = match (path.as_str(), file) {
                    (_, Some((media, file))) => (
                        "200 OK",
                        media,
                        String::from_utf8(corpus(file))
                            .unwrap()
                            .replace("{{BASE}}", &base)
                            .into_bytes(),
                    ),
                    ("/big", _) => (
                        "200 OK",
                        "text/html",
                        format!("<p>{}</p>", "tea ".repeat(10_000)).into_bytes(),
                    ),
                    _ => ("404 Not Found", "text/html", b"<h1>Not found</h1>".to_vec()),
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: {media}; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    ShopSite { base, log }
}

/// The failure code of each page of a source, by path.
async fn page_codes(
    api: &Api<'_>,
    owner: &Owner,
    source: &str,
    base: &str,
) -> Vec<(String, Value)> {
    let (status, pages) = api
        .get(owner, &format!("/knowledge/sources/{source}/pages"))
        .await;
    assert_eq!(status, 200, "{pages}");
    pages["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let path = p["url"]
                .as_str()
                .unwrap()
                .trim_start_matches(base)
                .to_owned();
            (path, p["failure"]["code"].clone())
        })
        .collect()
}

#[tokio::test]
async fn a_crawl_follows_the_sites_links_as_robots_txt_allows_up_to_its_page_limit() {
    let stack = stack("ok", vec![("KNOWLEDGE_MAX_BYTES", "20000".into())]).await;
    let site = shop_site().await;
    let api = Api::new(&stack);
    let owner = stack.owner("crawl").await;
    let assistant = stack.assistant(&owner, json!({})).await.to_string();

    let (status, crawl) = api
        .post(
            &owner,
            "/knowledge/sources/site",
            json!({ "url": format!("{}/", site.base), "mode": "crawl", "page_limit": 10, "assistant_ids": [assistant] }),
        )
        .await;
    assert_eq!(status, 201, "{crawl}");
    assert_eq!(crawl["kind"], "crawl");
    assert_eq!(crawl["page_limit"], 10);
    let crawl = api.settled(&owner, &id(&crawl)).await;
    assert_eq!(crawl["state"], "ready", "{crawl}");

    // Every same-site page, each with its outcome; the 404 and the oversized page fail
    // alone, the private page is refused by robots.txt and never fetched.
    let codes = page_codes(&api, &owner, &id(&crawl), &site.base).await;
    assert_eq!(
        codes,
        vec![
            ("/".to_owned(), Value::Null),
            ("/hours".to_owned(), Value::Null),
            ("/private/secret".to_owned(), json!("robots_disallowed")),
            ("/shipping".to_owned(), Value::Null),
            ("/missing".to_owned(), json!("http_status")),
            ("/big".to_owned(), json!("too_large")),
            ("/returns".to_owned(), Value::Null),
        ],
        "links in order, fragments and other sites and images left out"
    );
    assert_eq!(crawl["pages_ready"], 4);
    assert_eq!(crawl["pages_failed"], 3);
    let fetched = site.fetched();
    assert!(
        !fetched.iter().any(|p| p.starts_with("/private")),
        "{fetched:?}"
    );
    assert!(!fetched.iter().any(|p| p == "/logo.png"), "{fetched:?}");
    assert_eq!(fetched.iter().filter(|p| *p == "/robots.txt").count(), 1);
    assert_eq!(count_chunks(&stack, owner.tenant, "8841-kestrel").await, 0);

    // The source's chunks are all its pages'; a hit cites the page, not the start URL.
    let (_, chunks) = api
        .get(&owner, &format!("/knowledge/sources/{}/chunks", id(&crawl)))
        .await;
    assert_eq!(
        crawl["chunk_count"].as_u64().unwrap() as usize,
        chunks["data"].as_array().unwrap().len()
    );
    let (_, tried) = api
        .try_it(&owner, &assistant, "What time do you open on Sunday?")
        .await;
    assert_eq!(tried["data"][0]["source_id"], crawl["id"], "{tried}");
    assert_eq!(
        tried["data"][0]["url"],
        format!("{}/hours", site.base),
        "{tried}"
    );
    assert_eq!(
        tried["data"][0]["title"],
        "Opening hours and location – Harbour Tea House"
    );

    // A page limit of 2: two pages fetched, no more.
    let before = site.pages_fetched();
    let (_, small) = api
        .post(
            &owner,
            "/knowledge/sources/site",
            json!({ "url": format!("{}/", site.base), "mode": "crawl", "page_limit": 2 }),
        )
        .await;
    let small = api.settled(&owner, &id(&small)).await;
    assert_eq!(small["state"], "ready", "{small}");
    assert_eq!(site.pages_fetched() - before, 2);
    assert_eq!(small["pages_ready"], 2);
    stack.stop().await;
}

#[tokio::test]
async fn a_sitemap_index_gives_its_pages_and_a_failed_page_loses_nothing_else() {
    let stack = stack("ok", vec![("KNOWLEDGE_MAX_BYTES", "20000".into())]).await;
    let site = shop_site().await;
    let api = Api::new(&stack);
    let owner = stack.owner("sitemap").await;
    let other = stack.owner("sitemap-other").await;
    let assistant = stack.assistant(&owner, json!({})).await.to_string();

    let (status, map) = api
        .post(
            &owner,
            "/knowledge/sources/site",
            json!({ "url": format!("{}/sitemap.xml", site.base), "mode": "sitemap", "assistant_ids": [assistant] }),
        )
        .await;
    assert_eq!(status, 201, "{map}");
    let map = api.settled(&owner, &id(&map)).await;
    assert_eq!(map["state"], "ready", "{map}");
    assert_eq!(map["kind"], "sitemap");
    let codes = page_codes(&api, &owner, &id(&map), &site.base).await;
    assert_eq!(
        codes,
        vec![
            ("/hours".to_owned(), Value::Null),
            ("/private/secret".to_owned(), json!("robots_disallowed")),
            ("/shipping".to_owned(), Value::Null),
            ("/missing".to_owned(), json!("http_status")),
            ("/big".to_owned(), json!("too_large")),
            ("/returns".to_owned(), Value::Null),
        ]
    );
    let (_, pages) = api
        .get(&owner, &format!("/knowledge/sources/{}/pages", id(&map)))
        .await;
    let missing = &pages["data"][3];
    assert_eq!(missing["state"], "failed");
    assert_eq!(missing["failure"]["status"], 404, "{missing}");
    assert_eq!(pages["data"][4]["failure"]["limit"], 20_000);
    assert_eq!(pages["data"][0]["state"], "ready");
    assert!(pages["data"][0]["chunk_count"].as_i64().unwrap() > 0);
    assert!(!site.fetched().iter().any(|p| p.starts_with("/private")));

    // Not a sitemap: the source fails with a reason.
    let (_, wrong) = api
        .post(
            &owner,
            "/knowledge/sources/site",
            json!({ "url": format!("{}/hours", site.base), "mode": "sitemap" }),
        )
        .await;
    let wrong = api.settled(&owner, &id(&wrong)).await;
    assert_eq!(wrong["state"], "failed");
    assert_eq!(wrong["failure"]["code"], "invalid_sitemap", "{wrong}");

    // Another tenant cannot see, list the pages of, or refetch the source.
    let m = id(&map);
    assert_eq!(
        api.get(&other, &format!("/knowledge/sources/{m}")).await.0,
        404
    );
    assert_eq!(
        api.get(&other, &format!("/knowledge/sources/{m}/pages"))
            .await
            .0,
        404
    );
    assert_eq!(
        api.post(
            &other,
            &format!("/knowledge/sources/{m}/refetch"),
            json!({})
        )
        .await
        .0,
        404
    );

    // Refused at the edge: a site URL that is not http(s), a page limit out of range.
    let (status, _) = api
        .post(
            &owner,
            "/knowledge/sources/site",
            json!({ "url": "ftp://example.com/sitemap.xml", "mode": "sitemap" }),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = api
        .post(
            &owner,
            "/knowledge/sources/site",
            json!({ "url": format!("{}/", site.base), "mode": "crawl", "page_limit": 0 }),
        )
        .await;
    assert!(status == 400 || status == 422, "{status}");
    stack.stop().await;
}

/// Waits until `pred` holds for the source, and returns it.
async fn until(api: &Api<'_>, owner: &Owner, id: &str, pred: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..200 {
        let (_, source) = api.get(owner, &format!("/knowledge/sources/{id}")).await;
        if pred(&source) {
            return source;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("source {id} never got there");
}

#[tokio::test]
async fn a_web_source_is_refetched_on_its_schedule() {
    let stack = stack(
        "ok",
        vec![("KNOWLEDGE_REFETCH_SCHEDULE", "* * * * * *".into())],
    )
    .await;
    let site = site().await;
    let api = Api::new(&stack);
    let owner = stack.owner("schedule").await;
    let other = stack.owner("schedule-other").await;

    let (status, page) = api
        .post(
            &owner,
            "/knowledge/sources/url",
            json!({ "url": format!("{}/flaky", site.base), "refetch": "daily" }),
        )
        .await;
    assert_eq!(status, 201, "{page}");
    assert_eq!(page["refetch"], "daily");
    let page = api.settled(&owner, &id(&page)).await;
    assert_eq!(page["state"], "ready", "{page}");
    let next: chrono::DateTime<chrono::Utc> =
        page["next_refetch_at"].as_str().unwrap().parse().unwrap();
    let ahead = next - chrono::Utc::now();
    assert!(
        ahead > chrono::Duration::hours(23) && ahead <= chrono::Duration::hours(24),
        "{page}"
    );

    // The page goes away and the refetch falls due: the scheduler queues it by itself.
    site.gone.store(true, Ordering::SeqCst);
    let admin = stack.db.admin_pool().await;
    sqlx::query(
        "UPDATE knowledge_sources SET next_refetch_at = now() - interval '1 minute' WHERE id = $1",
    )
    .bind(uuid::Uuid::parse_str(&id(&page)).unwrap())
    .execute(&admin)
    .await
    .unwrap();
    let page = until(&api, &owner, &id(&page), |s| s["state"] == "failed").await;
    assert_eq!(page["failure"]["code"], "http_status", "{page}");
    let next: chrono::DateTime<chrono::Utc> =
        page["next_refetch_at"].as_str().unwrap().parse().unwrap();
    assert!(
        next > chrono::Utc::now() + chrono::Duration::hours(23),
        "moved a period on: {page}"
    );

    // Weekly, then on demand only; pasted text has no schedule; another tenant gets 404.
    let p = id(&page);
    let put = |owner: &Owner, path: String, body: Value| {
        api.send(
            api.http
                .put(api.url(&path))
                .bearer_auth(&owner.token)
                .json(&body),
        )
    };
    let (status, weekly) = put(
        &owner,
        format!("/knowledge/sources/{p}/schedule"),
        json!({ "refetch": "weekly" }),
    )
    .await;
    assert_eq!(status, 200, "{weekly}");
    assert_eq!(weekly["refetch"], "weekly");
    let (status, none) = put(
        &owner,
        format!("/knowledge/sources/{p}/schedule"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{none}");
    assert_eq!(none.get("refetch"), None, "{none}");
    assert_eq!(none.get("next_refetch_at"), None, "{none}");
    let (status, _) = put(
        &other,
        format!("/knowledge/sources/{p}/schedule"),
        json!({ "refetch": "daily" }),
    )
    .await;
    assert_eq!(status, 404);
    let (_, text) = api
        .post(
            &owner,
            "/knowledge/sources/text",
            json!({ "title": "Notes", "text": "Hello." }),
        )
        .await;
    let (status, refused) = put(
        &owner,
        format!("/knowledge/sources/{}/schedule", id(&text)),
        json!({ "refetch": "daily" }),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    stack.stop().await;
}
