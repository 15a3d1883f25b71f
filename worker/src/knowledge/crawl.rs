//! Web sources beyond one page: a sitemap (or a sitemap index) and a same-site crawl
//! from a start page, both up to a page limit, both reading robots.txt first (our
//! product token's group, else `*`), both staying on the start URL's origin. Every
//! request goes through [`fetch::fetch`]: the outbound guard, the size limit, the
//! timeout. A page that fails (404, over the size limit, an unreadable type) fails on
//! its own, with its code; the others are kept.

use std::collections::{HashSet, VecDeque};

use kremna_shared::{config::KnowledgeConfig, domain::KnowledgeFailure as F};
use url::Url;

use super::{
    Failure,
    fetch::{self, Page},
    robots::Robots,
    sitemap::{self, Sitemap},
};

/// How the pages of a site source are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The URL is a sitemap (or an index of sitemaps).
    Sitemap,
    /// The URL is a start page; links are followed on the same site.
    Site,
}

/// One page's outcome: fetched, or why not.
pub struct Visited {
    pub url: String,
    pub result: Result<Page, Failure>,
}

/// Nested sitemaps an index may point to (and are read).
const MAX_SITEMAPS: usize = 20;

/// Crawls `start` and returns every page visited (or refused by robots.txt) in order,
/// at most `max_pages` fetched. An error here is the source's: its robots.txt or
/// sitemap could not be read.
pub async fn crawl(
    start: &str,
    mode: Mode,
    max_pages: usize,
    config: &KnowledgeConfig,
) -> Result<Vec<Visited>, Failure> {
    let start = Url::parse(start).map_err(|_| Failure::new(F::InvalidUrl))?;
    let robots = robots(&start, config).await?;
    let mut visited = Vec::new();
    let mut fetched = 0;
    match mode {
        Mode::Sitemap => {
            for url in sitemap_pages(&start, config).await? {
                if fetched >= max_pages {
                    break;
                }
                if !robots.allows(&path_of(&url)) {
                    visited.push(refused(&url));
                    continue;
                }
                fetched += 1;
                let result = fetch::fetch(url.as_str(), config).await;
                visited.push(Visited {
                    url: url.to_string(),
                    result,
                });
            }
        }
        Mode::Site => {
            let mut queue = VecDeque::from([normalise(start.clone())]);
            let mut seen: HashSet<String> = queue.iter().map(Url::to_string).collect();
            while let Some(url) = queue.pop_front() {
                if fetched >= max_pages {
                    break;
                }
                if !robots.allows(&path_of(&url)) {
                    visited.push(refused(&url));
                    continue;
                }
                fetched += 1;
                let result = fetch::fetch(url.as_str(), config).await;
                if let Ok(page) = &result
                    && is_html(page)
                {
                    let html = String::from_utf8_lossy(&page.bytes);
                    for link in links(&html) {
                        let Ok(next) = page.url.join(&link) else {
                            continue;
                        };
                        let next = normalise(next);
                        if next.origin() == start.origin()
                            && looks_like_a_page(&next)
                            && seen.insert(next.to_string())
                        {
                            queue.push_back(next);
                        }
                    }
                }
                visited.push(Visited {
                    url: url.to_string(),
                    result,
                });
            }
        }
    }
    Ok(visited)
}

fn refused(url: &Url) -> Visited {
    Visited {
        url: url.to_string(),
        result: Err(Failure::new(F::RobotsDisallowed)),
    }
}

/// The path and query robots.txt rules are matched against.
fn path_of(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

/// The site's robots.txt: none (a 4xx) allows everything; one that cannot be read
/// otherwise (a 5xx, a timeout) fails the source, as RFC 9309 says to assume a full
/// disallow then.
async fn robots(start: &Url, config: &KnowledgeConfig) -> Result<Robots, Failure> {
    let Ok(url) = start.join("/robots.txt") else {
        return Err(Failure::new(F::InvalidUrl));
    };
    match fetch::fetch(url.as_str(), config).await {
        Ok(page) => Ok(Robots::parse(&String::from_utf8_lossy(&page.bytes))),
        Err(f) if f.code == F::HttpStatus && f.params.status.is_some_and(|s| s < 500) => {
            Ok(Robots::allow_all())
        }
        Err(f) => Err(f),
    }
}

/// The page URLs of a sitemap (following an index one level down), on the sitemap's
/// origin, without duplicates, in the order listed.
async fn sitemap_pages(start: &Url, config: &KnowledgeConfig) -> Result<Vec<Url>, Failure> {
    let page = fetch::fetch(start.as_str(), config).await?;
    let mut locs = match sitemap::parse(&page.bytes) {
        Some(Sitemap::Pages(locs)) => locs,
        Some(Sitemap::Index(children)) => {
            let mut locs = Vec::new();
            for child in children
                .iter()
                .filter_map(|c| start.join(c).ok())
                .filter(|c| c.origin() == start.origin())
                .take(MAX_SITEMAPS)
            {
                // A nested sitemap that cannot be read loses its pages, not the others.
                let Ok(page) = fetch::fetch(child.as_str(), config).await else {
                    continue;
                };
                if let Some(Sitemap::Pages(more)) = sitemap::parse(&page.bytes) {
                    locs.extend(more);
                }
            }
            locs
        }
        None => return Err(Failure::new(F::InvalidSitemap)),
    };
    let mut seen = HashSet::new();
    locs.retain(|l| seen.insert(l.clone()));
    Ok(locs
        .iter()
        .filter_map(|l| start.join(l).ok())
        .map(normalise)
        .filter(|u| u.origin() == start.origin())
        .collect())
}

/// Without its fragment (`#section` is the same page).
fn normalise(mut url: Url) -> Url {
    url.set_fragment(None);
    url
}

fn is_html(page: &Page) -> bool {
    page.media_type
        .as_deref()
        .is_some_and(|m| m.to_ascii_lowercase().contains("html"))
}

/// Skips links to files no crawl reads (images, archives, media).
fn looks_like_a_page(url: &Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e);
    !matches!(
        ext,
        Some(
            "png"
                | "jpg"
                | "jpeg"
                | "gif"
                | "webp"
                | "svg"
                | "ico"
                | "css"
                | "js"
                | "zip"
                | "gz"
                | "tar"
                | "mp3"
                | "mp4"
                | "webm"
                | "woff"
                | "woff2"
                | "ttf"
                | "xml"
        )
    )
}

/// The `href` of every `<a>` in `html`, entities decoded.
pub fn links(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<a") {
        let start = from + at + 2;
        let Some(end) = lower[start..].find('>').map(|e| start + e) else {
            break;
        };
        from = end;
        if !lower[start..].starts_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let tag = &html[start..end];
        let tag_lower = &lower[start..end];
        let Some(h) = tag_lower.find("href") else {
            continue;
        };
        let rest = tag[h + 4..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or(""),
        };
        let value = kremna_shared::knowledge::extract::decode_entities(value.trim());
        if !value.is_empty() && !value.starts_with('#') {
            out.push(value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_in_html() {
        let html = r##"<nav><A HREF="/hours">Hours</A> <a class=x href='/a?x=1&amp;y=2'>a</a>
            <a href=/plain>p</a> <abbr>no</abbr> <a name="top">anchor</a> <a href="#top">top</a></nav>"##;
        assert_eq!(links(html), vec!["/hours", "/a?x=1&y=2", "/plain"]);
    }

    #[test]
    fn skips_files_that_are_not_pages() {
        let base = Url::parse("https://shop.example/").unwrap_or_else(|_| unreachable!());
        let page = |p: &str| base.join(p).unwrap_or_else(|_| unreachable!());
        assert!(looks_like_a_page(&page("/hours")));
        assert!(looks_like_a_page(&page("/menu.pdf")));
        assert!(!looks_like_a_page(&page("/logo.png")));
    }
}
