//! The built dashboard and widget, served from memory: every file is read once at
//! start-up and compressed once (brotli and gzip, kept when they save bytes), then each
//! request gets the best encoding it accepts, an ETag, and a cache policy that fits the
//! file (hashed assets forever; the widget's loader for minutes; pages never stale).
//!
//! Dozens of customer sites load `embed.js` and `chat.js` on every page view: compressing
//! per request would spend CPU on the same bytes millions of times.

mod cache;
mod encoding;
mod store;

use std::sync::Arc;

use poem::{
    Endpoint, Request, Response,
    http::{Method, StatusCode, header},
};

pub use store::{Asset, AssetStore};

use cache::cache_control;
use encoding::{Encoding, preferred};

/// Serves an [`AssetStore`]; `spa` sends unknown extension-less paths to `index.html`
/// (the dashboard's client-side routes).
pub struct Assets {
    store: Arc<AssetStore>,
    spa: bool,
}

impl Assets {
    pub fn new(store: AssetStore, spa: bool) -> Self {
        Self {
            store: Arc::new(store),
            spa,
        }
    }

    /// The file for a request path, and the path it was found under.
    fn find<'a>(&'a self, path: &'a str) -> Option<(&'a str, &'a Asset)> {
        let path = path.trim_start_matches('/');
        let path = if path.is_empty() { "index.html" } else { path };
        if let Some(asset) = self.store.get(path) {
            return Some((path, asset));
        }
        let looks_like_a_route = !path.rsplit('/').next().unwrap_or("").contains('.');
        if self.spa && looks_like_a_route {
            return self.store.get("index.html").map(|a| ("index.html", a));
        }
        None
    }
}

impl Endpoint for Assets {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return Err(poem::Error::from_status(StatusCode::METHOD_NOT_ALLOWED));
        }
        let Some((path, asset)) = self.find(req.uri().path()) else {
            return Err(poem::Error::from_status(StatusCode::NOT_FOUND));
        };
        let mut response = Response::builder()
            .header(header::CONTENT_TYPE, asset.content_type.as_str())
            .header(header::ETAG, asset.etag.as_str())
            .header(header::CACHE_CONTROL, cache_control(path))
            .header(header::VARY, "Accept-Encoding");
        let not_modified = req
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|t| t.trim() == asset.etag));
        if not_modified {
            return Ok(response.status(StatusCode::NOT_MODIFIED).finish());
        }
        let accept = req
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let (encoding, body) = match preferred(accept, asset.brotli.is_some(), asset.gzip.is_some())
        {
            Encoding::Brotli => (Some("br"), asset.brotli.clone()),
            Encoding::Gzip => (Some("gzip"), asset.gzip.clone()),
            Encoding::Identity => (None, None),
        };
        if let Some(encoding) = encoding {
            response = response.header(header::CONTENT_ENCODING, encoding);
        }
        let body = body.unwrap_or_else(|| asset.raw.clone());
        response = response.header(header::CONTENT_LENGTH, body.len());
        if req.method() == Method::HEAD {
            return Ok(response.finish());
        }
        Ok(response.body(body))
    }
}
