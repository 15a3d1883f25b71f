//! Knowledge-base ingestion (issue 13): its own apalis queue (`kremna.knowledge`) and
//! loop, woken by the same NOTIFY echoes as replies. One job reads (or fetches) a
//! source, extracts its text keeping headings, splits it into overlapping chunks,
//! embeds them when the provider has embeddings, and swaps the source's chunks in one
//! transaction. A source that cannot be read is marked `failed` with a code and its
//! parameters (worded by the dashboard); the chunks of an earlier successful run stay.

pub mod crawl;
pub mod fetch;
pub mod pdf;
pub mod robots;
pub mod schedule;
pub mod site;
pub mod sitemap;

use std::{sync::Arc, time::Duration};

use apalis::prelude::*;
use apalis_core::{
    backend::ext::poll_strategy::{PollWith, StreamStrategy},
    task::data::Data,
};
use apalis_postgres::PostgresStorage;
use kremna_shared::{
    config::KnowledgeConfig,
    domain::{KnowledgeFailure as F, KnowledgeKind},
    knowledge::{
        Failure, INGEST_QUEUE, IngestJob, Language,
        chunk::{self, Chunk},
        extract::{self, Block, Format},
    },
    repo::{self, knowledge::NewChunk},
};
use tokio::{sync::watch, task::JoinHandle};
use tracing::Instrument;

use crate::{
    reply::{JobError, WorkerState},
    wakeups,
};

/// Ingestion jobs one worker runs at once.
const CONCURRENCY: usize = 2;

/// Runs the ingestion loop until `stop` turns true, starting it again if apalis gives
/// up (the database went away).
pub fn spawn(
    state: Arc<WorkerState>,
    name: String,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let pool = state.db.db().infrastructure_pool().clone();
            let config = apalis_postgres::Config::default()
                .queue(INGEST_QUEUE)
                .batch_size(CONCURRENCY)
                .heartbeat_interval(state.config.worker.heartbeat)
                .missed_heartbeats(
                    usize::try_from(state.config.worker.missed_heartbeats).unwrap_or(3),
                );
            let notifications = wakeups::job_notifications(pool.clone(), INGEST_QUEUE.to_owned());
            let storage = PollWith::new(
                PostgresStorage::<IngestJob>::new(&pool).with_config(config),
                StreamStrategy::new(wakeups::Echoing::new(notifications)),
            );
            let owner = format!("{name}-knowledge-{}", uuid::Uuid::new_v4().simple());
            let mut until = stop.clone();
            let result = WorkerBuilder::new(owner)
                .backend(storage)
                .data(state.clone())
                .concurrency(CONCURRENCY)
                .build(handle)
                .run_until(async move {
                    let _ = until.wait_for(|s| *s).await;
                    Ok::<(), std::io::Error>(())
                })
                .await;
            if *stop.borrow() {
                return;
            }
            tracing::error!(?result, "the knowledge job loop stopped; starting it again");
            tokio::select! {
                _ = stop.wait_for(|s| *s) => return,
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    })
}

/// The apalis handler.
pub async fn handle(job: IngestJob, state: Data<Arc<WorkerState>>) -> Result<(), JobError> {
    let span = tracing::info_span!(
        "ingest",
        tenant_id = %job.tenant_id,
        source_id = %job.source_id
    );
    let state = Arc::clone(&state);
    let run = tokio::spawn(async move { ingest(&job, &state).await }.instrument(span));
    run.await
        .map_err(|err| JobError::Panicked(err.to_string()))?
}

async fn ingest(job: &IngestJob, state: &WorkerState) -> Result<(), JobError> {
    let input = {
        let mut tx = state.db.tenant(job.tenant_id).await?;
        let input = repo::knowledge::begin_ingest(&mut tx, job.source_id).await?;
        tx.commit().await?;
        input
    };
    let Some(input) = input else {
        tracing::info!("the source is gone; nothing to ingest");
        return Ok(());
    };
    let started = std::time::Instant::now();
    let prepared = match input.kind {
        KnowledgeKind::Sitemap => site::prepare(&input, crawl::Mode::Sitemap, state).await,
        KnowledgeKind::Crawl => site::prepare(&input, crawl::Mode::Site, state).await,
        _ => prepare(&input, state).await.map_err(site::Failed::from),
    };
    match prepared {
        Ok(prepared) => {
            let embeddings = embed(state, &prepared.chunks).await;
            let rows: Vec<NewChunk<'_>> = prepared
                .chunks
                .iter()
                .enumerate()
                .map(|(i, chunk)| {
                    let page = prepared.chunk_pages.get(i).copied().flatten();
                    let page = page.and_then(|p| prepared.pages.get(p));
                    NewChunk {
                        chunk,
                        embedding: embeddings.as_ref().map(|(v, _)| v[i].as_slice()),
                        page_url: page.map(|p| p.url.as_str()),
                        page_title: page.and_then(|p| p.title.as_deref()),
                    }
                })
                .collect();
            let mut tx = state.db.tenant(job.tenant_id).await?;
            if input.kind.is_site() {
                repo::knowledge::replace_pages(
                    &mut tx,
                    job.source_id,
                    &site::rows(&prepared.pages),
                )
                .await?;
            }
            let stored = repo::knowledge::store_chunks(
                &mut tx,
                job.source_id,
                prepared.language,
                prepared.title.as_deref(),
                &rows,
                embeddings.as_ref().map(|(_, model)| model.as_str()),
            )
            .await?;
            tx.commit().await?;
            tracing::info!(
                stored,
                chunks = rows.len(),
                vectors = embeddings.is_some(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                "source ingested"
            );
        }
        Err(site::Failed { failure, pages }) => {
            tracing::info!(code = %failure.code, reason = %failure.english(), "source failed");
            let mut tx = state.db.tenant(job.tenant_id).await?;
            repo::knowledge::fail_ingest(&mut tx, job.source_id, &failure).await?;
            if input.kind.is_site() {
                repo::knowledge::replace_pages(&mut tx, job.source_id, &site::rows(&pages)).await?;
            }
            tx.commit().await?;
        }
    }
    Ok(())
}

/// A source's chunks, ready to embed and store.
pub struct Prepared {
    pub chunks: Vec<Chunk>,
    /// Sitemap and crawl sources: each chunk's page (an index into `pages`).
    pub chunk_pages: Vec<Option<usize>>,
    /// Sitemap and crawl sources: every page of the run, read or failed.
    pub pages: Vec<site::PreparedPage>,
    pub language: Language,
    /// The document's own title (a page's `<title>`), to name a URL source.
    pub title: Option<String>,
}

async fn prepare(
    input: &repo::knowledge::SourceInput,
    state: &WorkerState,
) -> Result<Prepared, Failure> {
    let config = &state.config.worker.knowledge;
    let (bytes, format) = match input.kind {
        KnowledgeKind::Url | KnowledgeKind::Sitemap | KnowledgeKind::Crawl => {
            let url = input.url.as_deref().unwrap_or_default();
            let page = fetch::fetch(url, config).await?;
            let format = page_format(&page)?;
            (page.bytes, format)
        }
        KnowledgeKind::Text => (input.body.clone().unwrap_or_default(), Format::Markdown),
        KnowledgeKind::File => {
            let format = Format::detect(input.media_type.as_deref(), Some(&input.title))
                .ok_or(Failure::new(F::UnsupportedType))?;
            (input.body.clone().unwrap_or_default(), format)
        }
    };
    // Parsing (a PDF above all) is CPU work: off the async threads.
    let (input, config) = (input.clone(), config.clone());
    tokio::task::spawn_blocking(move || prepare_bytes(&bytes, format, &input, &config))
        .await
        .unwrap_or(Err(Failure::new(F::UnreadablePdf)))
}

/// The format of a fetched page: from its media type or its path, else sniffed.
pub fn page_format(page: &fetch::Page) -> Result<Format, Failure> {
    Format::detect(page.media_type.as_deref(), Some(page.url.path()))
        .or_else(|| {
            // A page without a usable type: sniff HTML or PDF, else read it as text.
            if page.media_type.is_some() {
                return None;
            }
            if page.bytes.starts_with(b"%PDF-") {
                return Some(Format::Pdf);
            }
            let head = String::from_utf8_lossy(&page.bytes[..page.bytes.len().min(512)])
                .to_ascii_lowercase();
            Some(
                if head.contains("<html") || head.contains("<!doctype html") {
                    Format::Html
                } else {
                    Format::Plain
                },
            )
        })
        .ok_or(Failure::new(F::UnsupportedType))
}

/// The document's own title and its blocks: the size limit, then a PDF's pages (with
/// the page limit) or UTF-8 text in its format.
pub fn read_document(
    bytes: &[u8],
    format: Format,
    config: &KnowledgeConfig,
) -> Result<(Option<String>, Vec<Block>), Failure> {
    if bytes.len() > config.max_bytes {
        return Err(Failure::limit(F::TooLarge, config.max_bytes));
    }
    if format == Format::Pdf {
        let pages = pdf::pages(bytes, config.max_pdf_pages)?;
        return Ok((None, pdf::blocks(&pages)));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| Failure::new(F::NotText))?;
    Ok(extract::extract(format, text))
}

/// Extracts and splits `bytes` (shared with the benchmark through the same functions).
pub fn prepare_bytes(
    bytes: &[u8],
    format: Format,
    input: &repo::knowledge::SourceInput,
    config: &KnowledgeConfig,
) -> Result<Prepared, Failure> {
    let (title, blocks) = read_document(bytes, format, config)?;
    let chunks = chunk::split(&blocks);
    if chunks.is_empty() {
        return Err(Failure::new(F::NoText));
    }
    let language = language_of(&chunks, input);
    Ok(Prepared {
        chunks,
        chunk_pages: Vec::new(),
        pages: Vec::new(),
        language,
        title,
    })
}

/// The admin's language, or the one detected from the first chunks.
pub fn language_of(chunks: &[Chunk], input: &repo::knowledge::SourceInput) -> Language {
    if input.auto_language {
        let sample: String = chunks
            .iter()
            .take(20)
            .map(|c| c.body.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        extract::detect_language(&sample)
    } else {
        Language::from_regconfig(&input.language)
    }
}

/// The chunks' vectors and their model, when the provider embeds. A failure leaves the
/// source searchable by full text only (logged; the next refetch tries again).
async fn embed(state: &WorkerState, chunks: &[Chunk]) -> Option<(Vec<Vec<f32>>, String)> {
    let model = state.provider.embedding_model()?.to_owned();
    let texts: Vec<String> = chunks.iter().map(embedding_text).collect();
    match state.provider.embed(&texts).await {
        Ok(e) => Some((
            e.vectors
                .iter()
                .map(|v| kremna_shared::knowledge::retrieve::normalised(v))
                .collect(),
            model,
        )),
        Err(err) => {
            tracing::warn!(error = %err, "embedding failed; the source is searchable by full text only");
            None
        }
    }
}

/// What is embedded for a chunk: its headings, then its text.
pub fn embedding_text(chunk: &Chunk) -> String {
    if chunk.heading.is_empty() {
        chunk.body.clone()
    } else {
        format!("{}\n{}", chunk.heading, chunk.body)
    }
}
