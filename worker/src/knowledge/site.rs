//! Ingesting a sitemap or crawl source: every page found ([`crawl`]) is read like a
//! single page (its format, the size and PDF page limits) and split into chunks that
//! carry the page's address and title. A page that fails is recorded with its code;
//! the source is `ready` when at least one page was read, and its chunk count covers
//! all of them.

use kremna_shared::{
    domain::KnowledgeFailure as F,
    knowledge::{Failure, chunk},
    repo::{self, knowledge::NewPage},
};

use super::{Prepared, WorkerState, crawl, language_of, page_format, read_document};

/// A failed run: why, and the pages it visited (each with its own outcome).
pub struct Failed {
    pub failure: Failure,
    pub pages: Vec<PreparedPage>,
}

impl From<Failure> for Failed {
    fn from(failure: Failure) -> Self {
        Self {
            failure,
            pages: Vec::new(),
        }
    }
}

/// One page of a run.
pub struct PreparedPage {
    pub url: String,
    pub title: Option<String>,
    pub failure: Option<Failure>,
    pub chunk_count: usize,
}

/// The rows to store for `pages`.
pub fn rows(pages: &[PreparedPage]) -> Vec<NewPage<'_>> {
    pages
        .iter()
        .map(|p| NewPage {
            url: &p.url,
            title: p.title.as_deref(),
            failure: p.failure,
            chunk_count: p.chunk_count,
        })
        .collect()
}

pub async fn prepare(
    input: &repo::knowledge::SourceInput,
    mode: crawl::Mode,
    state: &WorkerState,
) -> Result<Prepared, Failed> {
    let config = state.config.worker.knowledge.clone();
    let url = input.url.clone().unwrap_or_default();
    let limit = input
        .page_limit
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(config.max_pages)
        .clamp(1, config.max_pages.max(1));
    let visited = crawl::crawl(&url, mode, limit, &config).await?;
    // Parsing is CPU work (PDFs above all): off the async threads.
    let read = tokio::task::spawn_blocking(move || {
        visited
            .into_iter()
            .map(|v| {
                let read = v.result.and_then(|page| {
                    let format = page_format(&page)?;
                    let (title, blocks) = read_document(&page.bytes, format, &config)?;
                    let chunks = chunk::split(&blocks);
                    if chunks.is_empty() {
                        return Err(Failure::new(F::NoText));
                    }
                    Ok((title, chunks))
                });
                (v.url, read)
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|_| Failure::new(F::FetchFailed))?;

    let mut pages = Vec::with_capacity(read.len());
    let mut chunks = Vec::new();
    let mut chunk_pages = Vec::new();
    for (i, (url, result)) in read.into_iter().enumerate() {
        match result {
            Ok((title, page_chunks)) => {
                pages.push(PreparedPage {
                    url,
                    title,
                    failure: None,
                    chunk_count: page_chunks.len(),
                });
                chunk_pages.extend(std::iter::repeat_n(Some(i), page_chunks.len()));
                chunks.extend(page_chunks);
            }
            Err(failure) => pages.push(PreparedPage {
                url,
                title: None,
                failure: Some(failure),
                chunk_count: 0,
            }),
        }
    }
    if chunks.is_empty() {
        // One page (a crawl's start page) says best why; several say "none could be read".
        let failure = match pages.as_slice() {
            [only] => only.failure.unwrap_or(Failure::new(F::NoPages)),
            _ => Failure::new(F::NoPages),
        };
        return Err(Failed { failure, pages });
    }
    let language = language_of(&chunks, input);
    Ok(Prepared {
        chunks,
        chunk_pages,
        pages,
        language,
        title: None,
    })
}
