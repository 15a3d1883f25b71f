//! Fetching one web page for the knowledge base: http(s) only, a size limit, a time
//! limit, at most five redirects, and (unless `KNOWLEDGE_FETCH_PRIVATE`) no address on
//! the internal network — each hop's host is resolved, checked and pinned, so a name
//! cannot resolve to a public address for the check and a private one for the fetch.

use std::{net::SocketAddr, time::Duration};

use futures::StreamExt;
use kremna_shared::config::KnowledgeConfig;
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
    let mut url = Url::parse(url)
        .map_err(|_| Failure::new(format!("“{url}” is not a valid web address.")))?;
    let deadline = tokio::time::Instant::now() + config.fetch_timeout;
    for _ in 0..=MAX_REDIRECTS {
        let outcome = tokio::time::timeout_at(deadline, hop(&url, config)).await;
        let outcome = outcome.map_err(|_| timeout(config.fetch_timeout))?;
        match outcome? {
            Hop::Page(page) => return Ok(page),
            Hop::Redirect(next) => url = next,
        }
    }
    Err(Failure::new(format!(
        "The page redirected more than {MAX_REDIRECTS} times."
    )))
}

fn timeout(limit: Duration) -> Failure {
    Failure::new(format!(
        "The page did not answer within {} seconds.",
        limit.as_secs()
    ))
}

enum Hop {
    Page(Page),
    Redirect(Url),
}

async fn hop(url: &Url, config: &KnowledgeConfig) -> Result<Hop, Failure> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Failure::new(
            "Only http and https addresses can be fetched.".into(),
        ));
    }
    let host = url
        .host_str()
        .ok_or_else(|| Failure::new("The address has no host.".into()))?
        .to_owned();
    let port = url.port_or_known_default().unwrap_or(80);
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.trim_matches(['[', ']']), port))
        .await
        .map_err(|_| Failure::new(format!("The host “{host}” could not be found.")))?
        .collect();
    let Some(addr) = addrs.first().copied() else {
        return Err(Failure::new(format!(
            "The host “{host}” could not be found."
        )));
    };
    if !config.fetch_private && addrs.iter().any(|a| is_internal(a.ip())) {
        return Err(Failure::new(format!(
            "The host “{host}” is on a private network, which Kremna does not fetch from."
        )));
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .resolve(host.trim_matches(['[', ']']), addr)
        .user_agent("KremnaKnowledgeBot/1.0")
        .build()
        .map_err(|_| Failure::new("The page could not be fetched.".into()))?;
    let response = client
        .get(url.clone())
        .header(
            "accept",
            "text/html, text/markdown, text/plain;q=0.9, */*;q=0.1",
        )
        .send()
        .await
        .map_err(|err| {
            if err.is_connect() {
                Failure::new(format!("The site “{host}” refused the connection."))
            } else {
                Failure::new(format!("The page could not be fetched from “{host}”."))
            }
        })?;
    let status = response.status();
    if status.is_redirection() {
        let next = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .and_then(|l| url.join(l).ok())
            .ok_or_else(|| Failure::new("The page redirected to an invalid address.".into()))?;
        return Ok(Hop::Redirect(next));
    }
    if !status.is_success() {
        return Err(Failure::new(
            format!(
                "The page answered {} {}.",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .replace(" .", "."),
        ));
    }
    let too_big = || {
        Failure::new(format!(
            "The page is larger than the limit of {} KB.",
            config.max_bytes / 1000
        ))
    };
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
        let piece = piece.map_err(|_| Failure::new("The page stopped half-way.".into()))?;
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
