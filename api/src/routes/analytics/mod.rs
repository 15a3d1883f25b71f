//! `/analytics`: usage figures read from the rollups the worker maintains, and streamed
//! exports of messages and usage.

mod dto;
mod export;
mod range;
mod report;

use chrono::{NaiveDate, Utc};
use kremna_shared::{
    auth::{Admin, Agent},
    ids::AssistantId,
    repo,
};
use poem::{Body, IntoResponse, Response, http::header, web::Data};
use poem_openapi::{
    ApiResponse, OpenApi,
    param::Query,
    payload::{Binary, Json, Payload},
    registry::{MetaHeader, MetaMediaType, MetaResponse, MetaResponses, Registry},
    types::Type,
};

pub use dto::*;
use range::ReportRange;

use super::ApiTags;
use crate::{
    error::{ApiError, ApiResult},
    extract::{Caller, Member, res},
    state::AppState,
};

pub struct AnalyticsApi;

const CSV: &str = "text/csv; charset=utf-8";
const NDJSON: &str = "application/x-ndjson";

/// A streamed export. Written by hand because the derive gives each content type its
/// own response, and OpenAPI allows one per status: here one 200 has both.
pub struct ExportResponse {
    format: ExportFormat,
    disposition: String,
    body: Body,
}

impl IntoResponse for ExportResponse {
    fn into_response(self) -> Response {
        Response::builder()
            .content_type(match self.format {
                ExportFormat::Csv => CSV,
                ExportFormat::Ndjson => NDJSON,
            })
            .header(header::CONTENT_DISPOSITION, self.disposition)
            .body(self.body)
    }
}

impl ApiResponse for ExportResponse {
    fn meta() -> MetaResponses {
        let binary = <Binary<Body> as Payload>::schema_ref;
        MetaResponses {
            responses: vec![MetaResponse {
                description: "The export, streamed as `format` asks: CSV (RFC 4180, with a \
                              header row) or NDJSON (one JSON object per line).",
                status: Some(200),
                status_range: None,
                content: vec![
                    MetaMediaType {
                        content_type: CSV,
                        schema: binary(),
                    },
                    MetaMediaType {
                        content_type: NDJSON,
                        schema: binary(),
                    },
                ],
                headers: vec![MetaHeader {
                    name: "Content-Disposition".into(),
                    description: Some("`attachment` with a file name naming the range.".into()),
                    required: true,
                    deprecated: false,
                    schema: <String as Type>::schema_ref(),
                }],
            }],
        }
    }

    fn register(_registry: &mut Registry) {}
}

#[OpenApi(tag = "ApiTags::Analytics")]
impl AnalyticsApi {
    /// Usage for a range of days: totals, a per-day series, per-assistant and per-model
    /// figures with tokens, estimated cost, reply latency and failure rate.
    #[oai(path = "/analytics", method = "get", operation_id = "getAnalytics")]
    #[allow(clippy::too_many_arguments)]
    async fn report(
        &self,
        state: Data<&AppState>,
        member: Caller<Agent, res::Analytics>,
        /// First local day (`YYYY-MM-DD`); default: 6 days before `to`.
        from: Query<Option<NaiveDate>>,
        /// Last local day, inclusive; default: today in `timezone`. Not before `from`, and at
        /// most 366 days after it (rules between two parameters, one of them defaulted, that
        /// the schema cannot state).
        to: Query<Option<NaiveDate>>,
        /// IANA timezone the days are counted in (default `UTC`). Zones with a
        /// 30/45-minute offset have their day edges rounded down to the UTC hour.
        #[oai(validator(max_length = 64))]
        timezone: Query<Option<String>>,
        /// Only this assistant's usage.
        assistant_id: Query<Option<AssistantId>>,
    ) -> ApiResult<Json<AnalyticsReport>> {
        let range = ReportRange::parse(from.0, to.0, timezone.0.as_deref(), Utc::now())?;
        let mut tx = member.tx;
        let report = report::build(
            &mut tx,
            &range,
            assistant_id.0,
            &state.config.analytics.prices,
        )
        .await?;
        tx.commit().await?;
        Ok(Json(report))
    }

    /// Export the workspace's messages, or its hourly usage, for a range of days as CSV
    /// or NDJSON. Streamed: any range size is fine.
    #[oai(
        path = "/analytics/export",
        method = "get",
        operation_id = "exportAnalytics"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn export(
        &self,
        state: Data<&AppState>,
        member: Member<Admin>,
        /// `messages` or `usage`.
        kind: Query<ExportKind>,
        /// `csv` (default) or `ndjson`.
        format: Query<Option<ExportFormat>>,
        /// First local day (`YYYY-MM-DD`); default: 6 days before `to`.
        from: Query<Option<NaiveDate>>,
        /// Last local day, inclusive; default: today in `timezone`. Not before `from`, and at
        /// most 366 days after it (rules between two parameters, one of them defaulted, that
        /// the schema cannot state).
        to: Query<Option<NaiveDate>>,
        /// IANA timezone the days are counted in (default `UTC`).
        #[oai(validator(max_length = 64))]
        timezone: Query<Option<String>>,
        /// Only this assistant's messages or usage.
        assistant_id: Query<Option<AssistantId>>,
    ) -> ApiResult<ExportResponse> {
        let range = ReportRange::parse(from.0, to.0, timezone.0.as_deref(), Utc::now())?;
        let mut tx = member.tx;
        let tenant = tx.tenant_id();
        let claims = member.claims.clone();
        if let Some(id) = assistant_id.0 {
            repo::assistants::get(&mut tx, id)
                .await?
                .ok_or(ApiError::NotFound("assistant"))?;
        }
        tx.commit().await?;

        let format = format.0.unwrap_or(ExportFormat::Csv);
        let kind_name = match kind.0 {
            ExportKind::Messages => "messages",
            ExportKind::Usage => "usage",
        };
        let extension = match format {
            ExportFormat::Csv => "csv",
            ExportFormat::Ndjson => "ndjson",
        };
        let disposition = format!(
            "attachment; filename=\"kremna-{kind_name}-{}-{}.{extension}\"",
            range.from, range.to
        );
        let body = Body::from_bytes_stream(export::stream(export::ExportRequest {
            db: state.db.clone(),
            tenant,
            claims,
            kind: kind.0,
            format,
            start: range.start,
            end: range.end,
            assistant: assistant_id.0,
        }));
        tracing::info!(%tenant, kind = kind_name, format = extension, "export started");
        Ok(ExportResponse {
            format,
            disposition,
            body,
        })
    }
}
