//! Streamed exports: a tenant's messages or hourly usage for a range, as CSV or NDJSON.
//! Rows are read in keyset pages of [`PAGE`], each in its own short transaction that
//! re-checks the member (one removed mid-export gets no further page), and written as
//! they come: memory stays flat however large the range, and no connection is held
//! while the client reads.

use chrono::{DateTime, SecondsFormat, Utc};
use futures::{Stream, StreamExt, stream};
use kremna_shared::{
    auth::{AccessClaims, Admin},
    db::{Db, RepoError, SessionError},
    ids::{AssistantId, MessageId, TenantId},
    repo::{
        messages::ExportedMessage,
        usage::{Span, UsageRow},
    },
};
use serde_json::json;

use super::dto::{ExportFormat, ExportKind};

const PAGE: i64 = 1_000;

const MESSAGE_COLUMNS: &[&str] = &[
    "created_at",
    "id",
    "chat_id",
    "assistant_id",
    "role",
    "status",
    "model",
    "prompt_tokens",
    "completion_tokens",
    "latency_ms",
    "error_code",
    "content",
];

const USAGE_COLUMNS: &[&str] = &[
    "hour_start",
    "assistant_id",
    "model",
    "chats_started",
    "visitor_messages",
    "agent_messages",
    "replies",
    "failed_replies",
    "prompt_tokens",
    "completion_tokens",
    "latency_samples",
    "latency_average_ms",
];

/// What an export covers, and for whom (each page checks the member again).
pub struct ExportRequest {
    pub db: Db,
    pub tenant: TenantId,
    /// The caller's token: each page checks membership and revocation again.
    pub claims: AccessClaims,
    pub kind: ExportKind,
    pub format: ExportFormat,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub assistant: Option<AssistantId>,
}

enum Cursor {
    Start,
    Message(DateTime<Utc>, MessageId),
    Usage(DateTime<Utc>, AssistantId, String),
    Done,
}

/// The export as a stream of chunks (one page each). A database error mid-way ends the
/// stream with an error, so the client sees a broken transfer rather than a file that
/// looks complete.
pub fn stream(req: ExportRequest) -> impl Stream<Item = Result<Vec<u8>, std::io::Error>> + Send {
    let header = match req.format {
        ExportFormat::Csv => {
            let columns = match req.kind {
                ExportKind::Messages => MESSAGE_COLUMNS,
                ExportKind::Usage => USAGE_COLUMNS,
            };
            let mut line = columns.join(",");
            line.push_str("\r\n");
            Some(line.into_bytes())
        }
        ExportFormat::Ndjson => None,
    };
    let pages = stream::unfold((req, Cursor::Start), |(req, cursor)| async move {
        if matches!(cursor, Cursor::Done) {
            return None;
        }
        match next_page(&req, cursor).await {
            Ok((chunk, next)) => Some((Ok(chunk), (req, next))),
            Err(err) => {
                tracing::error!(error = %err, tenant = %req.tenant, "export failed mid-stream");
                Some((
                    Err(std::io::Error::other("export interrupted")),
                    (req, Cursor::Done),
                ))
            }
        }
    })
    .filter(|chunk| std::future::ready(!matches!(chunk, Ok(c) if c.is_empty())));
    stream::iter(header.map(Ok)).chain(pages)
}

/// Why a page could not be read.
#[derive(Debug, thiserror::Error)]
enum PageError {
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Repo(#[from] RepoError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

async fn next_page(req: &ExportRequest, cursor: Cursor) -> Result<(Vec<u8>, Cursor), PageError> {
    let mut tx = req.db.member::<Admin>(&req.claims).await?;
    let mut out = Vec::new();
    let next = match req.kind {
        ExportKind::Messages => {
            let after = match cursor {
                Cursor::Message(at, id) => Some((at, id)),
                _ => None,
            };
            let rows = kremna_shared::repo::messages::export_page(
                &mut tx,
                (req.start, req.end),
                req.assistant,
                after,
                PAGE,
            )
            .await?;
            for row in &rows {
                write_message(&mut out, req.format, row);
            }
            match rows.last() {
                Some(last) if rows.len() as i64 == PAGE => {
                    Cursor::Message(last.created_at, last.id)
                }
                _ => Cursor::Done,
            }
        }
        ExportKind::Usage => {
            let after = match cursor {
                Cursor::Usage(at, assistant, model) => Some((at, assistant, model)),
                _ => None,
            };
            let span = Span {
                day: false,
                from: req.start,
                to: req.end,
            };
            let rows = kremna_shared::repo::usage::export_page(
                &mut tx,
                span,
                req.assistant,
                after.as_ref(),
                PAGE,
            )
            .await?;
            for row in &rows {
                write_usage(&mut out, req.format, row);
            }
            match rows.last() {
                Some(last) if rows.len() as i64 == PAGE => {
                    Cursor::Usage(last.bucket_start, last.assistant_id, last.model.clone())
                }
                _ => Cursor::Done,
            }
        }
    };
    tx.commit().await?;
    Ok((out, next))
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn write_message(out: &mut Vec<u8>, format: ExportFormat, m: &ExportedMessage) {
    match format {
        ExportFormat::Ndjson => write_json(
            out,
            &json!({
                "created_at": timestamp(m.created_at),
                "id": m.id,
                "chat_id": m.chat_id,
                "assistant_id": m.assistant_id,
                "role": m.role,
                "status": m.status,
                "model": m.model,
                "prompt_tokens": m.prompt_tokens,
                "completion_tokens": m.completion_tokens,
                "latency_ms": m.latency_ms,
                "error_code": m.error_code,
                "content": m.content,
            }),
        ),
        ExportFormat::Csv => write_csv(
            out,
            &[
                timestamp(m.created_at),
                m.id.to_string(),
                m.chat_id.to_string(),
                m.assistant_id.to_string(),
                m.role.to_string(),
                m.status.to_string(),
                m.model.clone().unwrap_or_default(),
                optional(m.prompt_tokens),
                optional(m.completion_tokens),
                optional(m.latency_ms),
                m.error_code
                    .map(|c| c.as_str().to_owned())
                    .unwrap_or_default(),
                m.content.clone(),
            ],
        ),
    }
}

fn write_usage(out: &mut Vec<u8>, format: ExportFormat, row: &UsageRow) {
    let f = &row.figures;
    #[allow(clippy::cast_precision_loss)]
    let average = (f.latency_count > 0).then(|| f.latency_sum_ms as f64 / f.latency_count as f64);
    match format {
        ExportFormat::Ndjson => write_json(
            out,
            &json!({
                "hour_start": timestamp(row.bucket_start),
                "assistant_id": row.assistant_id,
                "model": row.model,
                "chats_started": f.chats_started,
                "visitor_messages": f.visitor_messages,
                "agent_messages": f.agent_messages,
                "replies": f.replies,
                "failed_replies": f.failed_replies,
                "prompt_tokens": f.prompt_tokens,
                "completion_tokens": f.completion_tokens,
                "latency_samples": f.latency_count,
                "latency_average_ms": average,
            }),
        ),
        ExportFormat::Csv => write_csv(
            out,
            &[
                timestamp(row.bucket_start),
                row.assistant_id.to_string(),
                row.model.clone(),
                f.chats_started.to_string(),
                f.visitor_messages.to_string(),
                f.agent_messages.to_string(),
                f.replies.to_string(),
                f.failed_replies.to_string(),
                f.prompt_tokens.to_string(),
                f.completion_tokens.to_string(),
                f.latency_count.to_string(),
                average.map(|a| format!("{a:.1}")).unwrap_or_default(),
            ],
        ),
    }
}

fn optional(value: Option<i32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn write_json(out: &mut Vec<u8>, value: &serde_json::Value) {
    // serde_json escapes newlines inside strings, so one value is one line.
    if serde_json::to_writer(&mut *out, value).is_ok() {
        out.push(b'\n');
    }
}

/// One RFC 4180 record. Text that a spreadsheet would run as a formula (visitors write
/// the content) is prefixed with `'`, as OWASP advises against CSV injection.
fn write_csv(out: &mut Vec<u8>, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let neutralised;
        let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            neutralised = format!("'{field}");
            &neutralised
        } else {
            field
        };
        if field.contains([',', '"', '\n', '\r']) {
            out.push(b'"');
            out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(field.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &[
                "plain".into(),
                "a,b".into(),
                "say \"hi\"\nbye".into(),
                "=HYPERLINK(\"x\")".into(),
                "-12".into(),
                String::new(),
            ],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\nbye\",\"'=HYPERLINK(\"\"x\"\")\",'-12,\r\n"
        );
    }
}
