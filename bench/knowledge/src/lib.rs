//! What the knowledge-base evaluation and benchmark share: a fresh database, tenants and
//! assistants seeded directly, and sources ingested through the same extraction,
//! chunking, embedding and storage code the worker runs.

#![allow(clippy::print_stdout, clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kremna_shared::{
    db::TrustedDb,
    domain::KnowledgeKind,
    embedding,
    ids::{AssistantId, SourceId, TenantId},
    knowledge::{
        chunk::{self, Chunk},
        extract::{self, Format},
    },
    repo::{
        self,
        knowledge::{NewChunk, NewSource},
    },
    testing::TestDb,
};
use sqlx::PgPool;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Creates a tenant and one assistant (as the superuser: seeding only).
pub async fn tenant_with_assistant(admin: &PgPool, name: &str) -> (TenantId, AssistantId) {
    let tenant = TenantId::new();
    let assistant = AssistantId::new();
    sqlx::query("INSERT INTO tenants (id, name) VALUES ($1, $2)")
        .bind(tenant)
        .bind(name)
        .execute(admin)
        .await
        .unwrap();
    sqlx::query("INSERT INTO assistants (tenant_id, id, name, model) VALUES ($1, $2, $3, 'bench')")
        .bind(tenant)
        .bind(assistant)
        .bind(name)
        .execute(admin)
        .await
        .unwrap();
    (tenant, assistant)
}

/// The chunks of a document, as the worker makes them.
pub fn chunks_of(format: Format, text: &str) -> Vec<Chunk> {
    let (_, blocks) = extract::extract(format, text);
    chunk::split(&blocks)
}

/// Stores `chunks` as a source attached to `assistant`, with hashed n-gram vectors (the
/// fake provider's) when `vectors`; in one tenant transaction, like the worker.
pub async fn store(
    db: &TrustedDb,
    tenant: TenantId,
    assistant: AssistantId,
    title: &str,
    chunks: &[Chunk],
    vectors: bool,
) -> SourceId {
    let sample: String = chunks
        .iter()
        .take(20)
        .map(|c| c.body.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let language = extract::detect_language(&sample);
    let embeddings: Vec<Vec<f32>> = if vectors {
        chunks
            .iter()
            .map(|c| embedding::embed(&format!("{}\n{}", c.heading, c.body)))
            .collect()
    } else {
        Vec::new()
    };
    let rows: Vec<NewChunk<'_>> = chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| NewChunk {
            chunk,
            embedding: embeddings.get(i).map(Vec::as_slice),
            page_url: None,
            page_title: None,
        })
        .collect();
    let mut tx = db.tenant(tenant).await.unwrap();
    let source = repo::knowledge::create(
        &mut tx,
        &NewSource {
            kind: KnowledgeKind::Text,
            title,
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
        language,
        None,
        &rows,
        vectors.then_some(embedding::MODEL),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    source.id
}

/// A fresh migrated database and the trusted handle the worker would hold.
pub async fn database() -> (TestDb, TrustedDb, PgPool) {
    let test = TestDb::create().await;
    let db = TrustedDb::new(test.db().await);
    let admin = test.admin_pool().await;
    (test, db, admin)
}

/// p50 and p99 of `samples` (milliseconds).
pub fn percentiles(samples: &mut [f64]) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
        samples[i]
    };
    (at(0.50), at(0.99))
}
