//! Names path parameters in errors. poem-openapi extracts path segments under internal
//! names (`param0`, `param1`…), so its parse errors cannot say "`id` must be a UUID".
//! A middleware keeps the request path in a task-local while the endpoint runs; the
//! error mapping then finds the route template that matches it (from the spec) and
//! reads the real name of the n-th parameter.

use std::sync::LazyLock;

use poem::{Endpoint, IntoResponse, Request, Response};

use crate::{
    app::{API_PREFIX, openapi_service},
    error::ApiError,
};

tokio::task_local! {
    static REQUEST_PATH: String;
}

/// A route template's segments: `Some(name)` for a `{name}` parameter.
type Template = Vec<(String, Option<String>)>;

static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
    let spec: serde_json::Value =
        serde_json::from_str(&openapi_service().spec()).unwrap_or_default();
    spec["paths"]
        .as_object()
        .map(|paths| {
            paths
                .keys()
                .map(|path| {
                    path.trim_matches('/')
                        .split('/')
                        .map(|seg| {
                            let param = seg
                                .strip_prefix('{')
                                .and_then(|s| s.strip_suffix('}'))
                                .map(str::to_owned);
                            (seg.to_owned(), param)
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
});

/// The public name of poem-openapi's internal path parameter `internal` for the
/// request being handled; `internal` itself when it cannot be resolved.
pub fn public_name(internal: &str) -> String {
    let Some(index) = internal
        .strip_prefix("param")
        .and_then(|n| n.parse::<usize>().ok())
    else {
        return internal.to_owned();
    };
    REQUEST_PATH
        .try_with(|path| {
            let path = path.strip_prefix(API_PREFIX).unwrap_or(path);
            let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
            TEMPLATES.iter().find_map(|template| {
                let matches = template.len() == segments.len()
                    && template
                        .iter()
                        .zip(&segments)
                        .all(|((literal, param), seg)| param.is_some() || literal == seg);
                matches
                    .then(|| template.iter().filter_map(|(_, p)| p.clone()).nth(index))
                    .flatten()
            })
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| internal.to_owned())
}

/// Runs `ep` with the request's path available to [`public_name`], and shapes its
/// errors while the path is still known (poem-openapi lets path errors escape).
pub async fn remember_path<E: Endpoint>(ep: E, req: Request) -> poem::Result<Response> {
    let path = req.original_uri().path().to_owned();
    REQUEST_PATH
        .scope(path, async move {
            Ok(match ep.call(req).await {
                Ok(response) => response.into_response(),
                Err(err) => ApiError::from_poem(err).into_response(),
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn resolves_names_from_the_route_templates() {
        assert!(!TEMPLATES.is_empty());
        let resolve = |path: &'static str, internal: &'static str| {
            REQUEST_PATH.scope(path.to_owned(), async move { public_name(internal) })
        };
        assert_eq!(resolve("/api/v1/assistants/xyz", "param0").await, "id");
        assert_eq!(
            resolve("/api/v1/chats/assistant/xyz", "param0").await,
            "assistantId"
        );
        assert_eq!(resolve("/api/v1/chats/xyz", "param0").await, "id");
        assert_eq!(public_name("param0"), "param0");
    }
}
