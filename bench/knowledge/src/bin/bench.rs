//! Knowledge-base benchmark (rerunnable, not a test):
//!
//! 1. Retrieval latency: 20 tenants × 5,000 chunks (100,000 chunks in the table), each
//!    tenant's chunks attached to its one assistant; questions asked of one assistant,
//!    full text alone and hybrid (exact cosine over its 512-dimension `real[]` vectors,
//!    fused). Each sample is one `search` in its own tenant transaction, as the reply job
//!    does it. Prints p50/p99 in milliseconds, first with the full-text index door that
//!    a superuser's `migrate` installs, then with it dropped (the plain query under RLS).
//! 2. The same corpus on a PostgreSQL with pgvector (`testing/pgvector/start`): hybrid
//!    through the HNSW index, the vector ranking through it and exactly, and its
//!    recall@10 against the exact ranking (BENCH_SKIP_PGVECTOR=1 skips).
//! 3. Ingestion throughput: the whole stack in-process (API, worker, fake Mistral with
//!    its embeddings); `BENCH_PAGES` URL sources added through the API, served by a
//!    local site; pages per minute from the first request until the last is `ready`.
//!
//! 4. The reply's send → first delta with retrieval on (the assistant of step 3, grounded
//!    in its pages) and off (a second assistant with no knowledge), one chat each.
//!
//! Variables: BENCH_TENANTS (20), BENCH_CHUNKS_PER_TENANT (5000), BENCH_QUERIES (300),
//! BENCH_PAGES (100), BENCH_REPLIES (60).

#![allow(clippy::print_stdout, clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use kremna_bench_knowledge::{database, percentiles, root, store, tenant_with_assistant};
use kremna_shared::testing::TestDb;
use kremna_shared::{
    db::TrustedDb,
    embedding,
    ids::{AssistantId, TenantId},
    knowledge::{
        chunk::Chunk,
        retrieve::{self, QueryVector},
    },
};
use kremna_test_stack::{FakeConfig, Options, Reply, Stack};
use serde_json::{Value, json};
use sqlx::PgPool;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A deterministic generator (xorshift), so every run seeds the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, words: &'a [String]) -> &'a str {
        &words[(self.next() % words.len() as u64) as usize]
    }
}

fn vocabulary() -> Vec<String> {
    let root = root();
    let mut text = String::new();
    for path in [
        "README.md",
        "docs/architecture.md",
        "docs/realtime-protocol.md",
        "docs/deploy.md",
        "testing/knowledge/shop/faq.txt",
        "testing/knowledge/shop/en/brewing.md",
    ] {
        text.push_str(&std::fs::read_to_string(root.join(path)).unwrap());
        text.push(' ');
    }
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Seeds BENCH_TENANTS tenants × BENCH_CHUNKS_PER_TENANT chunks, each tenant's attached
/// to its one assistant; returns the assistant questions are asked of.
async fn seed_corpus(db: &TrustedDb, admin: &PgPool) -> anyhow::Result<(TenantId, AssistantId)> {
    let tenants = env("BENCH_TENANTS", 20);
    let per_tenant = env("BENCH_CHUNKS_PER_TENANT", 5000);
    let words = vocabulary();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let seeding = Instant::now();
    let mut assistants = Vec::new();
    const PER_SOURCE: usize = 100;
    for t in 0..tenants {
        let (tenant, assistant) = tenant_with_assistant(admin, &format!("bench-{t}")).await;
        assistants.push((tenant, assistant));
        for s in 0..per_tenant.div_ceil(PER_SOURCE) {
            let chunks: Vec<Chunk> = (0..PER_SOURCE.min(per_tenant - s * PER_SOURCE))
                .map(|_| {
                    let heading = (0..3)
                        .map(|_| rng.pick(&words))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let n = 40 + (rng.next() % 60) as usize;
                    let body = (0..n)
                        .map(|_| rng.pick(&words))
                        .collect::<Vec<_>>()
                        .join(" ");
                    Chunk { heading, body }
                })
                .collect();
            store(db, tenant, assistant, &format!("page {s}"), &chunks, true).await;
        }
    }
    // The steady state of a workspace whose sources were ingested a while ago: vacuumed
    // and analysed, as autovacuum leaves it, rather than autovacuum's first pass over
    // 100,000 fresh rows running during the measurement.
    sqlx::query("VACUUM ANALYZE").execute(admin).await?;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM knowledge_chunks")
        .fetch_one(admin)
        .await?;
    println!(
        "seeded {total} chunks over {tenants} tenants in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    Ok(assistants[tenants / 2])
}

fn questions() -> anyhow::Result<Vec<String>> {
    Ok(
        std::fs::read_to_string(root().join("testing/knowledge/questions.jsonl"))?
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .map(|v| v["question"].as_str().unwrap_or_default().to_owned())
            .collect(),
    )
}

/// p50/p99 of `queries` hybrid or full-text searches (after 20 to warm the caches).
async fn time_search(
    db: &TrustedDb,
    tenant: TenantId,
    assistant: AssistantId,
    questions: &[String],
    hybrid: bool,
    index_from_chunks: usize,
) -> anyhow::Result<(f64, f64)> {
    let queries = env("BENCH_QUERIES", 300);
    let mut samples = Vec::with_capacity(queries);
    for i in 0..queries + 20 {
        let question = &questions[i % questions.len()];
        let started = Instant::now();
        let vector = hybrid.then(|| embedding::embed(question));
        let mut tx = db.tenant(tenant).await?;
        let hits = retrieve::search(
            &mut tx,
            assistant,
            question,
            vector.as_deref().map(|vector| QueryVector {
                vector,
                model: embedding::MODEL,
                index_from_chunks,
            }),
            6,
        )
        .await?;
        tx.commit().await?;
        std::hint::black_box(hits);
        if i >= 20 {
            samples.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(percentiles(&mut samples))
}

async fn retrieval() -> anyhow::Result<()> {
    let (test, db, admin) = database().await;
    if std::env::var_os("BENCH_KEEP_DB").is_some() {
        println!("keeping database {}", test.name());
    }
    let (tenant, assistant) = seed_corpus(&db, &admin).await?;
    let questions = questions()?;
    let per_tenant = env("BENCH_CHUNKS_PER_TENANT", 5000);
    let queries = env("BENCH_QUERIES", 300);
    println!("retrieval, one assistant ({per_tenant} chunks), {queries} questions, top 6:");
    println!(
        "{:<10} {:<36} {:>8} {:>8}",
        "mode", "full-text path", "p50 ms", "p99 ms"
    );
    // First through the full-text index door (installed by `migrate` as a superuser),
    // then without it: the plain query under row-level security, as on a server where
    // `migrate` ran without a superuser.
    for indexed in [true, false] {
        if !indexed {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP FUNCTION {}",
                kremna_shared::db::text_search_door::MATCH_FUNCTION
            )))
            .execute(&admin)
            .await?;
        }
        for hybrid in [false, true] {
            let (p50, p99) = time_search(
                &db,
                tenant,
                assistant,
                &questions,
                hybrid,
                retrieve::INDEX_FROM_CHUNKS,
            )
            .await?;
            println!(
                "{:<10} {:<36} {p50:>8.2} {p99:>8.2}",
                if hybrid { "hybrid" } else { "full-text" },
                if indexed {
                    "GIN index (kremna_knowledge_match)"
                } else {
                    "plain query under RLS"
                }
            );
        }
    }
    if std::env::var_os("BENCH_KEEP_DB").is_some() {
        std::mem::forget(test);
    }
    Ok(())
}

/// The same corpus on a PostgreSQL with pgvector, where `migrate` adds HNSW indexes:
/// hybrid search through them, the vector ranking alone through the index and exactly,
/// and the index's recall@10 against the exact ranking.
async fn pgvector_retrieval() -> anyhow::Result<()> {
    let url = kremna_test_stack::pg_cluster::pgvector_admin_url();
    let test = TestDb::create_on(&url).await;
    let db = TrustedDb::new(test.db().await);
    let admin = test.admin_pool().await;
    let (tenant, assistant) = seed_corpus(&db, &admin).await?;
    let questions = questions()?;
    let mut tx = db.tenant(tenant).await?;
    let path = retrieve::vector_path(&mut tx, embedding::DIMENSIONS).await?;
    tx.commit().await?;
    let version: String =
        sqlx::query_scalar("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            .fetch_one(&admin)
            .await?;
    println!("on PostgreSQL with pgvector {version} (vector path: {path:?}):");
    for (index_from, label) in [
        (retrieve::INDEX_FROM_CHUNKS, "GIN + exact vectors (default)"),
        (0, "GIN + HNSW (index forced)"),
    ] {
        let (p50, p99) = time_search(&db, tenant, assistant, &questions, true, index_from).await?;
        println!("{:<10} {:<36} {p50:>8.2} {p99:>8.2}", "hybrid", label);
    }
    let queries = env("BENCH_QUERIES", 300);
    let mut indexed_ms = Vec::new();
    let mut exact_ms = Vec::new();
    let (mut found, mut wanted) = (0usize, 0usize);
    for i in 0..queries + 20 {
        let unit = retrieve::normalised(&embedding::embed(&questions[i % questions.len()]));
        let mut tx = db.tenant(tenant).await?;
        let started = Instant::now();
        let indexed =
            retrieve::nearest_indexed(&mut tx, assistant, &unit, embedding::MODEL, 10).await?;
        let between = Instant::now();
        let exact =
            retrieve::nearest_exact(&mut tx, assistant, &unit, embedding::MODEL, 10).await?;
        let done = Instant::now();
        tx.commit().await?;
        if i >= 20 {
            indexed_ms.push((between - started).as_secs_f64() * 1000.0);
            exact_ms.push((done - between).as_secs_f64() * 1000.0);
            wanted += exact.len();
            found += exact
                .iter()
                .filter(|(id, _)| indexed.iter().any(|(x, _)| x == id))
                .count();
        }
    }
    let (p50, p99) = percentiles(&mut indexed_ms);
    println!(
        "{:<10} {:<36} {p50:>8.2} {p99:>8.2}",
        "vectors", "HNSW (kremna_knowledge_nearest)"
    );
    let (p50, p99) = percentiles(&mut exact_ms);
    println!(
        "{:<10} {:<36} {p50:>8.2} {p99:>8.2}",
        "vectors", "exact, in memory"
    );
    println!(
        "HNSW recall@10 against the exact ranking: {:.3} ({found}/{wanted})",
        found as f64 / wanted.max(1) as f64
    );
    Ok(())
}

/// Serves the corpus's HTML pages under `/p/<n>` (page n cycles through them).
async fn site() -> String {
    let root = root().join("testing/knowledge/shop");
    let mut pages = Vec::new();
    for dir in ["en", "tr"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "html") {
                pages.push(std::fs::read(path).unwrap());
            }
        }
    }
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let pages = pages.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]);
                let path = request.split_whitespace().nth(1).unwrap_or("/");
                let index: usize = path.trim_start_matches("/p/").parse().unwrap_or(0);
                let body = &pages[index % pages.len()];
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(body).await;
            });
        }
    });
    base
}

async fn ingestion() -> anyhow::Result<()> {
    let pages = env("BENCH_PAGES", 100);
    let stack = Stack::start(Options {
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Fixed("ok".into())),
        env: vec![
            ("KNOWLEDGE_FETCH_PRIVATE", "true".into()),
            // One chat asks BENCH_REPLIES questions back to back.
            ("RATE_VISITOR_MESSAGES_PER_MINUTE", "100000".into()),
            ("RATE_ADDRESS_MESSAGES_PER_MINUTE", "100000".into()),
        ],
        ..Options::default()
    })
    .await;
    let base = site().await;
    let owner = stack.owner("bench").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let http = reqwest::Client::new();
    let started = Instant::now();
    for i in 0..pages {
        let res = http
            .post(format!("{}/api/v1/knowledge/sources/url", stack.api_base))
            .bearer_auth(&owner.token)
            .json(&json!({ "url": format!("{base}/p/{i}"), "assistant_ids": [assistant] }))
            .send()
            .await?;
        anyhow::ensure!(res.status().as_u16() == 201, "create: {}", res.status());
    }
    let deadline = Instant::now() + Duration::from_secs(600);
    let (ready, failed, chunks) = loop {
        let list: Value = http
            .get(format!("{}/api/v1/knowledge/sources", stack.api_base))
            .bearer_auth(&owner.token)
            .send()
            .await?
            .json()
            .await?;
        let data = list["data"].as_array().cloned().unwrap_or_default();
        let count = |s: &str| data.iter().filter(|d| d["state"] == s).count();
        let (ready, failed) = (count("ready"), count("failed"));
        if ready + failed == pages || Instant::now() > deadline {
            let chunks: i64 = data.iter().filter_map(|d| d["chunk_count"].as_i64()).sum();
            break (ready, failed, chunks);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let elapsed = started.elapsed();
    println!(
        "ingestion: {ready} pages ready ({failed} failed, {chunks} chunks) in {:.1} s = {:.0} pages/minute (one worker, fake Mistral embeddings)",
        elapsed.as_secs_f64(),
        ready as f64 / elapsed.as_secs_f64() * 60.0
    );
    first_delta_with_and_without_knowledge(&stack, &owner, assistant).await?;
    stack.stop().await;
    Ok(())
}

/// The reply's send → first delta for the grounded assistant (its question embedded by
/// the fake, retrieval over the sources just ingested, the chunks in the prompt) beside
/// one with no knowledge, same stack, same questions, one chat each, sequential.
async fn first_delta_with_and_without_knowledge(
    stack: &Stack,
    owner: &kremna_test_stack::Owner,
    grounded: kremna_shared::ids::AssistantId,
) -> anyhow::Result<()> {
    let plain = stack.assistant(owner, json!({})).await;
    let questions: Vec<String> =
        std::fs::read_to_string(root().join("testing/knowledge/questions.jsonl"))?
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter_map(|v| v["question"].as_str().map(str::to_owned))
            .cycle()
            .take(env("BENCH_REPLIES", 60))
            .collect();
    println!(
        "send_message → first message_delta, {} questions in one chat each (fake at 0 ms):",
        questions.len()
    );
    for (label, assistant) in [("retrieval off", plain), ("retrieval on", grounded)] {
        let result = stack
            .scenario(
                "firstDeltas",
                json!({ "url": stack.node_url(0), "origin": kremna_test_stack::PLATFORM_ORIGIN,
                        "transport": "websocket", "assistantId": assistant,
                        "questions": questions, "timeoutMs": 30000 }),
            )
            .await;
        let mut samples: Vec<f64> = result["samples"]
            .as_array()
            .ok_or_else(|| anyhow::anyhow!("firstDeltas: {result}"))?
            .iter()
            .filter_map(Value::as_f64)
            .collect();
        let (p50, p99) = percentiles(&mut samples);
        println!("  {label:<14} p50 {p50:>7.1} ms   p99 {p99:>7.1} ms");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::var_os("BENCH_SKIP_RETRIEVAL").is_none() {
        retrieval().await?;
    }
    if std::env::var_os("BENCH_SKIP_PGVECTOR").is_none() {
        pgvector_retrieval().await?;
    }
    if std::env::var_os("BENCH_SKIP_INGESTION").is_none() {
        ingestion().await?;
    }
    Ok(())
}
