//! `/api/docs`: the Scalar reference for the published spec. The page loads its script
//! from a file and the spec from `/api/v1/openapi.json`, so it runs under a
//! Content-Security-Policy without inline script (poem-openapi's own page inlines both).

use std::sync::Arc;

use poem::{
    Endpoint, EndpointExt, IntoResponse, Route, endpoint::make_sync, get, http::header, web::Html,
};

const PAGE: &str = r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Kremna API reference</title>
  </head>
  <body>
    <script id="api-reference" data-url="/api/v1/openapi.json"></script>
    <script src="/api/docs/scalar.js" charset="utf-8"></script>
  </body>
</html>
"#;

const SCRIPT_START: &str = r#"<script charset="UTF-8">"#;

/// The docs page and the Scalar bundle poem-openapi ships.
pub struct Docs {
    script: Arc<str>,
}

impl Docs {
    /// Takes the bundle out of poem-openapi's self-contained page.
    pub fn new(scalar_html: &str) -> Self {
        let script = scalar_html
            .split_once(SCRIPT_START)
            .and_then(|(_, rest)| rest.rsplit_once("</script>"))
            .map_or("", |(script, _)| script);
        Self {
            script: Arc::from(script),
        }
    }

    pub fn endpoint(self) -> impl Endpoint {
        let script = self.script;
        Route::new()
            .at("/", get(make_sync(|_| Html(PAGE))))
            .at(
                "/scalar.js",
                get(make_sync(move |_| {
                    script
                        .to_string()
                        .with_content_type("text/javascript; charset=utf-8")
                        .with_header(header::CACHE_CONTROL, "public, max-age=3600")
                })),
            )
            .map_to_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_script_out_of_the_inline_page() {
        let html = format!(
            "<html><body><script>{{}}</script>{SCRIPT_START}var x = 1;</script></body></html>"
        );
        assert_eq!(&*Docs::new(&html).script, "var x = 1;");
    }
}
