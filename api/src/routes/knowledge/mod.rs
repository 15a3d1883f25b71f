//! `/knowledge`: the workspace's knowledge base (issue 13). Sources (pasted text, an
//! uploaded file, a web page, a site by sitemap or crawl) are stored with their ingestion job in one transaction;
//! the worker fills in their chunks. Reading needs any member; changing needs an admin.
//! `try` shows what retrieval returns for a question; `chats/{id}/sources` the chunks
//! each reply of a chat was given, with their scores.

mod dto;

use kremna_shared::{
    auth::{Admin, Agent},
    config::ProviderSettings,
    db::{RepoError, TenantTx},
    domain::KnowledgeKind,
    embedding,
    ids::{AssistantId, ChatId, SourceId},
    knowledge::{
        IngestJob, Language, enqueue_ingest,
        extract::Format,
        retrieve::{self, QueryVector},
    },
    repo::{self, knowledge::NewSource},
};
use poem::web::Data;
use poem_openapi::{ApiResponse, OpenApi, payload::Json};
use tokio::io::AsyncReadExt;

pub use dto::*;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{JsonBody, Member, Path, name},
    state::AppState,
};

pub struct KnowledgeApi;

#[derive(ApiResponse)]
pub enum CreatedSource {
    /// Stored and queued for ingestion.
    #[oai(status = 201)]
    Created(Json<SourceView>),
}

#[derive(ApiResponse)]
pub enum Requeued {
    /// Queued for ingestion again.
    #[oai(status = 202)]
    Accepted(Json<SourceView>),
}

#[derive(ApiResponse)]
pub enum Done {
    #[oai(status = 204)]
    NoContent,
}

/// Creates the source, attaches it and enqueues its ingestion, all in `tx`.
async fn create_source(
    tx: &mut TenantTx,
    new: &NewSource<'_>,
    assistants: &[AssistantId],
) -> ApiResult<SourceView> {
    let source = repo::knowledge::create(tx, new).await?;
    for assistant in assistants {
        attach(tx, source.id, *assistant).await?;
    }
    enqueue_ingest(
        tx,
        &IngestJob {
            tenant_id: tx.tenant_id(),
            source_id: source.id,
        },
    )
    .await?;
    let source = repo::knowledge::get(tx, source.id)
        .await?
        .ok_or(ApiError::NotFound("source"))?;
    tracing::info!(source_id = %source.id, kind = %source.kind, "knowledge source created");
    Ok(source.into())
}

async fn attach(tx: &mut TenantTx, source: SourceId, assistant: AssistantId) -> ApiResult<()> {
    match repo::knowledge::attach(tx, source, assistant).await {
        // The composite foreign key: no such assistant in this tenant.
        Err(RepoError::Conflict { .. }) => Err(ApiError::NotFound("assistant")),
        other => Ok(other?),
    }
}

fn parse_language(value: Option<&str>) -> ApiResult<Option<Language>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some("en") => Ok(Some(Language::En)),
        Some("tr") => Ok(Some(Language::Tr)),
        Some("simple") => Ok(Some(Language::Simple)),
        Some(_) => Err(ApiError::validation(
            "language",
            "must be `en`, `tr` or `simple`",
        )),
    }
}

fn parse_url(raw: &str) -> ApiResult<String> {
    let url = url::Url::parse(raw.trim())
        .map_err(|_| ApiError::validation("url", "must be an absolute http or https address"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(ApiError::validation(
            "url",
            "must be an absolute http or https address",
        ));
    }
    Ok(url.to_string())
}

/// The question's vector when this deployment's embeddings can be computed here (the
/// demo provider's hashed n-grams). Other providers are called by the worker only, so
/// `try` ranks by full text there; replies always use both.
fn local_query_vector(state: &AppState, question: &str) -> Option<Vec<f32>> {
    match state.config.reply_provider() {
        Ok(ProviderSettings::Demo) => Some(embedding::embed(question)),
        _ => None,
    }
}

/// Room left in a request for the upload's other multipart parts (boundaries, headers,
/// a 200-character title, up to 100 assistant ids), so a file of `max_file_bytes`
/// still fits under `MAX_BODY_BYTES`, which is checked before anything is read.
const MULTIPART_RESERVE: usize = 8 * 1024;

/// The largest file an upload takes: the knowledge limit, unless the request limit in
/// front of every route is smaller.
fn max_file_bytes(state: &AppState) -> usize {
    let body = state
        .config
        .http
        .max_body_bytes
        .saturating_sub(MULTIPART_RESERVE);
    state.config.worker.knowledge.max_bytes.min(body)
}

#[OpenApi(tag = "ApiTags::Knowledge")]
impl KnowledgeApi {
    /// What an upload may be (its largest size), to say before sending.
    #[oai(
        path = "/knowledge/limits",
        method = "get",
        operation_id = "getKnowledgeLimits"
    )]
    async fn limits(
        &self,
        state: Data<&AppState>,
        _member: Member<Agent>,
    ) -> ApiResult<Json<KnowledgeLimits>> {
        Ok(Json(KnowledgeLimits {
            max_file_bytes: u64::try_from(max_file_bytes(&state)).unwrap_or(u64::MAX),
        }))
    }

    /// List the workspace's knowledge sources, newest first.
    #[oai(
        path = "/knowledge/sources",
        method = "get",
        operation_id = "listKnowledgeSources"
    )]
    async fn list(&self, member: Member<Agent>) -> ApiResult<Json<SourceList>> {
        let mut tx = member.tx;
        let rows = repo::knowledge::list(&mut tx).await?;
        tx.commit().await?;
        Ok(Json(SourceList {
            data: rows.into_iter().map(Into::into).collect(),
        }))
    }

    /// Add pasted text.
    #[oai(
        path = "/knowledge/sources/text",
        method = "post",
        operation_id = "createTextSource"
    )]
    async fn create_text(
        &self,
        member: Member<Admin>,
        body: JsonBody<CreateTextSourceRequest>,
    ) -> ApiResult<CreatedSource> {
        let body = body.0;
        if body.text.trim().is_empty() {
            return Err(ApiError::validation("text", "must not be blank"));
        }
        if body.title.trim().is_empty() {
            return Err(ApiError::validation("title", "must not be blank"));
        }
        let mut tx = member.tx;
        let view = create_source(
            &mut tx,
            &NewSource {
                kind: KnowledgeKind::Text,
                title: body.title.trim(),
                url: None,
                language: body.language,
                body: Some(body.text.as_bytes()),
                media_type: Some("text/markdown"),
                page_limit: None,
                refetch: None,
            },
            body.assistant_ids.as_deref().unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(CreatedSource::Created(Json(view)))
    }

    /// Add a web page, fetched by the worker.
    #[oai(
        path = "/knowledge/sources/url",
        method = "post",
        operation_id = "createUrlSource"
    )]
    async fn create_url(
        &self,
        member: Member<Admin>,
        body: JsonBody<CreateUrlSourceRequest>,
    ) -> ApiResult<CreatedSource> {
        let body = body.0;
        let url = parse_url(&body.url)?;
        let title = source_title(body.title.as_deref(), &url);
        let mut tx = member.tx;
        let view = create_source(
            &mut tx,
            &NewSource {
                kind: KnowledgeKind::Url,
                // A title equal to the URL is replaced by the page's own once fetched.
                title: &title,
                url: Some(&url),
                language: body.language,
                body: None,
                media_type: None,
                page_limit: None,
                refetch: body.refetch,
            },
            body.assistant_ids.as_deref().unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(CreatedSource::Created(Json(view)))
    }

    /// Add a site: the pages of a sitemap (or sitemap index), or those reached by links
    /// from a start page, on the same site, as its robots.txt allows, up to the page
    /// limit. Each page is read like a web page; one that fails (a 404, over the size
    /// limit) is listed with its reason and the others still answer.
    #[oai(
        path = "/knowledge/sources/site",
        method = "post",
        operation_id = "createSiteSource"
    )]
    async fn create_site(
        &self,
        member: Member<Admin>,
        body: JsonBody<CreateSiteSourceRequest>,
    ) -> ApiResult<CreatedSource> {
        let body = body.0;
        let url = parse_url(&body.url)?;
        let title = source_title(body.title.as_deref(), &url);
        let kind = match body.mode {
            SiteMode::Sitemap => KnowledgeKind::Sitemap,
            SiteMode::Crawl => KnowledgeKind::Crawl,
        };
        let mut tx = member.tx;
        let view = create_source(
            &mut tx,
            &NewSource {
                kind,
                title: &title,
                url: Some(&url),
                language: body.language,
                body: None,
                media_type: None,
                page_limit: body.page_limit,
                refetch: body.refetch,
            },
            body.assistant_ids.as_deref().unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(CreatedSource::Created(Json(view)))
    }

    /// The pages of a sitemap or crawl source's last run, each read or failed with its
    /// reason, in the order they were visited (empty for other sources).
    #[oai(
        path = "/knowledge/sources/:id/pages",
        method = "get",
        operation_id = "listKnowledgePages"
    )]
    async fn pages(&self, member: Member<Agent>, id: Path<SourceId>) -> ApiResult<Json<PageList>> {
        let mut tx = member.tx;
        repo::knowledge::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("source"))?;
        let rows = repo::knowledge::pages_of(&mut tx, id.0).await?;
        tx.commit().await?;
        Ok(Json(PageList {
            data: rows.into_iter().map(Into::into).collect(),
        }))
    }

    /// Upload a file: Markdown, plain text, HTML or PDF, up to `max_file_bytes` of
    /// `GET /knowledge/limits` (and a PDF up to `KNOWLEDGE_MAX_PDF_PAGES` pages, checked
    /// when it is read: `too_many_pages`). The type is read from the part's file name
    /// (`.md`, `.txt`, `.html`, `.pdf`) or media type, and the file must not be blank: facts about the
    /// multipart part the schema cannot state.
    #[oai(
        path = "/knowledge/sources/file",
        method = "post",
        operation_id = "uploadFileSource"
    )]
    async fn upload(
        &self,
        state: Data<&AppState>,
        member: Member<Admin>,
        body: UploadSourceRequest,
    ) -> ApiResult<CreatedSource> {
        let limit = max_file_bytes(&state);
        let file_name = body.file.file_name().unwrap_or("document").to_owned();
        let media_type = body.file.content_type().map(str::to_owned);
        let format = Format::detect(media_type.as_deref(), Some(&file_name)).ok_or_else(|| {
            ApiError::validation(
                "file",
                "must be Markdown (.md), plain text (.txt), HTML (.html) or PDF (.pdf)",
            )
        })?;
        let mut bytes = Vec::new();
        body.file
            .into_async_read()
            .take(u64::try_from(limit).unwrap_or(u64::MAX) + 1)
            .read_to_end(&mut bytes)
            .await
            .map_err(|_| ApiError::validation("file", "could not be read"))?;
        if bytes.len() > limit {
            return Err(ApiError::validation(
                "file",
                format!("is larger than the limit of {} KB", limit / 1000),
            ));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::validation("file", "is empty"));
        }
        let language = parse_language(body.language.as_deref())?;
        let assistants = body
            .assistant_ids
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<AssistantId>()
                    .map_err(|_| ApiError::validation("assistant_ids", "must be assistant ids"))
            })
            .collect::<ApiResult<Vec<_>>>()?;
        let title = source_title(body.title.as_deref(), &file_name);
        let mut tx = member.tx;
        let view = create_source(
            &mut tx,
            &NewSource {
                kind: KnowledgeKind::File,
                title: &title,
                url: None,
                language,
                body: Some(&bytes),
                media_type: Some(format.media_type()),
                page_limit: None,
                refetch: None,
            },
            &assistants,
        )
        .await?;
        tx.commit().await?;
        Ok(CreatedSource::Created(Json(view)))
    }

    /// Get a source and its ingestion state.
    #[oai(
        path = "/knowledge/sources/:id",
        method = "get",
        operation_id = "getKnowledgeSource"
    )]
    async fn get(&self, member: Member<Agent>, id: Path<SourceId>) -> ApiResult<Json<SourceView>> {
        let mut tx = member.tx;
        let row = repo::knowledge::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("source"))?;
        tx.commit().await?;
        Ok(Json(row.into()))
    }

    /// The chunks of a source, in order.
    #[oai(
        path = "/knowledge/sources/:id/chunks",
        method = "get",
        operation_id = "listKnowledgeChunks"
    )]
    async fn chunks(
        &self,
        member: Member<Agent>,
        id: Path<SourceId>,
    ) -> ApiResult<Json<ChunkList>> {
        let mut tx = member.tx;
        repo::knowledge::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("source"))?;
        let rows = repo::knowledge::chunks_of(&mut tx, id.0).await?;
        tx.commit().await?;
        Ok(Json(ChunkList {
            data: rows
                .into_iter()
                .map(|(heading, text, has_vector)| ChunkView {
                    heading,
                    text,
                    has_vector,
                })
                .collect(),
        }))
    }

    /// Delete a source; its chunks go at once.
    #[oai(
        path = "/knowledge/sources/:id",
        method = "delete",
        operation_id = "deleteKnowledgeSource"
    )]
    async fn delete(&self, member: Member<Admin>, id: Path<SourceId>) -> ApiResult<Done> {
        let mut tx = member.tx;
        if !repo::knowledge::delete(&mut tx, id.0).await? {
            return Err(ApiError::NotFound("source"));
        }
        tx.commit().await?;
        tracing::info!(source_id = %id.0, "knowledge source deleted");
        Ok(Done::NoContent)
    }

    /// Fetch (or process) a source again. Its current chunks answer until the new ones
    /// are ready.
    #[oai(
        path = "/knowledge/sources/:id/refetch",
        method = "post",
        operation_id = "refetchKnowledgeSource"
    )]
    async fn refetch(&self, member: Member<Admin>, id: Path<SourceId>) -> ApiResult<Requeued> {
        let mut tx = member.tx;
        if !repo::knowledge::requeue(&mut tx, id.0).await? {
            return Err(ApiError::NotFound("source"));
        }
        let tenant_id = tx.tenant_id();
        enqueue_ingest(
            &mut tx,
            &IngestJob {
                tenant_id,
                source_id: id.0,
            },
        )
        .await?;
        let row = repo::knowledge::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("source"))?;
        tx.commit().await?;
        Ok(Requeued::Accepted(Json(row.into())))
    }

    /// Set a web source's scheduled refetch (`daily`, `weekly`), or clear it (`{}`); the
    /// next one is a period from now. Pasted text and files have nothing to refetch.
    #[oai(
        path = "/knowledge/sources/:id/schedule",
        method = "put",
        operation_id = "setKnowledgeSchedule"
    )]
    async fn schedule(
        &self,
        member: Member<Admin>,
        id: Path<SourceId>,
        body: JsonBody<ScheduleRequest>,
    ) -> ApiResult<Json<SourceView>> {
        let mut tx = member.tx;
        let source = repo::knowledge::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("source"))?;
        if body.0.refetch.is_some() && !source.kind.is_web() {
            return Err(ApiError::validation(
                "refetch",
                "only web sources (a page, a sitemap, a crawl) are refetched",
            ));
        }
        repo::knowledge::set_refetch(&mut tx, id.0, body.0.refetch).await?;
        let row = repo::knowledge::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("source"))?;
        tx.commit().await?;
        Ok(Json(row.into()))
    }

    /// Let an assistant answer from a source.
    #[oai(
        path = "/knowledge/sources/:id/assistants/:assistantId",
        method = "put",
        operation_id = "attachKnowledgeSource"
    )]
    async fn attach(
        &self,
        member: Member<Admin>,
        id: Path<SourceId>,
        #[oai(name = "assistantId")] assistant_id: Path<AssistantId, name::AssistantId>,
    ) -> ApiResult<Done> {
        let mut tx = member.tx;
        repo::knowledge::get(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("source"))?;
        attach(&mut tx, id.0, assistant_id.0).await?;
        tx.commit().await?;
        Ok(Done::NoContent)
    }

    /// Stop an assistant answering from a source.
    #[oai(
        path = "/knowledge/sources/:id/assistants/:assistantId",
        method = "delete",
        operation_id = "detachKnowledgeSource"
    )]
    async fn detach(
        &self,
        member: Member<Admin>,
        id: Path<SourceId>,
        #[oai(name = "assistantId")] assistant_id: Path<AssistantId, name::AssistantId>,
    ) -> ApiResult<Done> {
        let mut tx = member.tx;
        if !repo::knowledge::detach(&mut tx, id.0, assistant_id.0).await? {
            return Err(ApiError::NotFound("attachment"));
        }
        tx.commit().await?;
        Ok(Done::NoContent)
    }

    /// Try retrieval: the chunks an assistant would be given for a question, with scores.
    #[oai(
        path = "/knowledge/assistants/:assistantId/try",
        method = "post",
        operation_id = "tryKnowledge"
    )]
    async fn try_it(
        &self,
        state: Data<&AppState>,
        member: Member<Agent>,
        #[oai(name = "assistantId")] assistant_id: Path<AssistantId, name::AssistantId>,
        body: JsonBody<TryRequest>,
    ) -> ApiResult<Json<TryResponse>> {
        let question = body.0.question;
        let limit = body.0.limit.unwrap_or(6).clamp(1, 20) as usize;
        let vector = local_query_vector(&state, &question);
        let mut tx = member.tx;
        repo::assistants::get(&mut tx, assistant_id.0)
            .await?
            .ok_or(ApiError::NotFound("assistant"))?;
        let hits = retrieve::search(
            &mut tx,
            assistant_id.0,
            &question,
            vector.as_deref().map(|vector| QueryVector {
                vector,
                model: embedding::MODEL,
                index_from_chunks: state.config.worker.knowledge.vector_index_from_chunks,
            }),
            limit,
        )
        .await?;
        tx.commit().await?;
        let mode = if hits.iter().any(|h| h.vector_score.is_some()) {
            "hybrid"
        } else {
            "full_text"
        };
        Ok(Json(TryResponse {
            mode: mode.into(),
            data: hits.into_iter().map(Into::into).collect(),
        }))
    }

    /// Whether an assistant answers only from its knowledge base.
    #[oai(
        path = "/knowledge/assistants/:assistantId/settings",
        method = "get",
        operation_id = "getKnowledgeSettings"
    )]
    async fn settings(
        &self,
        member: Member<Agent>,
        #[oai(name = "assistantId")] assistant_id: Path<AssistantId, name::AssistantId>,
    ) -> ApiResult<Json<KnowledgeSettings>> {
        let mut tx = member.tx;
        repo::assistants::get(&mut tx, assistant_id.0)
            .await?
            .ok_or(ApiError::NotFound("assistant"))?;
        let knowledge_only = repo::knowledge::knowledge_only(&mut tx, assistant_id.0).await?;
        tx.commit().await?;
        Ok(Json(KnowledgeSettings { knowledge_only }))
    }

    /// Answer only from the knowledge base, or also from general knowledge.
    #[oai(
        path = "/knowledge/assistants/:assistantId/settings",
        method = "put",
        operation_id = "updateKnowledgeSettings"
    )]
    async fn set_settings(
        &self,
        member: Member<Admin>,
        #[oai(name = "assistantId")] assistant_id: Path<AssistantId, name::AssistantId>,
        body: JsonBody<KnowledgeSettings>,
    ) -> ApiResult<Json<KnowledgeSettings>> {
        let mut tx = member.tx;
        if !repo::knowledge::set_knowledge_only(&mut tx, assistant_id.0, body.0.knowledge_only)
            .await?
        {
            return Err(ApiError::NotFound("assistant"));
        }
        tx.commit().await?;
        Ok(Json(body.0))
    }

    /// The sources each reply of a chat was given, with their scores.
    #[oai(
        path = "/knowledge/chats/:id/sources",
        method = "get",
        operation_id = "listChatSources"
    )]
    async fn chat_sources(
        &self,
        member: Member<Agent>,
        id: Path<ChatId>,
    ) -> ApiResult<Json<MessageSourceList>> {
        let mut tx = member.tx;
        repo::chats::access(&mut tx, id.0)
            .await?
            .ok_or(ApiError::NotFound("chat"))?;
        let rows = repo::knowledge::sources_of_chat(&mut tx, id.0).await?;
        tx.commit().await?;
        Ok(Json(MessageSourceList {
            data: rows.into_iter().map(Into::into).collect(),
        }))
    }
}

/// A source's title: the one given (trimmed) or else `fallback` (the URL, the file's
/// name), cut to the column's 200 characters.
fn source_title(given: Option<&str>, fallback: &str) -> String {
    given
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(fallback)
        .chars()
        .take(200)
        .collect()
}
