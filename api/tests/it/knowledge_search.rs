//! Knowledge search's two full-text paths (`knowledge::retrieve`): through the GIN index
//! (`kremna_knowledge_match`, installed when `migrate` runs as a superuser, as the tests'
//! does) and the plain query under row-level security. Same answers, same tenant walls.

use kremna_shared::{
    domain::KnowledgeKind,
    ids::{AssistantId, TenantId},
    knowledge::{
        Language,
        chunk::Chunk,
        retrieve::{self, TextPath},
    },
    repo::{
        self,
        knowledge::{NewChunk, NewSource},
    },
};

use crate::support::TestApp;

async fn seed(app: &TestApp, tenant: TenantId, assistant: AssistantId, texts: &[(&str, &str)]) {
    let chunks: Vec<Chunk> = texts
        .iter()
        .map(|(heading, body)| Chunk {
            heading: (*heading).to_owned(),
            body: (*body).to_owned(),
        })
        .collect();
    let rows: Vec<NewChunk<'_>> = chunks
        .iter()
        .map(|chunk| NewChunk {
            chunk,
            embedding: None,
            page_url: None,
            page_title: None,
        })
        .collect();
    let mut tx = app.app_db().tenant(tenant).await.unwrap();
    let source = repo::knowledge::create(
        &mut tx,
        &NewSource {
            kind: KnowledgeKind::Text,
            title: "Shop",
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
    repo::knowledge::store_chunks(&mut tx, source.id, Language::En, None, &rows, None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_indexed_path_answers_as_the_plain_one_and_stays_inside_the_tenant() {
    let app = TestApp::spawn().await;
    let a = app.register("search-a").await;
    let b = app.register("search-b").await;
    let a_bot = app.create_assistant(&a, "Shop").await;
    let b_bot = app.create_assistant(&b, "Shop").await;
    seed(
        &app,
        a.tenant,
        a_bot,
        &[
            (
                "Opening hours",
                "We open at ten on Sunday and close at six.",
            ),
            ("Shipping", "Parcels leave the warehouse within two days."),
            (
                "Returns",
                "Return anything within thirty days, opening hours permitting.",
            ),
        ],
    )
    .await;
    seed(
        &app,
        b.tenant,
        b_bot,
        &[(
            "Opening hours",
            "Sunday: closed. We open on Monday at nine.",
        )],
    )
    .await;

    let mut tx = app.app_db().tenant(a.tenant).await.unwrap();
    assert_eq!(
        retrieve::text_path(&mut tx).await.unwrap(),
        TextPath::Indexed,
        "migrate ran as a superuser, so the door is there"
    );
    assert_eq!(
        retrieve::vector_path(&mut tx, kremna_shared::embedding::DIMENSIONS)
            .await
            .unwrap(),
        retrieve::VectorPath::Exact,
        "this server has no pgvector: vectors are searched exactly (the pgvector server \
         of worker/tests/it/knowledge_vectors.rs covers the other path)"
    );
    let question = "When do you open on Sunday?";
    let indexed = retrieve::full_text_by(&mut tx, TextPath::Indexed, a_bot, question, 10)
        .await
        .unwrap();
    let plain = retrieve::full_text_by(&mut tx, TextPath::Plain, a_bot, question, 10)
        .await
        .unwrap();
    assert!(!indexed.is_empty());
    assert_eq!(
        indexed.len(),
        2,
        "hours and returns mention opening: {indexed:?}"
    );
    assert_eq!(
        indexed.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        plain.iter().map(|(id, _)| *id).collect::<Vec<_>>()
    );
    for ((_, x), (_, y)) in indexed.iter().zip(&plain) {
        assert!((x - y).abs() < 1e-9, "{x} vs {y}");
    }

    // Tenant A's session asking with tenant B's assistant finds nothing on either path.
    for path in [TextPath::Indexed, TextPath::Plain] {
        let other = retrieve::full_text_by(&mut tx, path, b_bot, question, 10)
            .await
            .unwrap();
        assert!(other.is_empty(), "{path:?}: {other:?}");
    }
    tx.commit().await.unwrap();

    // The function itself answers only for the tenant on the session: with none set
    // (the services' role, no tenant), no rows; with tenant A set, not B's assistant.
    let pool = app.db.app_pool().await;
    let call = "SELECT id, rank FROM kremna_knowledge_match($1, 'sunday'::tsquery,
                                                  'sunday'::tsquery, 'sunday'::tsquery, 10)";
    let rows: Vec<(uuid::Uuid, f64)> = sqlx::query_as(call)
        .bind(b_bot)
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(rows.is_empty(), "{rows:?}");
    let mut conn = pool.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(a.tenant.to_string())
        .execute(&mut *conn)
        .await
        .unwrap();
    let rows: Vec<(uuid::Uuid, f64)> = sqlx::query_as(call)
        .bind(b_bot)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert!(rows.is_empty(), "{rows:?}");
    let rows: Vec<(uuid::Uuid, f64)> = sqlx::query_as(call)
        .bind(a_bot)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "A's own Sunday chunk: {rows:?}");
}
