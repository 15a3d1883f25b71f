use chrono::{DateTime, Utc};
use kremna_shared::{
    domain::{KnowledgeFailure, KnowledgeKind, KnowledgeState},
    ids::{AssistantId, ChunkId, MessageId, SourceId},
    knowledge::{Failure, Language, RefetchSchedule, retrieve::Hit},
    repo::knowledge::{MessageSource, PageRecord, SourceRecord},
};
use poem_openapi::{Multipart, Object, types::multipart::Upload};
use serde::Deserialize;

/// A knowledge source and where its ingestion is.
#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct SourceView {
    pub id: SourceId,
    pub kind: KnowledgeKind,
    pub title: String,
    /// The page's address (`url` sources).
    pub url: Option<String>,
    /// The text-search language of its chunks.
    pub language: Language,
    /// Whether the language is detected from the text at each ingestion.
    pub auto_language: bool,
    pub state: KnowledgeState,
    /// Why the last ingestion failed (state `failed`): a code with its parameters.
    pub failure: Option<SourceFailure>,
    /// Chunks of every page together (sitemap and crawl sources).
    pub chunk_count: i32,
    /// Sitemap and crawl sources: the most pages read (absent: the deployment's
    /// `KNOWLEDGE_MAX_PAGES`, which also caps this).
    pub page_limit: Option<i32>,
    /// Sitemap and crawl sources: pages read and pages failed in the last run
    /// (`GET /knowledge/sources/{id}/pages` lists them with their reasons).
    pub pages_ready: Option<i64>,
    pub pages_failed: Option<i64>,
    /// When its chunks were last (re)built.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Web sources: fetched again on this schedule (besides refetch on demand).
    pub refetch: Option<RefetchSchedule>,
    /// When the next scheduled refetch is due.
    pub next_refetch_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The assistants that answer from it.
    pub assistant_ids: Vec<AssistantId>,
}

impl From<SourceRecord> for SourceView {
    fn from(s: SourceRecord) -> Self {
        Self {
            language: s.language(),
            failure: s.failure().map(Into::into),
            refetch: s.refetch(),
            id: s.id,
            kind: s.kind,
            title: s.title,
            url: s.url,
            auto_language: s.auto_language,
            state: s.state,
            chunk_count: s.chunk_count,
            page_limit: s.page_limit,
            pages_ready: s.kind.is_site().then_some(s.pages_ready),
            pages_failed: s.kind.is_site().then_some(s.pages_failed),
            refreshed_at: s.refreshed_at,
            next_refetch_at: s.next_refetch_at,
            created_at: s.created_at,
            updated_at: s.updated_at,
            assistant_ids: s.assistant_ids,
        }
    }
}

/// Why ingestion failed: a closed code (word it from the code and its parameters in the
/// reader's language) and an English sentence for logs and tools.
#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct SourceFailure {
    pub code: KnowledgeFailure,
    /// The HTTP status the site answered (`http_status`).
    pub status: Option<u16>,
    /// The limit that was passed: bytes (`too_large`), seconds (`timeout`), redirects
    /// (`too_many_redirects`), pages (`too_many_pages`).
    pub limit: Option<u64>,
    /// The same in English.
    pub message: String,
}

impl From<Failure> for SourceFailure {
    fn from(f: Failure) -> Self {
        Self {
            message: f.english(),
            code: f.code,
            status: f.params.status,
            limit: f.params.limit,
        }
    }
}

#[derive(Object)]
pub struct SourceList {
    pub data: Vec<SourceView>,
}

/// Pasted text (Markdown is understood: `#` headings keep their text).
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTextSourceRequest {
    #[oai(validator(
        min_length = 1,
        max_length = 200,
        pattern = r"[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    ))]
    pub title: String,
    #[oai(validator(
        min_length = 1,
        max_length = 200000,
        pattern = r"[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    ))]
    pub text: String,
    /// Detected from the text when absent.
    pub language: Option<Language>,
    /// Assistants to attach it to at once.
    #[oai(validator(max_items = 100))]
    pub assistant_ids: Option<Vec<AssistantId>>,
}

/// A web page to fetch (http or https).
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateUrlSourceRequest {
    #[oai(validator(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[hH][tT][tT][pP][sS]?://(([A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*|((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|\[(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,7}:|([0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,5}(:[0-9A-Fa-f]{1,4}){1,2}|([0-9A-Fa-f]{1,4}:){1,4}(:[0-9A-Fa-f]{1,4}){1,3}|([0-9A-Fa-f]{1,4}:){1,3}(:[0-9A-Fa-f]{1,4}){1,4}|([0-9A-Fa-f]{1,4}:){1,2}(:[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(:[0-9A-Fa-f]{1,4}){1,6}|:((:[0-9A-Fa-f]{1,4}){1,7}|:)|::([fF]{4}(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|([0-9A-Fa-f]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))\])(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?][^#\x00-\x20\x7f-\x9f]*)?[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub url: String,
    /// Defaults to the page's `<title>` once fetched (the URL until then).
    #[oai(validator(min_length = 1, max_length = 200))]
    pub title: Option<String>,
    pub language: Option<Language>,
    /// Fetch it again daily or weekly (absent: only on demand).
    pub refetch: Option<RefetchSchedule>,
    #[oai(validator(max_items = 100))]
    pub assistant_ids: Option<Vec<AssistantId>>,
}

/// A web source's refetch schedule.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    /// `daily` or `weekly`; absent: on demand only (the schedule is cleared).
    pub refetch: Option<RefetchSchedule>,
}

/// How a site source finds its pages.
#[derive(poem_openapi::Enum, Deserialize, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SiteMode {
    /// `url` is a sitemap (`sitemap.xml`, or a sitemap index): its pages are read.
    Sitemap,
    /// `url` is a start page: links to pages of the same site are followed.
    Crawl,
}

/// A site to read page by page: a sitemap's pages or a crawl from a start page, up to
/// a page limit, as the site's robots.txt allows, on the same site only.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSiteSourceRequest {
    /// The sitemap (mode `sitemap`) or the start page (mode `crawl`): http or https.
    #[oai(validator(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[hH][tT][tT][pP][sS]?://(([A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*|((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|\[(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,7}:|([0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){1,5}(:[0-9A-Fa-f]{1,4}){1,2}|([0-9A-Fa-f]{1,4}:){1,4}(:[0-9A-Fa-f]{1,4}){1,3}|([0-9A-Fa-f]{1,4}:){1,3}(:[0-9A-Fa-f]{1,4}){1,4}|([0-9A-Fa-f]{1,4}:){1,2}(:[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(:[0-9A-Fa-f]{1,4}){1,6}|:((:[0-9A-Fa-f]{1,4}){1,7}|:)|::([fF]{4}(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|([0-9A-Fa-f]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))\])(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?][^#\x00-\x20\x7f-\x9f]*)?[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    ))]
    pub url: String,
    pub mode: SiteMode,
    /// The most pages to read (default and ceiling: the deployment's
    /// `KNOWLEDGE_MAX_PAGES`).
    #[oai(validator(minimum(value = "1"), maximum(value = "1000")))]
    pub page_limit: Option<i32>,
    /// Defaults to the URL.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub title: Option<String>,
    pub language: Option<Language>,
    /// Read the site again daily or weekly (absent: only on demand).
    pub refetch: Option<RefetchSchedule>,
    #[oai(validator(max_items = 100))]
    pub assistant_ids: Option<Vec<AssistantId>>,
}

/// One page of a sitemap or crawl source, as its last run left it.
#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct PageView {
    pub url: String,
    /// The page's own title, when it was read.
    pub title: Option<String>,
    /// `ready` or `failed`.
    pub state: KnowledgeState,
    pub failure: Option<SourceFailure>,
    pub chunk_count: i32,
    pub fetched_at: DateTime<Utc>,
}

impl From<PageRecord> for PageView {
    fn from(p: PageRecord) -> Self {
        let failure = p.failure();
        Self {
            state: if failure.is_some() {
                KnowledgeState::Failed
            } else {
                KnowledgeState::Ready
            },
            failure: failure.map(Into::into),
            url: p.url,
            title: p.title,
            chunk_count: p.chunk_count,
            fetched_at: p.fetched_at,
        }
    }
}

#[derive(Object)]
pub struct PageList {
    pub data: Vec<PageView>,
}

/// An uploaded file: Markdown (`.md`), plain text (`.txt`), HTML (`.html`) or PDF (`.pdf`).
#[derive(Multipart)]
pub struct UploadSourceRequest {
    pub file: Upload,
    /// Defaults to the file's name.
    pub title: Option<String>,
    /// `en`, `tr` or `simple`; detected when absent.
    pub language: Option<String>,
    /// Comma-separated assistant ids to attach it to.
    pub assistant_ids: Option<String>,
}

/// One chunk of a source.
#[derive(Object)]
pub struct ChunkView {
    /// The headings above the text, outermost first, joined with " › ".
    pub heading: String,
    pub text: String,
    /// Whether it has a vector (the provider embeds).
    pub has_vector: bool,
}

#[derive(Object)]
pub struct ChunkList {
    pub data: Vec<ChunkView>,
}

/// A question to try retrieval with.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TryRequest {
    #[oai(validator(min_length = 1, max_length = 4000))]
    pub question: String,
    /// How many chunks (default 6).
    #[oai(validator(minimum(value = "1"), maximum(value = "20")))]
    pub limit: Option<u32>,
}

/// A chunk retrieval returned, with its scores.
#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct RetrievedChunk {
    pub chunk_id: ChunkId,
    pub source_id: SourceId,
    pub title: String,
    pub url: Option<String>,
    pub heading: String,
    pub text: String,
    /// The fused score (hybrid) or the full-text rank; higher is better.
    pub score: f64,
    /// Postgres `ts_rank`, when full-text search found it.
    pub text_rank: Option<f64>,
    /// Cosine similarity, when vector search found it.
    pub vector_score: Option<f64>,
}

impl From<Hit> for RetrievedChunk {
    fn from(h: Hit) -> Self {
        Self {
            chunk_id: h.chunk_id,
            source_id: h.source_id,
            title: h.title,
            url: h.url,
            heading: h.heading,
            text: h.body,
            score: h.score,
            text_rank: h.text_rank,
            vector_score: h.vector_score,
        }
    }
}

#[derive(Object)]
pub struct TryResponse {
    /// `hybrid` (full text fused with vectors) or `full_text`.
    pub mode: String,
    pub data: Vec<RetrievedChunk>,
}

/// Whether an assistant answers only from its knowledge base.
#[derive(Object, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeSettings {
    /// True: answer only from the knowledge base (and say so when it lacks the answer);
    /// false: also from general knowledge.
    pub knowledge_only: bool,
}

/// A source a reply was given.
#[derive(Object)]
#[oai(skip_serializing_if_is_none)]
pub struct MessageSourceView {
    pub message_id: MessageId,
    /// 1 is the best.
    pub rank: i32,
    /// Cleared when the chunk is gone (its source deleted or refetched).
    pub chunk_id: Option<ChunkId>,
    pub source_id: Option<SourceId>,
    pub title: String,
    pub url: Option<String>,
    pub heading: String,
    /// The chunk's text; absent once the chunk is gone (like `chunk_id`).
    pub text: Option<String>,
    pub score: f64,
    pub text_rank: Option<f64>,
    pub vector_score: Option<f64>,
}

impl From<MessageSource> for MessageSourceView {
    fn from(s: MessageSource) -> Self {
        Self {
            message_id: s.message_id,
            rank: s.rank,
            chunk_id: s.chunk_id,
            source_id: s.source_id,
            title: s.title,
            url: s.url,
            heading: s.heading,
            text: s.text,
            score: s.score,
            text_rank: s.text_rank,
            vector_score: s.vector_score,
        }
    }
}

#[derive(Object)]
pub struct MessageSourceList {
    pub data: Vec<MessageSourceView>,
}

/// What an upload may be, so the dashboard can say it before sending.
#[derive(Object)]
pub struct KnowledgeLimits {
    /// The largest file `POST /knowledge/sources/file` takes, in bytes: the smaller of
    /// `KNOWLEDGE_MAX_BYTES` and what fits in a request under `MAX_BODY_BYTES`.
    pub max_file_bytes: u64,
}
