//! `/healthz` (the process is alive) and `/readyz` (it can serve: database and Redis
//! answer). Outside the versioned API: they are for orchestrators, not partners.

use std::time::Duration;

use poem::{IntoResponse, handler, http::StatusCode, web::Data, web::Json};
use serde_json::json;

use crate::state::AppState;

const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

#[handler]
pub fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

#[handler]
pub async fn readyz(state: Data<&AppState>) -> impl IntoResponse {
    let database = tokio::time::timeout(CHECK_TIMEOUT, state.db.ping()).await;
    let database_ok = matches!(database, Ok(Ok(())));
    let mut redis = state.redis.clone();
    let redis_check = tokio::time::timeout(
        CHECK_TIMEOUT,
        redis::cmd("PING").query_async::<String>(&mut redis),
    )
    .await;
    let redis_ok = matches!(redis_check, Ok(Ok(_)));
    let verdict = |ok: bool| if ok { "ok" } else { "unavailable" };
    let status = if database_ok && redis_ok {
        StatusCode::OK
    } else {
        tracing::warn!(database_ok, redis_ok, "not ready");
        StatusCode::SERVICE_UNAVAILABLE
    };
    Json(json!({
        "status": verdict(database_ok && redis_ok),
        "checks": { "database": verdict(database_ok), "redis": verdict(redis_ok) },
    }))
    .with_status(status)
}
