//! Retrieval over one assistant's chunks, inside a tenant transaction (RLS applies).
//!
//! * Full text: the question becomes an OR of its lexemes in each text-search
//!   configuration (`english`, `turkish`, `simple`); each chunk is matched and ranked
//!   (`ts_rank`, normalised by length) with the query of its own configuration.
//!   Questions are sentences, so an AND of every word would find almost nothing.
//! * Vectors (when the question has an embedding and chunks have vectors of the same
//!   model): an exact cosine over the assistant's chunks (`real[]`, unit length, so the
//!   dot product), no extension needed. The vectors are read once per assistant and
//!   kept in memory while its sources do not change (see [`CachedVectors`]). Where the
//!   server has pgvector, `migrate` adds HNSW indexes and the search goes through them
//!   instead ([`VectorPath`]), with the exact search as the fallback.
//! * The two rankings are fused with reciprocal rank fusion (k = 60).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};

use crate::{
    db::{RepoError, TenantTx},
    ids::{AssistantId, ChunkId, SourceId, TenantId},
};

/// The constant of reciprocal rank fusion (Cormack et al.).
pub const RRF_K: f64 = 60.0;

/// A chunk retrieval returned, with its scores.
#[derive(Debug, Clone)]
pub struct Hit {
    pub chunk_id: ChunkId,
    pub source_id: SourceId,
    pub title: String,
    pub url: Option<String>,
    pub heading: String,
    pub body: String,
    /// The fused score (hybrid) or the full-text rank (full text alone); higher is better.
    pub score: f64,
    /// `ts_rank` when full-text search found the chunk.
    pub text_rank: Option<f64>,
    /// The cosine similarity when vector search found it.
    pub vector_score: Option<f64>,
}

/// A question's vector and the model that made it (only chunks embedded by the same
/// model are compared).
#[derive(Debug, Clone, Copy)]
pub struct QueryVector<'a> {
    pub vector: &'a [f32],
    pub model: &'a str,
    /// Search through the database's vector index (where it has one) once the assistant
    /// has this many chunks; below, exactly in memory (`KNOWLEDGE_VECTOR_INDEX_FROM_CHUNKS`).
    pub index_from_chunks: usize,
}

/// The default of [`QueryVector::index_from_chunks`] (see the setting).
pub const INDEX_FROM_CHUNKS: usize = 50_000;

/// (fused score, ts_rank, cosine) of one chunk.
type Scores = (f64, Option<f64>, Option<f64>);

/// How many candidates each ranking contributes to the fusion.
fn candidates(limit: usize) -> i64 {
    i64::try_from((limit * 4).max(20)).unwrap_or(20)
}

/// The best `limit` chunks of the assistant's sources for `question`.
pub async fn search(
    tx: &mut TenantTx,
    assistant: AssistantId,
    question: &str,
    vector: Option<QueryVector<'_>>,
    limit: usize,
) -> Result<Vec<Hit>, RepoError> {
    let text = full_text(tx, assistant, question, candidates(limit)).await?;
    let vectors = match vector {
        Some(v) if v.vector.iter().any(|x| *x != 0.0) => {
            nearest(tx, assistant, v, candidates(limit)).await?
        }
        _ => Vec::new(),
    };
    let mut fused: HashMap<ChunkId, Scores> = HashMap::new();
    let hybrid = !vectors.is_empty();
    for (rank, (id, score)) in text.iter().enumerate() {
        let entry = fused.entry(*id).or_default();
        entry.0 += if hybrid {
            1.0 / (RRF_K + rank as f64 + 1.0)
        } else {
            *score
        };
        entry.1 = Some(*score);
    }
    for (rank, (id, score)) in vectors.iter().enumerate() {
        let entry = fused.entry(*id).or_default();
        entry.0 += 1.0 / (RRF_K + rank as f64 + 1.0);
        entry.2 = Some(*score);
    }
    let mut ranked: Vec<(ChunkId, Scores)> = fused.into_iter().collect();
    ranked.sort_by(|a, b| {
        b.1.0
            .total_cmp(&a.1.0)
            .then(b.1.1.unwrap_or(0.0).total_cmp(&a.1.1.unwrap_or(0.0)))
            .then(a.0.cmp(&b.0))
    });
    ranked.truncate(limit);
    let ids: Vec<ChunkId> = ranked.iter().map(|(id, _)| *id).collect();
    let mut details = details(tx, &ids).await?;
    Ok(ranked
        .into_iter()
        .filter_map(|(id, (score, text_rank, vector_score))| {
            let (source_id, title, url, heading, body) = details.remove(&id)?;
            Some(Hit {
                chunk_id: id,
                source_id,
                title,
                url,
                heading,
                body,
                score,
                text_rank,
                vector_score,
            })
        })
        .collect())
}

/// How full-text search reaches the chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPath {
    /// Through `kremna_knowledge_match`, which can use the GIN index (installed by a
    /// superuser's `migrate`; see `db::text_search_door`).
    Indexed,
    /// A plain query under row-level security: every chunk of the assistant is tested.
    Plain,
}

/// Which path this database offers.
pub async fn text_path(tx: &mut TenantTx) -> Result<TextPath, RepoError> {
    let indexed: bool = sqlx::query_scalar("SELECT to_regprocedure($1) IS NOT NULL")
        .bind(crate::db::text_search_door::MATCH_FUNCTION)
        .fetch_one(tx.conn())
        .await?;
    Ok(if indexed {
        TextPath::Indexed
    } else {
        TextPath::Plain
    })
}

/// The question's lexemes in each text-search configuration, OR-ed (NULL where a
/// configuration finds none). Stop words of either language are left out of `simple`:
/// they would match nearly every chunk. Questions are sentences, so an AND of every
/// word would find almost nothing.
const QUESTION_QUERIES: &str = "
    SELECT
        (SELECT string_agg(quote_literal(l), ' | ')
         FROM unnest(tsvector_to_array(to_tsvector('english', $3))) l
         WHERE position(E'\\\\' IN l) = 0)::tsquery AS en,
        (SELECT string_agg(quote_literal(l), ' | ')
         FROM unnest(tsvector_to_array(to_tsvector('turkish', $3))) l
         WHERE position(E'\\\\' IN l) = 0)::tsquery AS tr,
        (SELECT string_agg(quote_literal(l), ' | ')
         FROM unnest(tsvector_to_array(to_tsvector('simple', $3))) l
         WHERE position(E'\\\\' IN l) = 0
           AND to_tsvector('english', l) <> ''::tsvector
           AND to_tsvector('turkish', l) <> ''::tsvector)::tsquery AS si";

/// The full-text ranking: (chunk, ts_rank), best first.
async fn full_text(
    tx: &mut TenantTx,
    assistant: AssistantId,
    question: &str,
    limit: i64,
) -> Result<Vec<(ChunkId, f64)>, RepoError> {
    let path = text_path(tx).await?;
    full_text_by(tx, path, assistant, question, limit).await
}

/// [`full_text`] along a given path (tests compare the two).
pub async fn full_text_by(
    tx: &mut TenantTx,
    path: TextPath,
    assistant: AssistantId,
    question: &str,
    limit: i64,
) -> Result<Vec<(ChunkId, f64)>, RepoError> {
    let tenant = tx.tenant_id();
    let sql = match path {
        // The function reads the tenant from the session; `$1` only checks that the
        // session's tenant is this transaction's.
        TextPath::Indexed => format!(
            "WITH q AS ({QUESTION_QUERIES})
             SELECT m.id, m.rank
             FROM q, kremna_knowledge_match($2, q.en, q.tr, q.si, $4::int) m
             WHERE $1::uuid = app_tenant_id()
             ORDER BY m.rank DESC, m.id"
        ),
        TextPath::Plain => format!(
            "WITH q AS ({QUESTION_QUERIES}),
             m AS (
                 SELECT c.id, c.tsv,
                        CASE c.language WHEN 'english'::regconfig THEN q.en
                                        WHEN 'turkish'::regconfig THEN q.tr
                                        ELSE q.si END AS query
                 FROM q, knowledge_source_assistants a
                 JOIN knowledge_chunks c ON c.tenant_id = a.tenant_id AND c.source_id = a.source_id
                 WHERE a.tenant_id = $1 AND a.assistant_id = $2 AND c.tenant_id = $1
             )
             SELECT id, ts_rank(tsv, query, 1)::float8 AS rank
             FROM m WHERE tsv @@ query
             ORDER BY rank DESC, id
             LIMIT $4"
        ),
    };
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(tenant)
        .bind(assistant)
        .bind(question)
        .bind(limit)
        .fetch_all(tx.conn())
        .await?)
}

/// The vectors of one assistant's chunks, kept in memory between questions: an exact
/// cosine over a few thousand 512-dimension vectors is a millisecond in Rust and hundreds
/// in SQL. Keyed by tenant and assistant, filled inside the tenant's transaction (RLS),
/// and checked on every question against a fingerprint of the assistant's sources
/// (which sources, and when each was last rebuilt), so an attach, a detach, a refetch
/// or a deletion is seen at once.
struct CachedVectors {
    fingerprint: String,
    model: String,
    ids: Vec<ChunkId>,
    dimensions: usize,
    data: Vec<f32>,
}

/// The most numbers the cache holds (200 MB of f32); past it, it starts over.
const MAX_CACHED_FLOATS: usize = 50_000_000;

type VectorCache = HashMap<(TenantId, AssistantId), Arc<CachedVectors>>;

fn cache() -> &'static Mutex<VectorCache> {
    static CACHE: OnceLock<Mutex<VectorCache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// What the assistant answers from: a fingerprint of its sources (which, and when each
/// was last rebuilt) and their chunk count, in one query.
struct AssistantSources {
    fingerprint: String,
    chunks: i64,
}

async fn assistant_sources(
    tx: &mut TenantTx,
    assistant: AssistantId,
) -> Result<AssistantSources, RepoError> {
    let tenant = tx.tenant_id();
    let (fingerprint, chunks): (String, i64) = sqlx::query_as(
        "SELECT coalesce(string_agg(s.id::text || '@' || coalesce(s.refreshed_at::text, ''),
                                    ',' ORDER BY s.id), ''),
                coalesce(sum(s.chunk_count), 0)::bigint
         FROM knowledge_source_assistants a
         JOIN knowledge_sources s ON s.tenant_id = a.tenant_id AND s.id = a.source_id
         WHERE a.tenant_id = $1 AND a.assistant_id = $2",
    )
    .bind(tenant)
    .bind(assistant)
    .fetch_one(tx.conn())
    .await?;
    Ok(AssistantSources {
        fingerprint,
        chunks,
    })
}

async fn vectors_of(
    tx: &mut TenantTx,
    assistant: AssistantId,
    sources: &AssistantSources,
    model: &str,
) -> Result<Arc<CachedVectors>, RepoError> {
    let tenant = tx.tenant_id();
    if let Some(hit) = cache()
        .lock()
        .ok()
        .and_then(|c| c.get(&(tenant, assistant)).cloned())
        .filter(|c| c.fingerprint == sources.fingerprint && c.model == model)
    {
        return Ok(hit);
    }
    let rows: Vec<(ChunkId, Vec<f32>)> = sqlx::query_as(
        "SELECT c.id, c.embedding
         FROM knowledge_source_assistants a
         JOIN knowledge_chunks c ON c.tenant_id = a.tenant_id AND c.source_id = a.source_id
         WHERE a.tenant_id = $1 AND a.assistant_id = $2 AND c.tenant_id = $1
           AND c.embedding_model = $3 AND c.embedding IS NOT NULL
         ORDER BY c.id",
    )
    .bind(tenant)
    .bind(assistant)
    .bind(model)
    .fetch_all(tx.conn())
    .await?;
    let dimensions = rows.first().map_or(0, |(_, v)| v.len());
    let mut ids = Vec::with_capacity(rows.len());
    let mut data = Vec::with_capacity(rows.len() * dimensions);
    for (id, v) in rows {
        if v.len() == dimensions {
            ids.push(id);
            data.extend_from_slice(&v);
        }
    }
    let loaded = Arc::new(CachedVectors {
        fingerprint: sources.fingerprint.clone(),
        model: model.to_owned(),
        ids,
        dimensions,
        data,
    });
    if let Ok(mut c) = cache().lock() {
        let held: usize = c.values().map(|v| v.data.len()).sum();
        if held + loaded.data.len() > MAX_CACHED_FLOATS {
            c.clear();
        }
        c.insert((tenant, assistant), loaded.clone());
    }
    Ok(loaded)
}

/// The vector ranking: (chunk, cosine), best first — through pgvector's index where the
/// server has one for these vectors, else exact.
async fn nearest(
    tx: &mut TenantTx,
    assistant: AssistantId,
    vector: QueryVector<'_>,
    limit: i64,
) -> Result<Vec<(ChunkId, f64)>, RepoError> {
    let unit = normalised(vector.vector);
    let sources = assistant_sources(tx, assistant).await?;
    if usize::try_from(sources.chunks).unwrap_or(0) >= vector.index_from_chunks
        && vector_path(tx, unit.len()).await? == VectorPath::Indexed
    {
        let hits = nearest_indexed(tx, assistant, &unit, vector.model, limit).await?;
        // Fewer than asked for: the assistant has fewer chunks of this model, or
        // (pgvector before 0.8) the index's candidates held few of this tenant's; the
        // exact search settles it.
        if usize::try_from(limit).is_ok_and(|wanted| hits.len() >= wanted) {
            return Ok(hits);
        }
    }
    exact(tx, assistant, &sources, &unit, vector.model, limit).await
}

/// How vector search reaches the chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VectorPath {
    /// Through `kremna_knowledge_nearest` and pgvector's HNSW index for vectors of this
    /// length (installed by a superuser's `migrate` where the server has pgvector; see
    /// `db::vector_door`).
    Indexed,
    /// Exact, in memory, over the assistant's vectors.
    Exact,
}

/// Which path this database offers for vectors of `dimensions` numbers.
pub async fn vector_path(tx: &mut TenantTx, dimensions: usize) -> Result<VectorPath, RepoError> {
    let Ok(dims) = i32::try_from(dimensions) else {
        return Ok(VectorPath::Exact);
    };
    let indexed: bool = sqlx::query_scalar(
        "SELECT to_regprocedure($1) IS NOT NULL AND to_regclass($2) IS NOT NULL",
    )
    .bind(crate::db::vector_door::NEAREST_FUNCTION)
    .bind(crate::db::vector_door::index_name(dims))
    .fetch_one(tx.conn())
    .await?;
    Ok(if indexed {
        VectorPath::Indexed
    } else {
        VectorPath::Exact
    })
}

/// The vector ranking through the HNSW index: (chunk, cosine), best first. `unit` has
/// unit length.
pub async fn nearest_indexed(
    tx: &mut TenantTx,
    assistant: AssistantId,
    unit: &[f32],
    model: &str,
    limit: i64,
) -> Result<Vec<(ChunkId, f64)>, RepoError> {
    let tenant = tx.tenant_id();
    // `$1` only checks that the session's tenant is this transaction's; the function
    // reads the tenant from the session.
    Ok(sqlx::query_as(
        "SELECT m.id, m.score
         FROM kremna_knowledge_nearest($2, $3, $4, $5::int) m
         WHERE $1::uuid = app_tenant_id()
         ORDER BY m.score DESC, m.id",
    )
    .bind(tenant)
    .bind(assistant)
    .bind(model)
    .bind(unit)
    .bind(limit)
    .fetch_all(tx.conn())
    .await?)
}

/// The vector ranking, exact: (chunk, cosine), best first, over every chunk of the
/// assistant embedded by the same model. `unit` has unit length.
pub async fn nearest_exact(
    tx: &mut TenantTx,
    assistant: AssistantId,
    unit: &[f32],
    model: &str,
    limit: i64,
) -> Result<Vec<(ChunkId, f64)>, RepoError> {
    let sources = assistant_sources(tx, assistant).await?;
    exact(tx, assistant, &sources, unit, model, limit).await
}

async fn exact(
    tx: &mut TenantTx,
    assistant: AssistantId,
    sources: &AssistantSources,
    unit: &[f32],
    model: &str,
    limit: i64,
) -> Result<Vec<(ChunkId, f64)>, RepoError> {
    let cached = vectors_of(tx, assistant, sources, model).await?;
    if cached.dimensions != unit.len() || cached.dimensions == 0 {
        return Ok(Vec::new());
    }
    let mut scored: Vec<(ChunkId, f64)> = cached
        .data
        .chunks_exact(cached.dimensions)
        .zip(&cached.ids)
        .map(|(v, id)| {
            let dot: f32 = v.iter().zip(unit).map(|(a, b)| a * b).sum();
            (*id, f64::from(dot))
        })
        .collect();
    let keep = usize::try_from(limit).unwrap_or(20).min(scored.len());
    if keep == 0 {
        return Ok(Vec::new());
    }
    scored.select_nth_unstable_by(keep - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(keep);
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(scored)
}

type Details = (SourceId, String, Option<String>, String, String);

async fn details(
    tx: &mut TenantTx,
    ids: &[ChunkId],
) -> Result<HashMap<ChunkId, Details>, RepoError> {
    let tenant = tx.tenant_id();
    let rows: Vec<(ChunkId, SourceId, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT c.id, c.source_id, COALESCE(c.page_title, s.title), COALESCE(c.page_url, s.url),
                c.heading, c.body
         FROM knowledge_chunks c
         JOIN knowledge_sources s ON s.tenant_id = c.tenant_id AND s.id = c.source_id
         WHERE c.tenant_id = $1 AND c.id = ANY($2)",
    )
    .bind(tenant)
    .bind(ids)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, source, title, url, heading, body)| (id, (source, title, url, heading, body)))
        .collect())
}

/// `v` scaled to unit length (all zeros stays all zeros), so dot products are cosines.
pub fn normalised(v: &[f32]) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter().map(|x| x / norm).collect()
    } else {
        v.to_vec()
    }
}
