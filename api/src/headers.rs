//! Headers every response carries, whatever produced it (a route, the file server, or an
//! error): `X-Content-Type-Options`, `Referrer-Policy`, `X-Frame-Options`; a
//! Content-Security-Policy on every HTML page; `Cache-Control: no-store` on API answers
//! that do not choose a cache policy themselves (sessions, tokens, tenant data).
//!
//! The pages allow no inline script and no foreign script origin, so a stored or
//! reflected payload cannot run on the dashboard's origin, where the admin's bearer token
//! lives. Styles may be inline: the widget (which the dashboard draws for its test chat)
//! puts its CSS in `<style>` elements inside its shadow root, and the docs bundle injects
//! its own.

use poem::{
    Endpoint, IntoResponse, Request, Response,
    http::{HeaderValue, header},
};

use tracing::Instrument;

use crate::error::ApiError;

/// The policies, built once from the configuration.
pub struct Policies {
    /// The dashboard, its client-side routes, the widget's pages, and the page saying a
    /// front end is not built.
    pages: HeaderValue,
    /// `/api/docs`: the reference UI; the same, except that it may load its images and
    /// fonts from `data:` and `blob:` URLs it makes itself.
    docs: HeaderValue,
}

impl Policies {
    /// `connect_to` are the origins the pages talk to besides their own: the realtime
    /// node (over HTTP for polling and over WebSocket).
    pub fn new(connect_to: &[String]) -> Self {
        let connect = std::iter::once("'self'".to_owned())
            .chain(connect_to.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        let page = |img: &str| {
            format!(
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                 img-src {img}; font-src 'self' data:; connect-src {connect}; \
                 object-src 'none'; base-uri 'none'; form-action 'self'; \
                 frame-ancestors 'none'"
            )
        };
        Self {
            pages: HeaderValue::try_from(page("'self' data:"))
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'")),
            docs: HeaderValue::try_from(page("'self' data: blob:"))
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'")),
        }
    }

    fn for_path(&self, path: &str) -> &HeaderValue {
        if path == "/api/docs" || path.starts_with("/api/docs/") {
            &self.docs
        } else {
            &self.pages
        }
    }
}

/// The origins a page served for `realtime` must be allowed to connect to: the URL's
/// origin in its HTTP and its WebSocket form.
pub fn realtime_sources(realtime: &url::Url) -> Vec<String> {
    let origin = realtime.origin().ascii_serialization();
    let ws = if let Some(rest) = origin.strip_prefix("https://") {
        format!("wss://{rest}")
    } else if let Some(rest) = origin.strip_prefix("http://") {
        format!("ws://{rest}")
    } else {
        return Vec::new();
    };
    vec![origin, ws]
}

/// The methods each API path template answers, read from the published spec, for the
/// `Allow` header of a 405.
#[derive(Default)]
pub struct AllowedMethods(Vec<(Vec<String>, String)>);

impl AllowedMethods {
    /// From the spec's `paths` (relative to `prefix`).
    pub fn from_spec(spec_json: &str, prefix: &str) -> Self {
        let spec: serde_json::Value = serde_json::from_str(spec_json).unwrap_or_default();
        let mut routes = Vec::new();
        if let Some(paths) = spec.get("paths").and_then(|p| p.as_object()) {
            for (path, ops) in paths {
                let mut methods: Vec<String> = ops
                    .as_object()
                    .map(|o| {
                        o.keys()
                            .filter(|m| {
                                ["get", "post", "put", "patch", "delete"].contains(&m.as_str())
                            })
                            .map(|m| m.to_ascii_uppercase())
                            .collect()
                    })
                    .unwrap_or_default();
                if methods.iter().any(|m| m == "GET") {
                    methods.push("HEAD".into());
                }
                let full = format!("{prefix}{path}");
                routes.push((segments(&full), methods.join(", ")));
            }
        }
        Self(routes)
    }

    /// What `path` allows: an API route's methods, or GET and HEAD for the files.
    ///
    /// Of the templates that match, the one with the most literal segments wins, as in
    /// the router: `/invitations/preview` is its own route, not `/invitations/{id}`.
    fn for_path(&self, path: &str) -> &str {
        let wanted = segments(path);
        self.0
            .iter()
            .filter(|(template, _)| {
                template.len() == wanted.len()
                    && template
                        .iter()
                        .zip(&wanted)
                        .all(|(t, w)| t.starts_with('{') || t == w)
            })
            .max_by_key(|(template, _)| template.iter().filter(|t| !t.starts_with('{')).count())
            .map_or("GET, HEAD", |(_, methods)| methods.as_str())
    }
}

fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Wraps the whole application: turns errors into the API's envelope (so they get the
/// headers too) and sets the headers.
pub struct Hardened<E> {
    pub inner: E,
    pub policies: Policies,
    pub api_prefix: &'static str,
    /// `MAX_BODY_BYTES`: a larger declared `Content-Length` is refused before any of
    /// the body is read.
    pub max_body_bytes: usize,
    pub allowed: AllowedMethods,
}

impl<E: Endpoint> Endpoint for Hardened<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let path = req.uri().path().to_owned();
        // poem's own `Tracing` logs the whole URI, query values included (tokens,
        // e-mails, search text): the span here names the parameters only.
        let span = tracing::info_span!(
            "request",
            method = %req.method(),
            target = %kremna_shared::net::redacted_target(&path, req.uri().query()),
        );
        let started = std::time::Instant::now();
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let too_large = declared.is_some_and(|n| n > self.max_body_bytes as u64);
        let limit = self.max_body_bytes;
        let mut resp = async {
            if too_large {
                // Answer at once and close: waiting for a gigabyte that may never come
                // would hold the connection.
                let mut resp = ApiError::PayloadTooLarge { limit }.into_response();
                resp.headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
                return resp;
            }
            match self.inner.call(req).await {
                Ok(resp) => resp.into_response(),
                Err(err) => ApiError::from_poem(err).into_response(),
            }
        }
        .instrument(span.clone())
        .await;
        span.in_scope(|| {
            tracing::info!(
                status = resp.status().as_u16(),
                duration_ms = started.elapsed().as_millis(),
                "response"
            );
        });
        let status = resp.status();
        let headers = resp.headers_mut();
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        let is_html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("text/html"));
        if is_html {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                self.policies.for_path(&path).clone(),
            );
        }
        if status == poem::http::StatusCode::METHOD_NOT_ALLOWED
            && !headers.contains_key(header::ALLOW)
            && let Ok(allow) = HeaderValue::from_str(self.allowed.for_path(&path))
        {
            headers.insert(header::ALLOW, allow);
        }
        if path.starts_with(self.api_prefix) && !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        Ok(resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realtime_is_allowed_over_http_and_websocket() {
        let url = url::Url::parse("https://rt.example.com:8443/socket").unwrap();
        assert_eq!(
            realtime_sources(&url),
            ["https://rt.example.com:8443", "wss://rt.example.com:8443"]
        );
        let policies = Policies::new(&realtime_sources(&url));
        let page = policies.for_path("/").to_str().unwrap();
        assert!(page.contains("script-src 'self';"), "{page}");
        assert!(
            page.contains(
                "connect-src 'self' https://rt.example.com:8443 wss://rt.example.com:8443;"
            )
        );
        assert!(page.contains("frame-ancestors 'none'"));
        assert!(!page.contains("unsafe-eval"));
    }

    /// A literal path is its own route even when a `{id}` template of the same length
    /// comes first in the spec (schemathesis found `Allow: DELETE` on a 405 for
    /// `/invitations/preview`).
    #[test]
    fn the_most_literal_template_says_what_is_allowed() {
        let spec = r#"{"paths": {
            "/invitations/{id}": {"delete": {}},
            "/invitations/preview": {"post": {}},
            "/knowledge/sources/{id}/assistants/{assistantId}": {"put": {}, "delete": {}}
        }}"#;
        let allowed = AllowedMethods::from_spec(spec, "/api/v1");
        assert_eq!(allowed.for_path("/api/v1/invitations/preview"), "POST");
        assert_eq!(allowed.for_path("/api/v1/invitations/abc"), "DELETE");
        assert_eq!(
            allowed.for_path("/api/v1/knowledge/sources/a/assistants/b"),
            "PUT, DELETE"
        );
        assert_eq!(allowed.for_path("/index.html"), "GET, HEAD");
    }
}
