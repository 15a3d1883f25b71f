//! `/healthz` (the process is alive) and `/readyz` (it can serve: see
//! `kremna_shared::health`). Outside the versioned API: they are for orchestrators, not
//! partners.

use poem::{IntoResponse, handler, http::StatusCode, web::Data, web::Json};
use serde_json::json;

use crate::state::AppState;

#[handler]
pub fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

#[handler]
pub async fn readyz(state: Data<&AppState>) -> impl IntoResponse {
    let report = state.readiness.report().await;
    let status = StatusCode::from_u16(report.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    Json(report.body()).with_status(status)
}
