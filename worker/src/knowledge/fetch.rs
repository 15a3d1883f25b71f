//! Fetching one web page for the knowledge base: http(s) only, a size limit, a time
//! limit, at most five redirects, and (unless `KNOWLEDGE_FETCH_PRIVATE`) no address on
//! the internal network — each hop's host is resolved, checked and pinned, so a name
//! cannot resolve to a public address for the check and a private one for the fetch.

use std::{net::SocketAddr, time::Duration};

use futures::StreamExt;
use kremna_shared::{config::KnowledgeConfig, domain::KnowledgeFailure as F};
use url::Url;

use super::Failure;

const MAX_REDIRECTS: usize = 5;

/// A fetched page: its bytes, its media type and the URL it was finally read from.
pub struct Page {
    pub bytes: Vec<u8>,
    pub media_type: Option<String>,
    pub url: Url,
}

pub async fn fetch(url: &str, config: &KnowledgeConfig) -> Result<Page, Failure> {
    let mut url = Url::parse(url).map_err(|_| Failure::new(F::InvalidUrl))?;
    let deadline = tokio::time::Instant::now() + config.fetch_timeout;
    for _ in 0..=MAX_REDIRECTS {
        let outcome = tokio::time::timeout_at(deadline, hop(&url, config)).await;
        let outcome = outcome.map_err(|_| timeout(config.fetch_timeout))?;
        match outcome? {
            Hop::Page(page) => return Ok(page),
            Hop::Redirect(next) => url = next,
        }
    }
    Err(Failure::limit(F::TooManyRedirects, MAX_REDIRECTS))
}

fn timeout(limit: Duration) -> Failure {
    Failure::limit(F::Timeout, limit.as_secs())
}

enum Hop {
    Page(Page),
    Redirect(Url),
}

async fn hop(url: &Url, config: &KnowledgeConfig) -> Result<Hop, Failure> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Failure::new(F::UnsupportedScheme));
    }
    let host = url
        .host_str()
        .ok_or(Failure::new(F::InvalidUrl))?
        .to_owned();
    let port = url.port_or_known_default().unwrap_or(80);
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.trim_matches(['[', ']']), port))
        .await
        .map_err(|_| Failure::new(F::HostNotFound))?
        .collect();
    let Some(addr) = addrs.first().copied() else {
        return Err(Failure::new(F::HostNotFound));
    };
    if !config.fetch_private && addrs.iter().any(|a| is_internal(a.ip())) {
        return Err(Failure::new(F::PrivateNetwork));
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .resolve(host.trim_matches(['[', ']']), addr)
        .user_agent(super::robots::USER_AGENT)
        .build()
        .map_err(|_| Failure::new(F::FetchFailed))?;
    let response = client
        .get(url.clone())
        .header(
            "accept",
            "text/html, text/markdown, application/pdf, text/plain;q=0.9, */*;q=0.1",
        )
        .send()
        .await
        .map_err(|err| {
            if err.is_connect() {
                Failure::new(F::ConnectionRefused)
            } else {
                Failure::new(F::FetchFailed)
            }
        })?;
    let status = response.status();
    if status.is_redirection() {
        let next = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .and_then(|l| url.join(l).ok())
            .ok_or(Failure::new(F::BadRedirect))?;
        return Ok(Hop::Redirect(next));
    }
    if !status.is_success() {
        return Err(Failure::status(F::HttpStatus, status.as_u16()));
    }
    let too_big = || Failure::limit(F::TooLarge, config.max_bytes);
    if response
        .content_length()
        .is_some_and(|n| n > config.max_bytes as u64)
    {
        return Err(too_big());
    }
    let media_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut bytes = Vec::new();
    let mut body = response.bytes_stream();
    while let Some(piece) = body.next().await {
        let piece = piece.map_err(|_| Failure::new(F::Interrupted))?;
        if bytes.len() + piece.len() > config.max_bytes {
            return Err(too_big());
        }
        bytes.extend_from_slice(&piece);
    }
    Ok(Hop::Page(Page {
        bytes,
        media_type,
        url: url.clone(),
    }))
}

/// The one list of internal ranges, shared with webhook delivery.
pub use kremna_shared::outbound::is_internal;
