//! Vector search through pgvector's HNSW index (`db::vector_door`), on a PostgreSQL that
//! has pgvector: `testing/pgvector/start` builds and starts one (the system's server has
//! none, so every other test covers the exact path). `migrate` detects the extension,
//! indexes the vectors, and retrieval goes through the index: the same neighbours as the
//! exact search, the index really used, and no chunk of another tenant ever returned.

use std::time::Duration;

use kremna_shared::{
    db::{TrustedDb, vector_door},
    domain::KnowledgeKind,
    embedding,
    ids::{AssistantId, ChunkId, TenantId},
    knowledge::{
        Language,
        chunk::Chunk,
        retrieve::{self, QueryVector, VectorPath},
    },
    repo::{
        self,
        knowledge::{NewChunk, NewSource},
    },
};
use kremna_test_stack::{Options, Stack, pg_cluster};
use serde_json::json;

/// Words for generated chunks: enough of them that texts differ, few enough that
/// neighbours are not all ties.
const WORDS: [&str; 48] = [
    "parcel", "refund", "warranty", "invoice", "courier", "voucher", "delivery", "exchange",
    "kargo", "iade", "fatura", "garanti", "teslimat", "sipariş", "indirim", "mağaza", "password",
    "account", "login", "email", "address", "payment", "card", "bank", "sunday", "monday",
    "opening", "closing", "hours", "store", "branch", "holiday", "size", "colour", "stock",
    "shoes", "jacket", "shirt", "bag", "gift", "tracking", "customs", "tax", "express", "pickup",
    "locker", "tariff", "points",
];

/// A deterministic pseudo-random text of `n` words (a linear congruential generator:
/// the same chunks on every run).
fn text(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            WORDS[usize::try_from(*seed >> 33).unwrap() % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One source of `texts` attached to `assistant`, its chunks embedded as the demo and
/// fake providers embed them.
async fn seed(db: &TrustedDb, tenant: TenantId, assistant: AssistantId, texts: &[String]) {
    let chunks: Vec<Chunk> = texts
        .iter()
        .map(|body| Chunk {
            heading: String::new(),
            body: body.clone(),
        })
        .collect();
    let vectors: Vec<Vec<f32>> = texts.iter().map(|t| embedding::embed(t)).collect();
    let rows: Vec<NewChunk<'_>> = chunks
        .iter()
        .zip(&vectors)
        .map(|(chunk, v)| NewChunk {
            chunk,
            embedding: Some(v),
            page_url: None,
            page_title: None,
        })
        .collect();
    let mut tx = db.tenant(tenant).await.unwrap();
    let source = repo::knowledge::create(
        &mut tx,
        &NewSource {
            kind: KnowledgeKind::Text,
            title: "Generated",
            url: None,
            language: None,
            body: Some(b"-"),
            media_type: Some("text/plain"),
            page_limit: None,
            refetch: None,
        },
    )
    .await
    .unwrap();
    repo::knowledge::attach(&mut tx, source.id, assistant)
        .await
        .unwrap();
    repo::knowledge::store_chunks(
        &mut tx,
        source.id,
        Language::En,
        None,
        &rows,
        Some(embedding::MODEL),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// How many times the planner has walked the HNSW index for 512-number vectors.
async fn index_scans(admin: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar(
        "SELECT coalesce(sum(idx_scan), 0)::bigint FROM pg_stat_user_indexes WHERE indexrelname = $1",
    )
    .bind(vector_door::index_name(512))
    .fetch_one(admin)
    .await
    .unwrap()
}

#[tokio::test]
async fn pgvector_answers_through_its_index_as_the_exact_search_does_and_stays_inside_the_tenant() {
    let url = pg_cluster::pgvector_admin_url();
    let stack = Stack::start(Options {
        admin_database_url: Some(url),
        ..Options::default()
    })
    .await;
    let a = stack.owner("vectors-a").await;
    let b = stack.owner("vectors-b").await;
    let a_bot = stack.assistant(&a, json!({})).await;
    let b_bot = stack.assistant(&b, json!({})).await;
    let db = TrustedDb::new(stack.db.db().await);

    let mut seed_a = 7_u64;
    let a_texts: Vec<String> = (0..1500).map(|_| text(&mut seed_a, 12)).collect();
    let mut seed_b = 11_u64;
    let mut b_texts: Vec<String> = (0..1500).map(|_| text(&mut seed_b, 12)).collect();
    // B holds, word for word, the question A will ask: the nearest chunk of all.
    let secret = "tracking parcel sunday refund locker express";
    b_texts.push(secret.to_owned());
    seed(&db, a.tenant, a_bot, &a_texts).await;
    seed(&db, b.tenant, b_bot, &b_texts).await;
    let b_ids: Vec<ChunkId> =
        sqlx::query_scalar("SELECT id FROM knowledge_chunks WHERE tenant_id = $1")
            .bind(b.tenant)
            .fetch_all(&stack.db.admin_pool().await)
            .await
            .unwrap();
    let admin = stack.db.admin_pool().await;
    sqlx::query("ANALYZE knowledge_chunks")
        .execute(&admin)
        .await
        .unwrap();

    let mut tx = db.tenant(a.tenant).await.unwrap();
    assert_eq!(
        retrieve::vector_path(&mut tx, embedding::DIMENSIONS)
            .await
            .unwrap(),
        VectorPath::Indexed,
        "the server has pgvector and migrate ran as a superuser"
    );
    assert_eq!(
        retrieve::vector_path(&mut tx, 768).await.unwrap(),
        VectorPath::Exact,
        "no vector of that length is stored, so none is indexed"
    );

    // The index's neighbours against the exact ones, for questions of A's own words.
    let before = index_scans(&admin).await;
    let mut seed_q = 3_u64;
    let mut found = 0;
    let mut wanted = 0;
    for i in 0..20 {
        let question = if i == 0 {
            secret.to_owned()
        } else {
            text(&mut seed_q, 5)
        };
        let unit = retrieve::normalised(&embedding::embed(&question));
        let indexed = retrieve::nearest_indexed(&mut tx, a_bot, &unit, embedding::MODEL, 10)
            .await
            .unwrap();
        let exact = retrieve::nearest_exact(&mut tx, a_bot, &unit, embedding::MODEL, 10)
            .await
            .unwrap();
        assert_eq!(indexed.len(), 10, "{question}: a full page from the index");
        assert!(
            indexed.iter().all(|(id, _)| !b_ids.contains(id)),
            "{question}: another tenant's chunk came back"
        );
        assert!(indexed.windows(2).all(|w| w[0].1 >= w[1].1), "best first");
        wanted += exact.len();
        found += exact
            .iter()
            .filter(|(id, _)| indexed.iter().any(|(x, _)| x == id))
            .count();
    }
    let recall = found as f64 / wanted as f64;
    assert!(
        recall >= 0.9,
        "recall@10 of the index against the exact search: {recall:.3}"
    );

    // A's session asking with B's assistant: nothing, on either path.
    let unit = retrieve::normalised(&embedding::embed(secret));
    assert!(
        retrieve::nearest_indexed(&mut tx, b_bot, &unit, embedding::MODEL, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // The whole search (full text and vectors, fused) finds A's chunks with their cosines.
    let hits = retrieve::search(
        &mut tx,
        a_bot,
        secret,
        Some(QueryVector {
            vector: &embedding::embed(secret),
            model: embedding::MODEL,
            // Through the index at any size (its default waits for 50,000 chunks).
            index_from_chunks: 0,
        }),
        5,
    )
    .await
    .unwrap();
    assert_eq!(hits.len(), 5);
    assert!(hits.iter().any(|h| h.vector_score.is_some()));
    assert!(hits.iter().all(|h| !b_ids.contains(&h.chunk_id)));
    tx.commit().await.unwrap();

    // A backend reports its statistics once idle (within about ten seconds).
    let mut used = false;
    for _ in 0..200 {
        if index_scans(&admin).await > before {
            used = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        used,
        "the HNSW index was never scanned: the planner searched another way"
    );

    // The function answers only for the tenant on the session: with none, no rows.
    let pool = stack.db.app_pool().await;
    let rows: Vec<(uuid::Uuid, f64)> =
        sqlx::query_as("SELECT id, score FROM kremna_knowledge_nearest($1, $2, $3, 10)")
            .bind(a_bot)
            .bind(embedding::MODEL)
            .bind(&unit)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(rows.is_empty(), "{rows:?}");
    stack.stop().await;
}
