//! Assembles the HTTP application: the versioned API, its spec and docs, health
//! checks, and the dashboard and widget files.

use std::sync::Arc;

use poem::{
    Endpoint, EndpointExt, IntoEndpoint, IntoResponse, Route, endpoint::make_sync, get,
    http::Method, middleware::Cors, web::Html,
};
use poem_openapi::OpenApiService;

use crate::{
    assets::{AssetStore, Assets},
    docs,
    extract::{BodyLimit, KeyGate},
    headers::{AllowedMethods, Hardened, Policies, realtime_sources},
    routes::{self, health},
    spec,
    state::AppState,
};

pub const API_PREFIX: &str = "/api/v1";

/// The OpenAPI service. Built once per app (it is also the router); [`openapi_json`]
/// builds one without a server to write the committed spec.
pub fn openapi_service() -> OpenApiService<impl poem_openapi::OpenApi, ()> {
    OpenApiService::new(routes::apis(), "Kremna API", env!("CARGO_PKG_VERSION"))
        .description(
            "Multi-tenant AI chat assistants. Every request acts in one workspace (tenant); \
             another workspace's ids answer 404. Errors share one shape: \
             `{\"error\": {\"code\", \"message\", \"details\"}}`; `code` is one of the \
             `ErrorCode` values.",
        )
        .server(API_PREFIX)
}

/// The spec as published at `/api/v1/openapi.json` and committed in `api/openapi.json`.
pub fn openapi_json() -> String {
    spec::finalize(&openapi_service().spec())
}

pub fn build(state: AppState, front_ends: FrontEnds) -> impl Endpoint {
    let api = openapi_service();
    let spec_json = spec::finalize(&api.spec());
    let allowed = AllowedMethods::from_spec(&spec_json, API_PREFIX);
    let docs = docs::Docs::new(&api.scalar_html());
    let cfg = state.config.clone();

    let mut cors = Cors::new()
        .allow_origin(cfg.platform_origin().as_str())
        .allow_credentials(false)
        .allow_headers([
            "authorization",
            "content-type",
            "x-api-key",
            "idempotency-key",
        ])
        .max_age(600);
    for origin in &cfg.http.cors_allowed_origins {
        cors = cors.allow_origin(origin.as_str());
    }

    let policies = Policies::new(&realtime_sources(&cfg.realtime.public_url));

    let app = Route::new()
        .at(
            format!("{API_PREFIX}/openapi.json"),
            get(make_sync(move |_| {
                spec_json
                    .clone()
                    .with_content_type("application/json; charset=utf-8")
            })),
        )
        .nest(
            API_PREFIX,
            with_cors(api.into_endpoint().with(KeyGate), cors),
        )
        .nest("/api/docs", docs.endpoint())
        .at("/healthz", get(health::healthz))
        .at("/readyz", get(health::readyz))
        .nest(
            "/widget",
            front_end(front_ends.widget, &cfg.http.widget_dir, false),
        )
        .nest(
            "/",
            front_end(front_ends.dashboard, &cfg.http.dashboard_dir, true),
        )
        .data(BodyLimit(cfg.http.max_body_bytes))
        .data(state.jwt.clone())
        .data(state);
    Hardened {
        inner: app,
        policies,
        api_prefix: API_PREFIX,
        max_body_bytes: cfg.http.max_body_bytes,
        allowed,
    }
}

/// CORS per audience: the widget's public routes are read from customers' pages (any
/// origin, no credentials); everything else only from the platform's own origins.
struct ByAudience<P, Q> {
    public: P,
    platform: Q,
}

impl<P: Endpoint, Q: Endpoint> Endpoint for ByAudience<P, Q> {
    type Output = poem::Response;

    async fn call(&self, req: poem::Request) -> poem::Result<poem::Response> {
        if req.uri().path().starts_with(PUBLIC_PREFIX) {
            self.public.call(req).await.map(IntoResponse::into_response)
        } else {
            self.platform
                .call(req)
                .await
                .map(IntoResponse::into_response)
        }
    }
}

/// One API behind two CORS policies, chosen by path.
fn with_cors(api: impl Endpoint + 'static, platform: Cors) -> impl Endpoint {
    let public = Cors::new()
        .allow_methods([Method::GET, Method::OPTIONS])
        .allow_credentials(false)
        .max_age(600);
    let api = Arc::new(api.map_to_response());
    ByAudience {
        public: api.clone().with(public),
        platform: api.with(platform),
    }
}

/// Routes under the API prefix that any page may read.
const PUBLIC_PREFIX: &str = "/widget/";

/// The built front ends, loaded into memory (and compressed) once at start-up.
pub struct FrontEnds {
    pub dashboard: Option<AssetStore>,
    pub widget: Option<AssetStore>,
}

impl FrontEnds {
    /// Reads `DASHBOARD_DIR` and `WIDGET_DIR`; a directory that is missing (not built
    /// yet) gives `None` and a page saying how to build it.
    pub async fn load(dashboard_dir: &str, widget_dir: &str) -> anyhow::Result<Self> {
        Ok(Self {
            dashboard: load_dir(dashboard_dir).await?,
            widget: load_dir(widget_dir).await?,
        })
    }
}

async fn load_dir(dir: &str) -> anyhow::Result<Option<AssetStore>> {
    let path = std::path::PathBuf::from(dir);
    if !path.is_dir() {
        return Ok(None);
    }
    let started = std::time::Instant::now();
    let store = tokio::task::spawn_blocking(move || AssetStore::load(&path))
        .await
        .map_err(|e| anyhow::anyhow!("loading {dir}: {e}"))?
        .map_err(|e| anyhow::anyhow!("reading {dir}: {e}"))?;
    tracing::info!(
        dir,
        files = store.len(),
        elapsed_ms = started.elapsed().as_millis(),
        "front end loaded"
    );
    Ok(Some(store))
}

/// A built front end, or a page saying how to build it.
fn front_end(
    store: Option<AssetStore>,
    dir: &str,
    spa: bool,
) -> poem::endpoint::BoxEndpoint<'static> {
    match store {
        Some(store) => Assets::new(store, spa).boxed(),
        None => {
            let missing = format!(
                "<!doctype html><title>Kremna</title><p>The files in <code>{dir}</code> have not \
                 been built. Run <code>scripts/run</code>, or <code>npm ci &amp;&amp; npm run \
                 build</code> in that project.</p><p>The API is at <a href=\"/api/docs\">/api/docs</a>.</p>"
            );
            poem::endpoint::make_sync(move |_| Html(missing.clone()))
                .map_to_response()
                .boxed()
        }
    }
}
