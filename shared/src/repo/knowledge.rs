//! Knowledge sources, their chunks, the assistants they serve, and the citations of
//! replies. Every query filters by the transaction's tenant; RLS filters again.

use chrono::{DateTime, Utc};

use crate::{
    db::{RepoError, TenantTx},
    domain::{KnowledgeFailure, KnowledgeKind, KnowledgeState},
    ids::{AssistantId, ChunkId, MessageId, SourceId},
    knowledge::{Failure, FailureParams, Language, RefetchSchedule, chunk::Chunk},
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SourceRecord {
    pub id: SourceId,
    pub kind: KnowledgeKind,
    pub title: String,
    pub url: Option<String>,
    pub language: String,
    pub auto_language: bool,
    pub media_type: Option<String>,
    pub state: KnowledgeState,
    /// Why ingestion failed (state `failed`).
    pub failure_code: Option<KnowledgeFailure>,
    pub failure_params: sqlx::types::Json<FailureParams>,
    pub chunk_count: i32,
    /// Sitemap and crawl sources: their own page limit (`None`: the deployment's).
    pub page_limit: Option<i32>,
    /// Sitemap and crawl sources: pages read and pages failed in the last run.
    pub pages_ready: i64,
    pub pages_failed: i64,
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Web sources: `daily` or `weekly` refetch, and when the next is due.
    pub refetch_every: Option<String>,
    pub next_refetch_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The assistants that answer from it.
    pub assistant_ids: Vec<AssistantId>,
}

impl SourceRecord {
    pub fn language(&self) -> Language {
        Language::from_regconfig(&self.language)
    }

    pub fn refetch(&self) -> Option<RefetchSchedule> {
        self.refetch_every
            .as_deref()
            .and_then(RefetchSchedule::parse)
    }

    /// Why its last ingestion failed, when it did.
    pub fn failure(&self) -> Option<Failure> {
        self.failure_code.map(|code| Failure {
            code,
            params: self.failure_params.0,
        })
    }
}

const COLUMNS: &str = "s.id, s.kind, s.title, s.url, s.language::text AS language, s.auto_language, s.media_type, \
    s.state, s.failure_code, s.failure_params, s.chunk_count, s.page_limit, \
    (SELECT count(*) FROM knowledge_pages p WHERE p.tenant_id = s.tenant_id AND p.source_id = s.id AND p.failure_code IS NULL) AS pages_ready, \
    (SELECT count(*) FROM knowledge_pages p WHERE p.tenant_id = s.tenant_id AND p.source_id = s.id AND p.failure_code IS NOT NULL) AS pages_failed, \
    s.refreshed_at, s.refetch_every, s.next_refetch_at, s.created_at, s.updated_at, \
    COALESCE((SELECT array_agg(a.assistant_id ORDER BY a.created_at, a.assistant_id) \
              FROM knowledge_source_assistants a \
              WHERE a.tenant_id = s.tenant_id AND a.source_id = s.id), '{}') AS assistant_ids";

/// A source to create.
pub struct NewSource<'a> {
    pub kind: KnowledgeKind,
    pub title: &'a str,
    pub url: Option<&'a str>,
    /// `None`: detected from the text at ingestion.
    pub language: Option<Language>,
    pub body: Option<&'a [u8]>,
    pub media_type: Option<&'a str>,
    /// Sitemap and crawl sources: at most this many pages.
    pub page_limit: Option<i32>,
    /// Web sources: fetch again on this schedule.
    pub refetch: Option<RefetchSchedule>,
}

pub async fn create(tx: &mut TenantTx, new: &NewSource<'_>) -> Result<SourceRecord, RepoError> {
    let tenant = tx.tenant_id();
    let id = SourceId::new();
    sqlx::query(
        "INSERT INTO knowledge_sources
             (tenant_id, id, kind, title, url, auto_language, language, body, media_type, page_limit,
              refetch_every, next_refetch_at)
         VALUES ($1, $2, $3, $4, $5, $6 IS NULL, COALESCE($6, 'simple')::regconfig, $7, $8, $9,
                 $10, now() + CASE $10 WHEN 'daily' THEN interval '1 day'
                                       WHEN 'weekly' THEN interval '7 days' END)",
    )
    .bind(tenant)
    .bind(id)
    .bind(new.kind)
    .bind(new.title)
    .bind(new.url)
    .bind(new.language.map(Language::regconfig))
    .bind(new.body)
    .bind(new.media_type)
    .bind(new.page_limit)
    .bind(new.refetch.map(RefetchSchedule::as_str))
    .execute(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    get(tx, id)
        .await?
        .ok_or(RepoError::Database(sqlx::Error::RowNotFound))
}

pub async fn list(tx: &mut TenantTx) -> Result<Vec<SourceRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM knowledge_sources s WHERE s.tenant_id = $1
         ORDER BY s.created_at DESC, s.id DESC"
    )))
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

pub async fn get(tx: &mut TenantTx, id: SourceId) -> Result<Option<SourceRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM knowledge_sources s WHERE s.tenant_id = $1 AND s.id = $2"
    )))
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// Deletes a source; its chunks and attachments go in the same statement.
pub async fn delete(tx: &mut TenantTx, id: SourceId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query("DELETE FROM knowledge_sources WHERE tenant_id = $1 AND id = $2")
        .bind(tenant)
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts a source back in the queue (refetch); false when it does not exist.
pub async fn requeue(tx: &mut TenantTx, id: SourceId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query(
        "UPDATE knowledge_sources SET state = 'queued', updated_at = now()
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets (or clears) a web source's refetch schedule; the next refetch is one period
/// from now. False when there is no such source.
pub async fn set_refetch(
    tx: &mut TenantTx,
    id: SourceId,
    refetch: Option<RefetchSchedule>,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query(
        "UPDATE knowledge_sources
         SET refetch_every = $3,
             next_refetch_at = now() + CASE $3 WHEN 'daily' THEN interval '1 day'
                                               WHEN 'weekly' THEN interval '7 days' END,
             updated_at = now()
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .bind(refetch.map(RefetchSchedule::as_str))
    .execute(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    Ok(done.rows_affected() == 1)
}

/// Re-queues the tenant's web sources whose scheduled refetch is due (not those already
/// queued or processing), moving each one's next refetch a period on in the same
/// statement: a second scheduler running at once finds nothing left to take.
pub async fn take_due_refetches(tx: &mut TenantTx) -> Result<Vec<SourceId>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "UPDATE knowledge_sources
         SET state = 'queued', updated_at = now(),
             next_refetch_at = now() + CASE refetch_every WHEN 'daily' THEN interval '1 day'
                                                          ELSE interval '7 days' END
         WHERE tenant_id = $1 AND next_refetch_at <= now()
           AND state NOT IN ('queued', 'processing')
         RETURNING id",
    )
    .bind(tenant)
    .fetch_all(tx.conn())
    .await?)
}

/// Attaches a source to an assistant (idempotent). Both must be the tenant's: the
/// composite foreign keys refuse anything else (`Conflict`).
pub async fn attach(
    tx: &mut TenantTx,
    source: SourceId,
    assistant: AssistantId,
) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query(
        "INSERT INTO knowledge_source_assistants (tenant_id, assistant_id, source_id)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(tenant)
    .bind(assistant)
    .bind(source)
    .execute(tx.conn())
    .await
    .map_err(RepoError::from_write)?;
    Ok(())
}

pub async fn detach(
    tx: &mut TenantTx,
    source: SourceId,
    assistant: AssistantId,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query(
        "DELETE FROM knowledge_source_assistants
         WHERE tenant_id = $1 AND assistant_id = $2 AND source_id = $3",
    )
    .bind(tenant)
    .bind(assistant)
    .bind(source)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What ingestion reads about a source, taken with a row lock so two runs of the same
/// source do not interleave.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SourceInput {
    pub kind: KnowledgeKind,
    pub title: String,
    pub url: Option<String>,
    pub body: Option<Vec<u8>>,
    pub media_type: Option<String>,
    pub language: String,
    pub auto_language: bool,
    pub page_limit: Option<i32>,
}

/// Marks the source `processing` and returns what to ingest; `None` when it is gone.
pub async fn begin_ingest(
    tx: &mut TenantTx,
    id: SourceId,
) -> Result<Option<SourceInput>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "UPDATE knowledge_sources SET state = 'processing', updated_at = now()
         WHERE tenant_id = $1 AND id = $2
         RETURNING kind, title, url, body, media_type, language::text AS language, auto_language,
                   page_limit",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?)
}

/// A chunk with its vector, ready to store.
pub struct NewChunk<'a> {
    pub chunk: &'a Chunk,
    pub embedding: Option<&'a [f32]>,
    /// The page it came from (sitemap and crawl sources): cited instead of the source.
    pub page_url: Option<&'a str>,
    pub page_title: Option<&'a str>,
}

/// Replaces the source's chunks with `chunks` and marks it ready. The old chunks stay
/// until this commits, so retrieval never sees a half-ingested source. False when the
/// source was deleted meanwhile (nothing is stored).
pub async fn store_chunks(
    tx: &mut TenantTx,
    id: SourceId,
    language: Language,
    title: Option<&str>,
    chunks: &[NewChunk<'_>],
    embedding_model: Option<&str>,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let exists: Option<i32> = sqlx::query_scalar(
        "SELECT 1 FROM knowledge_sources WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(tx.conn())
    .await?;
    if exists.is_none() {
        return Ok(false);
    }
    sqlx::query("DELETE FROM knowledge_chunks WHERE tenant_id = $1 AND source_id = $2")
        .bind(tenant)
        .bind(id)
        .execute(tx.conn())
        .await?;
    // One statement per batch of rows, vectors passed flat and cut back per row.
    for (b, batch) in chunks.chunks(200).enumerate() {
        let n = batch.len();
        let mut ids = Vec::with_capacity(n);
        let mut ordinals = Vec::with_capacity(n);
        let mut headings = Vec::with_capacity(n);
        let mut bodies = Vec::with_capacity(n);
        let mut starts = Vec::with_capacity(n);
        let mut lens = Vec::with_capacity(n);
        let mut page_urls = Vec::with_capacity(n);
        let mut page_titles = Vec::with_capacity(n);
        let mut flat: Vec<f32> = Vec::new();
        let base = b * 200;
        for (i, c) in batch.iter().enumerate() {
            ids.push(ChunkId::new());
            ordinals.push(i32::try_from(base + i).unwrap_or(i32::MAX));
            headings.push(c.chunk.heading.as_str());
            bodies.push(c.chunk.body.as_str());
            page_urls.push(c.page_url);
            page_titles.push(
                c.page_title
                    .map(|t| t.chars().take(200).collect::<String>()),
            );
            let start = i32::try_from(flat.len() + 1).unwrap_or(i32::MAX);
            starts.push(start);
            match c.embedding {
                Some(v) => {
                    lens.push(i32::try_from(v.len()).unwrap_or(0));
                    flat.extend_from_slice(v);
                }
                None => lens.push(0),
            }
        }
        sqlx::query(
            "INSERT INTO knowledge_chunks
                 (tenant_id, id, source_id, ordinal, heading, body, language, embedding,
                  embedding_model, page_url, page_title)
             SELECT $1, r.id, $2, r.ordinal, r.heading, r.body, $3::regconfig,
                    CASE WHEN r.len > 0 THEN ($8::real[])[r.start:r.start + r.len - 1] END,
                    CASE WHEN r.len > 0 THEN $9 END, r.page_url, r.page_title
             FROM unnest($4::uuid[], $5::int[], $6::text[], $7::text[], $10::int[], $11::int[],
                         $12::text[], $13::text[])
                  AS r(id, ordinal, heading, body, start, len, page_url, page_title)",
        )
        .bind(tenant)
        .bind(id)
        .bind(language.regconfig())
        .bind(&ids)
        .bind(&ordinals)
        .bind(&headings)
        .bind(&bodies)
        .bind(&flat)
        .bind(embedding_model)
        .bind(&starts)
        .bind(&lens)
        .bind(&page_urls)
        .bind(&page_titles)
        .execute(tx.conn())
        .await?;
    }
    sqlx::query(
        "UPDATE knowledge_sources
         SET state = 'ready', failure_code = NULL, failure_params = '{}', chunk_count = $3, refreshed_at = now(),
             updated_at = now(), language = $4::regconfig,
             title = CASE WHEN kind = 'url' AND $5::text IS NOT NULL AND title = url
                          THEN left($5, 200) ELSE title END
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .bind(i32::try_from(chunks.len()).unwrap_or(i32::MAX))
    .bind(language.regconfig())
    .bind(title.filter(|t| !t.trim().is_empty()))
    .execute(tx.conn())
    .await?;
    Ok(true)
}

/// Marks ingestion failed with `failure`; the chunks of an earlier run stay.
pub async fn fail_ingest(
    tx: &mut TenantTx,
    id: SourceId,
    failure: &Failure,
) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query(
        "UPDATE knowledge_sources
         SET state = 'failed', failure_code = $3, failure_params = $4, updated_at = now()
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .bind(failure.code)
    .bind(sqlx::types::Json(failure.params))
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// One page of a sitemap or crawl source, as its last run left it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PageRecord {
    pub url: String,
    pub title: Option<String>,
    pub failure_code: Option<KnowledgeFailure>,
    pub failure_params: sqlx::types::Json<FailureParams>,
    pub chunk_count: i32,
    pub fetched_at: DateTime<Utc>,
}

impl PageRecord {
    pub fn failure(&self) -> Option<Failure> {
        self.failure_code.map(|code| Failure {
            code,
            params: self.failure_params.0,
        })
    }
}

/// A page of a run, to store.
pub struct NewPage<'a> {
    pub url: &'a str,
    pub title: Option<&'a str>,
    pub failure: Option<Failure>,
    pub chunk_count: usize,
}

/// Replaces the pages of a sitemap or crawl source with this run's.
pub async fn replace_pages(
    tx: &mut TenantTx,
    id: SourceId,
    pages: &[NewPage<'_>],
) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query("DELETE FROM knowledge_pages WHERE tenant_id = $1 AND source_id = $2")
        .bind(tenant)
        .bind(id)
        .execute(tx.conn())
        .await?;
    for (i, page) in pages.iter().enumerate() {
        sqlx::query(
            "INSERT INTO knowledge_pages
                 (tenant_id, source_id, ordinal, url, title, failure_code, failure_params, chunk_count)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(tenant)
        .bind(id)
        .bind(i32::try_from(i).unwrap_or(i32::MAX))
        .bind(page.url.chars().take(2000).collect::<String>())
        .bind(page.title.map(|t| t.chars().take(200).collect::<String>()))
        .bind(page.failure.map(|f| f.code))
        .bind(sqlx::types::Json(
            page.failure.map(|f| f.params).unwrap_or_default(),
        ))
        .bind(i32::try_from(page.chunk_count).unwrap_or(i32::MAX))
        .execute(tx.conn())
        .await?;
    }
    Ok(())
}

/// The pages of a source's last run, in the order they were visited.
pub async fn pages_of(tx: &mut TenantTx, id: SourceId) -> Result<Vec<PageRecord>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT url, title, failure_code, failure_params, chunk_count, fetched_at
         FROM knowledge_pages WHERE tenant_id = $1 AND source_id = $2 ORDER BY ordinal",
    )
    .bind(tenant)
    .bind(id)
    .fetch_all(tx.conn())
    .await?)
}

/// The chunks of a source, in order (heading, body).
pub async fn chunks_of(
    tx: &mut TenantTx,
    id: SourceId,
) -> Result<Vec<(String, String, bool)>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT heading, body, embedding IS NOT NULL FROM knowledge_chunks
         WHERE tenant_id = $1 AND source_id = $2 ORDER BY ordinal",
    )
    .bind(tenant)
    .bind(id)
    .fetch_all(tx.conn())
    .await?)
}

/// Whether the assistant answers only from its knowledge base.
pub async fn knowledge_only(tx: &mut TenantTx, assistant: AssistantId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    Ok(
        sqlx::query_scalar(
            "SELECT knowledge_only FROM assistants WHERE tenant_id = $1 AND id = $2",
        )
        .bind(tenant)
        .bind(assistant)
        .fetch_optional(tx.conn())
        .await?
        .unwrap_or(false),
    )
}

/// Sets the assistant's knowledge mode; false when there is no such assistant.
pub async fn set_knowledge_only(
    tx: &mut TenantTx,
    assistant: AssistantId,
    only: bool,
) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    let done = sqlx::query(
        "UPDATE assistants SET knowledge_only = $3, updated_at = now()
         WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(assistant)
    .bind(only)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the assistant has any source attached (a reply retrieves only then).
pub async fn has_sources(tx: &mut TenantTx, assistant: AssistantId) -> Result<bool, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM knowledge_source_assistants
                        WHERE tenant_id = $1 AND assistant_id = $2)",
    )
    .bind(tenant)
    .bind(assistant)
    .fetch_one(tx.conn())
    .await?)
}

/// A citation of a reply: a chunk it was given, with its scores.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageSource {
    pub message_id: MessageId,
    pub rank: i32,
    pub chunk_id: Option<ChunkId>,
    pub source_id: Option<SourceId>,
    pub title: String,
    pub url: Option<String>,
    pub heading: String,
    /// The chunk's text while the chunk exists (read from it, not snapshotted: a
    /// reply's citations would otherwise copy up to 8,000 characters each).
    pub text: Option<String>,
    pub score: f64,
    pub text_rank: Option<f64>,
    pub vector_score: Option<f64>,
}

/// Records the chunks a reply was given (replacing an earlier attempt's).
pub async fn record_sources(
    tx: &mut TenantTx,
    message: MessageId,
    hits: &[crate::knowledge::retrieve::Hit],
) -> Result<(), RepoError> {
    let tenant = tx.tenant_id();
    sqlx::query("DELETE FROM message_sources WHERE tenant_id = $1 AND message_id = $2")
        .bind(tenant)
        .bind(message)
        .execute(tx.conn())
        .await?;
    for (i, hit) in hits.iter().enumerate() {
        sqlx::query(
            "INSERT INTO message_sources (tenant_id, message_id, rank, chunk_id, source_id,
                 title, url, heading, score, text_rank, vector_score)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(tenant)
        .bind(message)
        .bind(i32::try_from(i + 1).unwrap_or(i32::MAX))
        .bind(hit.chunk_id)
        .bind(hit.source_id)
        .bind(&hit.title)
        .bind(&hit.url)
        .bind(&hit.heading)
        .bind(hit.score)
        .bind(hit.text_rank)
        .bind(hit.vector_score)
        .execute(tx.conn())
        .await?;
    }
    Ok(())
}

/// The citations of every reply in a chat, by message then rank.
pub async fn sources_of_chat(
    tx: &mut TenantTx,
    chat: crate::ids::ChatId,
) -> Result<Vec<MessageSource>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT ms.message_id, ms.rank, ms.chunk_id, ms.source_id, ms.title, ms.url, ms.heading,
                c.body AS text, ms.score, ms.text_rank, ms.vector_score
         FROM message_sources ms
         JOIN messages m ON m.tenant_id = ms.tenant_id AND m.id = ms.message_id
         LEFT JOIN knowledge_chunks c ON c.tenant_id = ms.tenant_id AND c.id = ms.chunk_id
         WHERE ms.tenant_id = $1 AND m.chat_id = $2
         ORDER BY ms.message_id, ms.rank",
    )
    .bind(tenant)
    .bind(chat)
    .fetch_all(tx.conn())
    .await?)
}

/// The citations of one reply.
pub async fn sources_of_message(
    tx: &mut TenantTx,
    message: MessageId,
) -> Result<Vec<MessageSource>, RepoError> {
    let tenant = tx.tenant_id();
    Ok(sqlx::query_as(
        "SELECT ms.message_id, ms.rank, ms.chunk_id, ms.source_id, ms.title, ms.url, ms.heading,
                c.body AS text, ms.score, ms.text_rank, ms.vector_score
         FROM message_sources ms
         LEFT JOIN knowledge_chunks c ON c.tenant_id = ms.tenant_id AND c.id = ms.chunk_id
         WHERE ms.tenant_id = $1 AND ms.message_id = $2 ORDER BY ms.rank",
    )
    .bind(tenant)
    .bind(message)
    .fetch_all(tx.conn())
    .await?)
}
