//! Analytics: every figure of `/analytics` against a direct count of the raw rows, across
//! tenants, days, assistants, models and timezones; rollups that stay exact when run
//! twice, concurrently, or after late and changed messages; streamed exports.

use std::collections::BTreeMap;

use kremna_shared::{
    analytics::{LatencyHistogram, PriceTable, rollup::roll_up_all},
    ids::{AssistantId, TenantId},
};
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::{PgPool, Row};
use uuid::Uuid;

use crate::support::{Account, TestApp};

const MODELS: [&str; 3] = [
    "mistral-small-latest",
    "mistral-large-latest",
    "in-house-llm",
];

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// Seeds chats and messages over 2026-10-01..=2026-10-10 (UTC), as the services' role
/// with the tenant set, like the realtime node and worker write them.
async fn seed(app: &TestApp, tenant: TenantId, assistants: &[AssistantId], seed: u64) {
    let pool = app.db.app_pool().await;
    let mut rng = Lcg(seed);
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(tenant.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    for _ in 0..60 {
        let assistant = assistants[rng.next(assistants.len() as u64) as usize];
        // Any minute of the ten days, so chats land near local and UTC midnights too.
        let minute = rng.next(10 * 24 * 60) as i64;
        let chat = Uuid::now_v7();
        sqlx::query(
            "INSERT INTO chats (tenant_id, id, assistant_id, visitor_id, created_at, last_message_at)
             VALUES ($1, $2, $3, 'v', timestamptz '2026-10-01 00:00Z' + make_interval(mins => $4::int),
                     timestamptz '2026-10-01 00:00Z' + make_interval(mins => $4::int))",
        )
        .bind(tenant)
        .bind(chat)
        .bind(assistant)
        .bind(minute as i32)
        .execute(&mut *tx)
        .await
        .unwrap();
        for turn in 0..(1 + rng.next(4) as i32) {
            let at = minute as i32 + turn * 3;
            insert(&mut tx, tenant, chat, "user", "complete", None, at).await;
            let (status, model) = match rng.next(10) {
                0 => ("failed", None),
                1 => ("streaming", Some(MODELS[0])),
                _ => ("complete", Some(MODELS[rng.next(3) as usize])),
            };
            let id = insert(&mut tx, tenant, chat, "assistant", status, model, at + 1).await;
            let prompt = 50 + rng.next(2_000) as i32;
            let completion = 10 + rng.next(500) as i32;
            let latency = 80 + rng.next(9_000) as i32;
            sqlx::query(
                "UPDATE messages SET prompt_tokens = CASE WHEN status = 'complete' THEN $2 END,
                        completion_tokens = CASE WHEN status = 'complete' THEN $3 END,
                        latency_ms = $4
                 WHERE id = $1",
            )
            .bind(id)
            .bind(prompt)
            .bind(completion)
            .bind(latency)
            .execute(&mut *tx)
            .await
            .unwrap();
            if rng.next(8) == 0 {
                insert(&mut tx, tenant, chat, "agent", "complete", None, at + 2).await;
            }
        }
    }
    tx.commit().await.unwrap();
}

async fn insert(
    tx: &mut sqlx::PgConnection,
    tenant: TenantId,
    chat: Uuid,
    role: &str,
    status: &str,
    model: Option<&str>,
    minute: i32,
) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO messages (tenant_id, id, chat_id, role, content, status, model, created_at)
         VALUES ($1, $2, $3, $4::message_role, 'text, with \"quotes\"', $5::message_status, $6,
                 timestamptz '2026-10-01 00:00Z' + make_interval(mins => $7))",
    )
    .bind(tenant)
    .bind(id)
    .bind(chat)
    .bind(role)
    .bind(status)
    .bind(model)
    .bind(minute)
    .execute(&mut *tx)
    .await
    .unwrap();
    id
}

/// The figures straight from messages and chats (as the original computed analytics),
/// read by the admin role so nothing of ours stands between.
#[derive(Debug, Default, Clone, PartialEq)]
struct Raw {
    chats: i64,
    visitor: i64,
    agent: i64,
    replies: i64,
    failed: i64,
    prompt: i64,
    completion: i64,
    latencies: Vec<i32>,
    cost: f64,
}

impl Raw {
    fn messages(&self) -> i64 {
        self.visitor + self.agent + self.replies + self.failed
    }
}

async fn raw(
    admin: &PgPool,
    tenant: TenantId,
    tz: &str,
    (from, to): (&str, &str),
    assistant: Option<AssistantId>,
) -> (Raw, BTreeMap<String, Raw>, BTreeMap<AssistantId, Raw>) {
    let scope = "m.tenant_id = $1 AND ($4::uuid IS NULL OR c.assistant_id = $4)
        AND m.created_at >= ($2::date::timestamp AT TIME ZONE $5)
        AND m.created_at < (($3::date + 1)::timestamp AT TIME ZONE $5)";
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT (m.created_at AT TIME ZONE $5)::date::text AS day, c.assistant_id, m.role::text,
                m.status::text, coalesce(m.model, '') AS model, m.prompt_tokens,
                m.completion_tokens, m.latency_ms
         FROM messages m JOIN chats c ON c.id = m.chat_id
         WHERE {scope}"
    )))
    .bind(tenant)
    .bind(from)
    .bind(to)
    .bind(assistant)
    .bind(tz)
    .fetch_all(admin)
    .await
    .unwrap();
    let prices = PriceTable::default();
    let mut total = Raw::default();
    let mut days: BTreeMap<String, Raw> = BTreeMap::new();
    let mut per_assistant: BTreeMap<AssistantId, Raw> = BTreeMap::new();
    for row in rows {
        let role: String = row.get("role");
        let status: String = row.get("status");
        let day: String = row.get("day");
        let assistant_id: AssistantId = row.get("assistant_id");
        for target in [
            &mut total,
            days.entry(day).or_default(),
            per_assistant.entry(assistant_id).or_default(),
        ] {
            match (role.as_str(), status.as_str()) {
                ("user", _) => target.visitor += 1,
                ("agent", _) => target.agent += 1,
                ("assistant", "complete") => {
                    target.replies += 1;
                    let prompt = row.get::<Option<i32>, _>("prompt_tokens").unwrap_or(0);
                    let completion = row.get::<Option<i32>, _>("completion_tokens").unwrap_or(0);
                    target.prompt += i64::from(prompt);
                    target.completion += i64::from(completion);
                    target
                        .latencies
                        .push(row.get::<Option<i32>, _>("latency_ms").unwrap());
                    if let Some(price) = prices.price(row.get::<&str, _>("model")) {
                        target.cost += price.cost(prompt.into(), completion.into());
                    }
                }
                ("assistant", "failed") => target.failed += 1,
                _ => {} // still streaming: not counted yet
            }
        }
    }
    let chats = sqlx::query(
        "SELECT (c.created_at AT TIME ZONE $5)::date::text AS day, c.assistant_id
         FROM chats c
         WHERE c.tenant_id = $1 AND ($4::uuid IS NULL OR c.assistant_id = $4)
           AND c.created_at >= ($2::date::timestamp AT TIME ZONE $5)
           AND c.created_at < (($3::date + 1)::timestamp AT TIME ZONE $5)",
    )
    .bind(tenant)
    .bind(from)
    .bind(to)
    .bind(assistant)
    .bind(tz)
    .fetch_all(admin)
    .await
    .unwrap();
    for row in chats {
        total.chats += 1;
        days.entry(row.get("day")).or_default().chats += 1;
        per_assistant
            .entry(row.get("assistant_id"))
            .or_default()
            .chats += 1;
    }
    (total, days, per_assistant)
}

fn assert_summary_matches(summary: &Value, raw: &Raw, context: &str) {
    let int = |key: &str| {
        summary[key]
            .as_i64()
            .unwrap_or_else(|| panic!("{context}: {key} in {summary}"))
    };
    assert_eq!(int("chats"), raw.chats, "{context}: chats");
    assert_eq!(
        int("visitor_messages"),
        raw.visitor,
        "{context}: visitor messages"
    );
    assert_eq!(
        int("agent_messages"),
        raw.agent,
        "{context}: agent messages"
    );
    assert_eq!(int("replies"), raw.replies, "{context}: replies");
    assert_eq!(
        int("failed_replies"),
        raw.failed,
        "{context}: failed replies"
    );
    assert_eq!(int("messages"), raw.messages(), "{context}: messages");
    assert_eq!(int("prompt_tokens"), raw.prompt, "{context}: prompt tokens");
    assert_eq!(
        int("completion_tokens"),
        raw.completion,
        "{context}: completion tokens"
    );
    let finished = raw.replies + raw.failed;
    let rate = if finished == 0 {
        0.0
    } else {
        raw.failed as f64 / finished as f64
    };
    assert!(
        (summary["failure_rate"].as_f64().unwrap() - rate).abs() < 1e-4,
        "{context}: failure rate {} vs {rate}",
        summary["failure_rate"]
    );
    assert!(
        (summary["estimated_cost_usd"].as_f64().unwrap() - raw.cost).abs() < 1e-5,
        "{context}: cost {} vs {}",
        summary["estimated_cost_usd"],
        raw.cost
    );
    let latency = &summary["latency"];
    assert_eq!(
        latency["samples"].as_i64().unwrap(),
        raw.latencies.len() as i64,
        "{context}: latency samples"
    );
    if raw.latencies.is_empty() {
        assert!(
            latency.get("p95_ms").is_none(),
            "{context}: p95 without samples"
        );
        return;
    }
    let average =
        raw.latencies.iter().map(|&l| f64::from(l)).sum::<f64>() / raw.latencies.len() as f64;
    assert!(
        (latency["average_ms"].as_f64().unwrap() - average).abs() <= 0.05 + 1e-9,
        "{context}: average latency {} vs {average}",
        latency["average_ms"]
    );
    // The exact p95 (percentile_disc) and the reported one share a histogram bin.
    let mut sorted = raw.latencies.clone();
    sorted.sort_unstable();
    let exact = sorted[((0.95 * sorted.len() as f64).ceil() as usize).max(1) - 1];
    let (low, high) = LatencyHistogram::bin_range(LatencyHistogram::bin_of(exact));
    let p95 = latency["p95_ms"].as_f64().unwrap();
    assert!(
        (low..=high).contains(&p95),
        "{context}: p95 {p95} outside the bin [{low}, {high}] of the exact {exact}"
    );
}

async fn report(app: &TestApp, account: &Account, query: &str) -> Value {
    let reply = app
        .get(&format!("/analytics?{query}"), &account.token)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
    reply.body
}

async fn check_report(
    app: &TestApp,
    account: &Account,
    tz: &str,
    (from, to): (&str, &str),
    assistant: Option<AssistantId>,
) {
    let admin = app.db.admin_pool().await;
    let mut query = format!("from={from}&to={to}&timezone={tz}");
    if let Some(a) = assistant {
        query.push_str(&format!("&assistant_id={a}"));
    }
    let body = report(app, account, &query).await;
    let context = format!("{tz} {from}..{to} assistant {assistant:?}");
    let (total, days, per_assistant) = raw(&admin, account.tenant, tz, (from, to), assistant).await;
    assert_summary_matches(&body["summary"], &total, &context);

    let series = body["traffic_data"].as_array().unwrap();
    for day in series {
        let date = day["date"].as_str().unwrap();
        let expected = days.get(date).cloned().unwrap_or_default();
        assert_eq!(
            day["messages"].as_i64().unwrap(),
            expected.messages(),
            "{context}: messages on {date}"
        );
        assert_eq!(
            day["chats"].as_i64().unwrap(),
            expected.chats,
            "{context}: chats on {date}"
        );
        assert_eq!(
            day["replies"].as_i64().unwrap(),
            expected.replies,
            "{context}: replies on {date}"
        );
        assert_eq!(
            day["prompt_tokens"].as_i64().unwrap(),
            expected.prompt,
            "{context}: tokens on {date}"
        );
    }
    assert!(
        days.keys()
            .all(|d| series.iter().any(|s| s["date"] == d.as_str()))
    );

    for usage in body["assistants"].as_array().unwrap() {
        let id: AssistantId = usage["assistant_id"].as_str().unwrap().parse().unwrap();
        let expected = per_assistant.get(&id).cloned().unwrap_or_default();
        assert_summary_matches(
            &usage["usage"],
            &expected,
            &format!("{context}, assistant {id}"),
        );
    }
}

#[tokio::test]
async fn every_figure_matches_a_direct_count_of_the_raw_rows() {
    let app = TestApp::spawn().await;
    let a = app.register("analytics-a").await;
    let b = app.register("analytics-b").await;
    let a1 = app.create_assistant(&a, "Sales").await;
    let a2 = app.create_assistant(&a, "Support").await;
    let b1 = app.create_assistant(&b, "Helpdesk").await;
    seed(&app, a.tenant, &[a1, a2], 7).await;
    seed(&app, b.tenant, &[b1], 11).await;
    let pass = roll_up_all(app.app_db()).await.unwrap();
    assert_eq!(pass.tenants, 2, "{pass:?}");

    for tz in ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"] {
        check_report(&app, &a, tz, ("2026-10-02", "2026-10-08"), None).await;
        check_report(&app, &a, tz, ("2026-10-01", "2026-10-10"), Some(a2)).await;
        check_report(&app, &b, tz, ("2026-09-28", "2026-10-05"), None).await;
    }
    // A single day, and a range with no traffic at all.
    check_report(&app, &a, "Europe/Paris", ("2026-10-04", "2026-10-04"), None).await;
    check_report(&app, &a, "UTC", ("2025-01-01", "2025-01-31"), None).await;

    let body = report(&app, &a, "from=2026-10-01&to=2026-10-10").await;
    assert_eq!(body["total_assistants"], 2);
    assert_eq!(body["traffic_data"].as_array().unwrap().len(), 10);
    let admin = app.db.admin_pool().await;
    let (all_time, _, _) = raw(&admin, a.tenant, "UTC", ("2000-01-01", "2100-01-01"), None).await;
    assert_eq!(body["total_chats"].as_i64().unwrap(), all_time.chats);
    assert_eq!(
        body["total_messages"].as_i64().unwrap(),
        all_time.messages()
    );
    let priced: Vec<&str> = body["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m.get("estimated_cost_usd").is_some())
        .map(|m| m["model"].as_str().unwrap())
        .collect();
    assert!(
        priced.contains(&"mistral-large-latest"),
        "{}",
        body["models"]
    );
    let unpriced = body["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["model"] == "in-house-llm")
        .expect("the in-house model is listed");
    assert!(
        unpriced.get("estimated_cost_usd").is_none(),
        "no price, no cost: {unpriced}"
    );

    // B never sees A's traffic, and A's ids answer 404 to B.
    let b_body = report(&app, &b, "from=2026-10-01&to=2026-10-10").await;
    assert!(
        b_body["assistants"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["assistant_id"] == b1.to_string().as_str()),
        "{}",
        b_body["assistants"]
    );
    let foreign = app
        .get(&format!("/analytics?assistant_id={a1}"), &b.token)
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(foreign.error_code(), "not_found");
}

#[tokio::test]
async fn rollups_stay_exact_when_repeated_concurrent_late_or_changed() {
    let app = TestApp::spawn().await;
    let a = app.register("rollup-a").await;
    let a1 = app.create_assistant(&a, "Sales").await;
    seed(&app, a.tenant, &[a1], 3).await;
    roll_up_all(app.app_db()).await.unwrap();
    let range = ("2026-10-01", "2026-10-10");
    check_report(&app, &a, "UTC", range, None).await;

    // A second pass with nothing new changes nothing.
    let before = report(&app, &a, "from=2026-10-01&to=2026-10-10").await;
    let again = roll_up_all(app.app_db()).await.unwrap();
    assert_eq!(again.changes, 0);
    let after = report(&app, &a, "from=2026-10-01&to=2026-10-10").await;
    assert_eq!(before["summary"], after["summary"]);
    assert_eq!(before["traffic_data"], after["traffic_data"]);

    // Late, changed and deleted rows: a message stored now for day 2, a streaming reply
    // that completes, a chat deleted with its messages.
    let pool = app.db.app_pool().await;
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(a.tenant.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let old_chat: Uuid = sqlx::query_scalar(
        "SELECT id FROM chats WHERE created_at < '2026-10-03' ORDER BY created_at LIMIT 1",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    insert(
        &mut tx,
        a.tenant,
        old_chat,
        "user",
        "complete",
        None,
        24 * 60 + 5,
    )
    .await;
    let completed = sqlx::query(
        "UPDATE messages SET status = 'complete', prompt_tokens = 700, completion_tokens = 70,
                latency_ms = 1234
         WHERE id = (SELECT id FROM messages WHERE status = 'streaming' ORDER BY id LIMIT 1)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    assert_eq!(
        completed.rows_affected(),
        1,
        "the seed has a streaming reply"
    );
    sqlx::query(
        "DELETE FROM chats WHERE id = (SELECT id FROM chats ORDER BY created_at DESC LIMIT 1)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // Two workers roll up at once: neither counts a change twice or loses one.
    let db = app.app_db().clone();
    let (first, second) = tokio::join!(roll_up_all(&db), roll_up_all(&db));
    let (first, second) = (first.unwrap(), second.unwrap());
    assert!(first.changes + second.changes > 0);
    // Whatever a skipped pass left is folded by the next.
    roll_up_all(&db).await.unwrap();
    check_report(&app, &a, "UTC", range, None).await;
    check_report(&app, &a, "Europe/Paris", range, None).await;
}

#[tokio::test]
async fn exports_stream_every_message_and_the_hourly_usage() {
    let app = TestApp::spawn().await;
    let a = app.register("export-a").await;
    let b = app.register("export-b").await;
    let a1 = app.create_assistant(&a, "Sales").await;
    let b1 = app.create_assistant(&b, "Other").await;
    seed(&app, a.tenant, &[a1], 5).await;
    seed(&app, b.tenant, &[b1], 6).await;
    roll_up_all(app.app_db()).await.unwrap();
    let admin = app.db.admin_pool().await;
    let expected: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM messages WHERE tenant_id = $1
           AND created_at >= '2026-10-02' AND created_at < '2026-10-06'",
    )
    .bind(a.tenant)
    .fetch_one(&admin)
    .await
    .unwrap();

    let get = |query: String, token: String| {
        let client = app.client.clone();
        let url = format!("{}/api/v1/analytics/export?{query}", app.base);
        async move { client.get(url).bearer_auth(token).send().await.unwrap() }
    };
    let csv = get(
        "kind=messages&from=2026-10-02&to=2026-10-05".into(),
        a.token.clone(),
    )
    .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("kremna-messages-2026-10-02-2026-10-05.csv")
    );
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("created_at,id,chat_id,assistant_id,role"));
    assert_eq!(
        lines.len() as i64 - 1,
        expected,
        "one CSV record per message"
    );
    assert!(
        lines[1].ends_with(",\"text, with \"\"quotes\"\"\""),
        "{}",
        lines[1]
    );
    assert!(
        !text.contains(&b1.to_string()),
        "another tenant's rows leaked"
    );

    let ndjson = get(
        "kind=messages&format=ndjson&from=2026-10-02&to=2026-10-05".into(),
        a.token.clone(),
    )
    .await;
    assert_eq!(ndjson.headers()["content-type"], "application/x-ndjson");
    let records: Vec<Value> = ndjson
        .text()
        .await
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len() as i64, expected);
    assert!(
        records
            .iter()
            .all(|r| r["assistant_id"] == a1.to_string().as_str())
    );
    assert!(
        records
            .windows(2)
            .all(|w| w[0]["created_at"].as_str() <= w[1]["created_at"].as_str())
    );

    let usage = get(
        "kind=usage&format=ndjson&from=2026-10-01&to=2026-10-10".into(),
        a.token.clone(),
    )
    .await
    .text()
    .await
    .unwrap();
    let replies: i64 = usage
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["replies"]
                .as_i64()
                .unwrap()
        })
        .sum();
    let (raw_total, _, _) = raw(&admin, a.tenant, "UTC", ("2026-10-01", "2026-10-10"), None).await;
    assert_eq!(replies, raw_total.replies);

    // Refusals: no token, another tenant's assistant, an unknown kind.
    let anonymous = app
        .client
        .get(format!("{}/api/v1/analytics/export?kind=usage", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let foreign = get(format!("kind=messages&assistant_id={a1}"), b.token.clone()).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let bad_kind = get("kind=everything".into(), a.token.clone()).await;
    assert_eq!(bad_kind.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn bad_ranges_and_timezones_name_the_field() {
    let app = TestApp::spawn().await;
    let a = app.register("analytics-validation").await;
    for (query, field) in [
        ("timezone=Mars/Olympus", "timezone"),
        ("from=2026-10-05&to=2026-10-01", "from"),
        ("from=2020-01-01&to=2026-10-01", "from"),
    ] {
        let reply = app.get(&format!("/analytics?{query}"), &a.token).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            reply.body
        );
        assert_eq!(reply.error_field(), field, "{query}");
    }
    let malformed = app.get("/analytics?from=yesterday", &a.token).await;
    assert_eq!(
        malformed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        malformed.body
    );
    malformed.error_code();
    // An empty workspace gets zeros and seven days, not an error.
    let empty = report(&app, &a, "").await;
    assert_eq!(empty["traffic_data"].as_array().unwrap().len(), 7);
    assert_eq!(empty["summary"]["messages"], 0);
    assert_eq!(empty["total_assistants"], 0);
}
