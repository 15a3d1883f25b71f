//! Builds the analytics report from rollup rows: sums figures and latency histograms
//! per assistant and model, prices tokens, and lays the days out in the local timezone.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use kremna_shared::{
    analytics::{LatencyHistogram, PriceTable},
    db::TenantTx,
    domain::AssistantStatus,
    ids::AssistantId,
    repo::{
        self,
        usage::{Span, UsageFigures},
    },
};

use super::{dto::*, range::ReportRange};
use crate::error::{ApiError, ApiResult};

/// Figures plus the latency histogram, for one group of rows.
#[derive(Default)]
struct Tally {
    figures: UsageFigures,
    latency: LatencyHistogram,
    /// Cost of the tokens whose model has a price.
    cost_usd: f64,
}

impl Tally {
    fn add(&mut self, figures: &UsageFigures, latency: &LatencyHistogram, cost: Option<f64>) {
        self.figures.add(figures);
        self.latency.merge(latency);
        self.cost_usd += cost.unwrap_or(0.0);
    }

    fn summary(&self) -> UsageSummary {
        let f = &self.figures;
        let finished = f.replies + f.failed_replies;
        #[allow(clippy::cast_precision_loss)]
        UsageSummary {
            chats: f.chats_started,
            messages: f.messages(),
            visitor_messages: f.visitor_messages,
            agent_messages: f.agent_messages,
            replies: f.replies,
            failed_replies: f.failed_replies,
            failure_rate: if finished == 0 {
                0.0
            } else {
                round(f.failed_replies as f64 / finished as f64, 4)
            },
            prompt_tokens: f.prompt_tokens,
            completion_tokens: f.completion_tokens,
            estimated_cost_usd: round(self.cost_usd, 6),
            latency: LatencyStats {
                samples: f.latency_count,
                average_ms: (f.latency_count > 0)
                    .then(|| round(f.latency_sum_ms as f64 / f.latency_count as f64, 1)),
                p95_ms: self.latency.quantile(0.95).map(|v| round(v, 1)),
            },
        }
    }
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

pub async fn build(
    tx: &mut TenantTx,
    range: &ReportRange,
    assistant: Option<AssistantId>,
    prices: &PriceTable,
) -> ApiResult<AnalyticsReport> {
    let labels = repo::assistants::labels(tx).await?;
    if let Some(id) = assistant
        && !labels.iter().any(|l| l.id == id)
    {
        return Err(ApiError::NotFound("assistant"));
    }
    let in_scope = |id: AssistantId| assistant.is_none_or(|a| a == id);
    let total_assistants = labels.iter().filter(|l| in_scope(l.id)).count() as i64;
    let active_assistants = labels
        .iter()
        .filter(|l| in_scope(l.id) && l.status == AssistantStatus::Active)
        .count() as i64;

    let rows = repo::usage::rows(tx, &range.spans(), assistant).await?;
    let mut total = Tally::default();
    let mut per_assistant: HashMap<AssistantId, Tally> = HashMap::new();
    let mut per_model: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for row in &rows {
        let mut latency = LatencyHistogram::default();
        latency.add_stored(&row.latency_histogram);
        let price = prices.price(&row.model);
        let cost = price.map(|p| p.cost(row.figures.prompt_tokens, row.figures.completion_tokens));
        total.add(&row.figures, &latency, cost);
        per_assistant
            .entry(row.assistant_id)
            .or_default()
            .add(&row.figures, &latency, cost);
        if !row.model.is_empty() {
            let entry = per_model.entry(row.model.clone()).or_default();
            entry.0 += row.figures.replies;
            entry.1 += row.figures.prompt_tokens;
            entry.2 += row.figures.completion_tokens;
        }
    }

    let mut daily: BTreeMap<NaiveDate, UsageFigures> =
        range.days().map(|d| (d, UsageFigures::default())).collect();
    let series_span = Span {
        day: range.days_are_utc_days(),
        from: range.start,
        to: range.end,
    };
    for (bucket, figures) in repo::usage::series(tx, series_span, assistant).await? {
        if let Some(day) = daily.get_mut(&range.local_day(bucket)) {
            day.add(&figures);
        }
    }
    let all_time = repo::usage::all_time(tx, assistant).await?;

    let names: HashMap<AssistantId, (&str, AssistantStatus)> = labels
        .iter()
        .map(|l| (l.id, (l.name.as_str(), l.status)))
        .collect();
    let mut assistants: Vec<AssistantUsage> = per_assistant
        .into_iter()
        .map(|(id, tally)| {
            let label = names.get(&id);
            AssistantUsage {
                assistant_id: id,
                name: label.map_or_else(|| "(deleted assistant)".to_owned(), |l| l.0.to_owned()),
                status: label.map(|l| l.1),
                usage: tally.summary(),
            }
        })
        .collect();
    // Assistants with no traffic still appear, so the dashboard can list them all.
    for label in labels.iter().filter(|l| in_scope(l.id)) {
        if !assistants.iter().any(|a| a.assistant_id == label.id) {
            assistants.push(AssistantUsage {
                assistant_id: label.id,
                name: label.name.clone(),
                status: Some(label.status),
                usage: Tally::default().summary(),
            });
        }
    }
    assistants.sort_by(|a, b| {
        b.usage
            .messages
            .cmp(&a.usage.messages)
            .then_with(|| a.name.cmp(&b.name))
    });

    let mut models: Vec<ModelUsage> = per_model
        .into_iter()
        .map(
            |(model, (replies, prompt_tokens, completion_tokens))| ModelUsage {
                estimated_cost_usd: prices
                    .price(&model)
                    .map(|p| round(p.cost(prompt_tokens, completion_tokens), 6)),
                model,
                replies,
                prompt_tokens,
                completion_tokens,
            },
        )
        .collect();
    models.sort_by(|a, b| {
        b.estimated_cost_usd
            .unwrap_or(0.0)
            .total_cmp(&a.estimated_cost_usd.unwrap_or(0.0))
            .then_with(|| a.model.cmp(&b.model))
    });

    Ok(AnalyticsReport {
        from: range.from,
        to: range.to,
        timezone: range.tz.name().to_owned(),
        assistant_id: assistant,
        total_assistants,
        active_assistants,
        total_chats: all_time.chats_started,
        total_messages: all_time.messages(),
        summary: total.summary(),
        traffic_data: daily
            .into_iter()
            .map(|(date, f)| DailyUsage {
                date,
                chats: f.chats_started,
                messages: f.messages(),
                visitor_messages: f.visitor_messages,
                replies: f.replies,
                failed_replies: f.failed_replies,
                prompt_tokens: f.prompt_tokens,
                completion_tokens: f.completion_tokens,
            })
            .collect(),
        assistants,
        models,
        generated_at: Utc::now(),
    })
}
