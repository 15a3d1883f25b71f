//! Integration tests: the fake driven with the same client stack as the worker
//! (reqwest + eventsource-stream).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod embeddings;

use std::time::{Duration, Instant};

use eventsource_stream::Eventsource;
use futures::StreamExt;
use kremna_fake_mistral::{FakeConfig, FakeMistral, Fault, Outcome, RecordedRequest, Reply};
use serde_json::{Value, json};

fn client() -> reqwest::Client {
    reqwest::Client::builder().build().expect("reqwest client")
}

fn chat_body(text: &str, stream: bool) -> Value {
    json!({
        "model": "mistral-small-latest",
        "messages": [
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": text},
        ],
        "stream": stream,
        "temperature": 0.3,
    })
}

async fn post(fake: &FakeMistral, body: &Value) -> reqwest::Response {
    client()
        .post(fake.chat_completions_url())
        .bearer_auth("test-key")
        .json(body)
        .send()
        .await
        .expect("send")
}

/// What a streaming client saw: every SSE `data` payload with its arrival time, and whether
/// the stream ended with a transport error.
struct Streamed {
    events: Vec<(Instant, String)>,
    event_names: Vec<String>,
    error: Option<String>,
}

impl Streamed {
    fn json_chunks(&self) -> Vec<Value> {
        self.events
            .iter()
            .filter(|(_, d)| d != "[DONE]")
            .map(|(_, d)| serde_json::from_str(d).expect("chunk is JSON"))
            .collect()
    }

    fn text(&self) -> String {
        self.json_chunks()
            .iter()
            .map(|c| {
                c["choices"][0]["delta"]["content"]
                    .as_str()
                    .expect("content")
                    .to_string()
            })
            .collect()
    }

    fn saw_done(&self) -> bool {
        self.events.iter().any(|(_, d)| d == "[DONE]")
    }
}

async fn read_stream(resp: reqwest::Response) -> Streamed {
    let mut events = Vec::new();
    let mut event_names = Vec::new();
    let mut error = None;
    let mut stream = resp.bytes_stream().eventsource();
    while let Some(item) = stream.next().await {
        match item {
            Ok(ev) => {
                event_names.push(ev.event.clone());
                events.push((Instant::now(), ev.data));
            }
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        }
    }
    Streamed {
        events,
        event_names,
        error,
    }
}

#[tokio::test]
async fn streamed_reply_reassembles_with_role_finish_usage_and_done() {
    let text = "Hello world, this is a streamed answer from the fake Mistral.";
    let fake = FakeMistral::start(FakeConfig::default().with_fixed_reply(text)).await;

    let resp = post(&fake, &chat_body("Say hello", true)).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    let s = read_stream(resp).await;
    assert!(s.error.is_none(), "unexpected error: {:?}", s.error);
    // No `event:` names: eventsource-stream reports the default "message".
    assert!(s.event_names.iter().all(|n| n == "message"));
    assert_eq!(s.events.last().map(|(_, d)| d.as_str()), Some("[DONE]"));
    assert_eq!(s.text(), text);

    let chunks = s.json_chunks();
    assert!(
        chunks.len() > 5,
        "expected word-sized chunks, got {chunks:?}"
    );
    let id = chunks[0]["id"].as_str().unwrap();
    assert!(id.starts_with("cmpl-"));
    for (i, c) in chunks.iter().enumerate() {
        assert_eq!(c["object"], "chat.completion.chunk");
        assert_eq!(c["id"], id);
        assert_eq!(c["model"], "mistral-small-latest");
        assert!(c["created"].as_u64().unwrap() > 1_700_000_000);
        assert_eq!(c["choices"][0]["index"], 0);
        let last = i + 1 == chunks.len();
        if i == 0 {
            assert_eq!(c["choices"][0]["delta"]["role"], "assistant");
        } else {
            assert!(c["choices"][0]["delta"].get("role").is_none());
        }
        if last {
            assert_eq!(c["choices"][0]["finish_reason"], "stop");
            let usage = &c["usage"];
            let prompt = usage["prompt_tokens"].as_u64().unwrap();
            let completion = usage["completion_tokens"].as_u64().unwrap();
            // "You are helpful." (16) + "Say hello" (9) = 25 chars → ceil(25/4) = 7.
            assert_eq!(prompt, 7);
            assert_eq!(completion, chunks.len() as u64);
            assert_eq!(usage["total_tokens"].as_u64().unwrap(), prompt + completion);
        } else {
            assert!(c["choices"][0]["finish_reason"].is_null());
            assert!(c.get("usage").is_none());
        }
    }
    fake.shutdown().await;
}

#[tokio::test]
async fn echo_lorem_and_non_streaming_answers() {
    let fake = FakeMistral::start(FakeConfig::default()).await; // default reply: echo

    let s = read_stream(post(&fake, &chat_body("how are you?", true)).await).await;
    assert_eq!(s.text(), "You said: how are you?");

    let resp = post(&fake, &chat_body("plain please", false)).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["object"], "chat.completion");
    assert_eq!(v["choices"][0]["message"]["role"], "assistant");
    assert_eq!(
        v["choices"][0]["message"]["content"],
        "You said: plain please"
    );
    assert_eq!(v["choices"][0]["finish_reason"], "stop");
    assert_eq!(v["usage"]["completion_tokens"], 4); // "You", " said:", " plain", " please"

    fake.set_config(FakeConfig::default().with_reply(Reply::Lorem { tokens: 25 }));
    let s = read_stream(post(&fake, &chat_body("x", true)).await).await;
    assert_eq!(s.json_chunks().len(), 25);
    assert!(s.text().starts_with("Lorem ipsum dolor"));

    // max_tokens truncates and reports finish_reason "length".
    let mut body = chat_body("x", true);
    body["max_tokens"] = json!(3);
    let s = read_stream(post(&fake, &body).await).await;
    let chunks = s.json_chunks();
    assert_eq!(chunks.len(), 3);
    assert_eq!(chunks[2]["choices"][0]["finish_reason"], "length");
    assert_eq!(chunks[2]["usage"]["completion_tokens"], 3);

    // An empty answer is still a well-formed stream.
    fake.set_config(FakeConfig::default().with_fixed_reply(""));
    let s = read_stream(post(&fake, &chat_body("x", true)).await).await;
    let chunks = s.json_chunks();
    assert_eq!(chunks.len(), 1);
    assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
    assert_eq!(chunks[0]["choices"][0]["finish_reason"], "stop");
    assert!(s.saw_done());
    fake.shutdown().await;
}

#[tokio::test]
async fn time_to_first_token_and_inter_token_delay_are_honoured() {
    let ttft = Duration::from_millis(300);
    let gap = Duration::from_millis(100);
    let fake = FakeMistral::start(
        FakeConfig::default()
            .with_reply(Reply::Lorem { tokens: 5 })
            .with_time_to_first_token(ttft)
            .with_inter_token_delay(gap),
    )
    .await;

    let start = Instant::now();
    let resp = post(&fake, &chat_body("hi", true)).await;
    let headers_at = start.elapsed();
    let s = read_stream(resp).await;
    assert!(s.error.is_none());
    // Headers come at once, like the real API; the first token after the configured TTFT.
    assert!(headers_at < ttft, "headers took {headers_at:?}");
    let first = s.events[0].0 - start;
    assert!(first >= ttft, "first token after {first:?}");
    assert!(first < ttft * 5, "first token after {first:?}");
    // Chunk i cannot arrive before ttft + i * gap (a lower bound, robust under load) …
    let chunk_times: Vec<Instant> = s.events[..5].iter().map(|(t, _)| *t).collect();
    for (i, t) in chunk_times.iter().enumerate() {
        let at = *t - start;
        assert!(at >= ttft + gap * i as u32, "chunk {i} after {at:?}");
    }
    // … and each chunk is its own frame, flushed at once: the first reaches the client
    // long before the last is produced (slack of two gaps for a loaded machine).
    let spread = chunk_times[4] - chunk_times[0];
    assert!(spread >= gap * 2, "chunks arrived together: {spread:?}");

    // Non-streaming waits as long as the whole stream would have.
    let start = Instant::now();
    let resp = post(&fake, &chat_body("hi", false)).await;
    assert_eq!(resp.status(), 200);
    assert!(start.elapsed() >= ttft + gap * 4);
    fake.shutdown().await;
}

#[tokio::test]
async fn rate_limit_429_carries_retry_after_then_recovers() {
    let fake =
        FakeMistral::start(FakeConfig::default().failing_first(1, Fault::rate_limited(7))).await;

    let resp = post(&fake, &chat_body("hi", true)).await;
    assert_eq!(resp.status(), 429);
    assert_eq!(resp.headers()["retry-after"].to_str().unwrap(), "7");
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["object"], "error");
    assert_eq!(v["type"], "rate_limited");
    assert!(v["message"].as_str().unwrap().contains("rate limit"));

    let resp = post(&fake, &chat_body("hi", true)).await;
    assert_eq!(resp.status(), 200);
    assert!(read_stream(resp).await.saw_done());

    let recs = fake.requests();
    assert_eq!(recs[0].status, Some(429));
    assert_eq!(recs[0].outcome, Outcome::FaultStatus);
    assert_eq!(recs[1].outcome, Outcome::Ok);
    fake.shutdown().await;
}

#[tokio::test]
async fn server_errors_500_and_503() {
    let fake = FakeMistral::start(FakeConfig::default().failing_first(1, Fault::status(500))).await;
    let resp = post(&fake, &chat_body("hi", true)).await;
    assert_eq!(resp.status(), 500);
    assert!(resp.headers().get("retry-after").is_none());
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["object"], "error");
    assert_eq!(v["type"], "internal_server_error");

    fake.set_config(FakeConfig::default().failing_first(
        1,
        Fault::Status {
            code: 503,
            retry_after_secs: Some(1),
            message: None,
        },
    ));
    let resp = post(&fake, &chat_body("hi", false)).await;
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.headers()["retry-after"].to_str().unwrap(), "1");
    fake.shutdown().await;
}

#[tokio::test]
async fn wrong_or_missing_key_gets_401() {
    let fake = FakeMistral::start(FakeConfig::default().with_api_key("secret")).await;
    let url = fake.chat_completions_url();
    let body = chat_body("hi", true);

    let resp = client()
        .post(&url)
        .bearer_auth("wrong")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["message"], "Unauthorized");
    assert!(v["request_id"].as_str().is_some_and(|s| !s.is_empty()));

    let resp = client().post(&url).json(&body).send().await.unwrap();
    assert_eq!(resp.status(), 401);

    let resp = client()
        .post(&url)
        .bearer_auth("secret")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(read_stream(resp).await.saw_done());

    let outcomes: Vec<Outcome> = fake.requests().iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Unauthorized, Outcome::Unauthorized, Outcome::Ok]
    );
    assert_eq!(fake.requests()[2].bearer_token(), Some("secret"));
    fake.shutdown().await;
}

#[tokio::test]
async fn invalid_requests_get_422_or_400() {
    let fake = FakeMistral::start(FakeConfig::default()).await;

    for (body, needle) in [
        (
            json!({"model": "mistral-small-latest", "messages": [], "stream": true}),
            "messages",
        ),
        (json!({"model": "mistral-small-latest"}), "messages"),
        (
            json!({"model": "mistral-small-latest", "messages": [{"role": "wizard", "content": "hi"}]}),
            "role",
        ),
        (
            json!({"messages": [{"role": "user", "content": "hi"}]}),
            "model",
        ),
    ] {
        let resp = post(&fake, &body).await;
        assert_eq!(resp.status(), 422, "for {body}");
        let v: Value = resp.json().await.unwrap();
        assert_eq!(v["object"], "error");
        assert_eq!(v["type"], "invalid_request_error");
        assert!(v["param"].is_null() && v["code"].is_null());
        assert!(v["message"].as_str().unwrap().contains(needle), "{v}");
    }

    let resp = client()
        .post(fake.chat_completions_url())
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["type"], "invalid_request_error");

    let recs = fake.requests();
    assert_eq!(recs.len(), 5);
    assert!(recs.iter().all(|r| r.outcome == Outcome::InvalidRequest));
    assert_eq!(recs[4].raw_body.as_deref(), Some("{not json"));
    assert!(recs[4].body.is_null());
    fake.shutdown().await;
}

#[tokio::test]
async fn fail_first_two_then_succeed_on_third() {
    let fake = FakeMistral::start(FakeConfig {
        fail_first_n: 2,
        fault: Fault::status(503),
        reply: Reply::Fixed("third time lucky".into()),
        ..FakeConfig::default()
    })
    .await;

    assert_eq!(post(&fake, &chat_body("a", true)).await.status(), 503);
    assert_eq!(post(&fake, &chat_body("a", true)).await.status(), 503);
    let resp = post(&fake, &chat_body("a", true)).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(read_stream(resp).await.text(), "third time lucky");
    assert_eq!(post(&fake, &chat_body("a", true)).await.status(), 200);
    assert_eq!(fake.request_count(), 4);

    // A config change restarts the count.
    fake.update_config(|c| c.fail_first_n = 1);
    assert_eq!(post(&fake, &chat_body("a", true)).await.status(), 503);
    assert_eq!(post(&fake, &chat_body("a", true)).await.status(), 200);
    fake.shutdown().await;
}

#[tokio::test]
async fn fault_every_nth() {
    let fake =
        FakeMistral::start(FakeConfig::default().failing_every_nth(3, Fault::status(500))).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(post(&fake, &chat_body("a", false)).await.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 500, 200, 200, 500]);
    fake.shutdown().await;
}

#[tokio::test]
async fn disconnect_after_chunks_ends_stream_without_done() {
    let fake = FakeMistral::start(
        FakeConfig::default()
            .with_reply(Reply::Lorem { tokens: 10 })
            .failing_first(1, Fault::DisconnectAfterChunks(3)),
    )
    .await;

    let resp = post(&fake, &chat_body("hi", true)).await;
    assert_eq!(resp.status(), 200);
    let s = read_stream(resp).await;
    assert!(!s.saw_done());
    let chunks = s.json_chunks();
    assert_eq!(chunks.len(), 3);
    assert_eq!(s.text(), "Lorem ipsum dolor");
    assert!(
        chunks
            .iter()
            .all(|c| c["choices"][0]["finish_reason"].is_null())
    );
    assert!(s.error.is_some(), "the client must see a transport error");

    // The next request (a fresh connection) is fine.
    let s = read_stream(post(&fake, &chat_body("hi", true)).await).await;
    assert!(s.saw_done());
    assert_eq!(s.json_chunks().len(), 10);

    // Non-streaming: the JSON body is cut off.
    fake.set_config(FakeConfig::default().failing_first(1, Fault::DisconnectAfterChunks(0)));
    let resp = post(&fake, &chat_body("hi", false)).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.json::<Value>().await.is_err());
    assert_eq!(fake.requests()[0].outcome, Outcome::FaultDisconnect);
    fake.shutdown().await;
}

#[tokio::test]
async fn timeout_fault_makes_a_300ms_client_give_up() {
    let fake = FakeMistral::start(FakeConfig::default().failing_first(1, Fault::Timeout)).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let start = Instant::now();
    let err = client
        .post(fake.chat_completions_url())
        .json(&chat_body("hi", true))
        .send()
        .await
        .expect_err("must time out");
    let took = start.elapsed();
    assert!(err.is_timeout(), "{err:?}");
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");

    let recs = fake.requests();
    assert_eq!(recs[0].outcome, Outcome::FaultTimeout);
    assert_eq!(recs[0].status, None);

    // The next one answers.
    let resp = client
        .post(fake.chat_completions_url())
        .json(&chat_body("hi", false))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // Shutdown does not wait for the held request.
    tokio::time::timeout(Duration::from_secs(5), fake.shutdown())
        .await
        .unwrap();
}

#[tokio::test]
async fn malformed_fault_sends_a_non_json_data_line() {
    let fake = FakeMistral::start(FakeConfig::default().failing_first(2, Fault::Malformed)).await;

    let resp = post(&fake, &chat_body("hi", true)).await;
    assert_eq!(resp.status(), 200);
    let s = read_stream(resp).await;
    assert!(s.error.is_none());
    assert_eq!(s.events.len(), 2);
    assert!(serde_json::from_str::<Value>(&s.events[0].1).is_err());
    assert_eq!(s.events[1].1, "[DONE]");

    let resp = post(&fake, &chat_body("hi", false)).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.json::<Value>().await.is_err());
    fake.shutdown().await;
}

#[tokio::test]
async fn requests_are_recorded() {
    let fake = FakeMistral::start(FakeConfig::default()).await;
    let body = chat_body("remember me", true);
    let s = read_stream(post(&fake, &body).await).await;
    assert!(s.saw_done());

    assert_eq!(fake.request_count(), 1);
    let rec: RecordedRequest = fake.requests().remove(0);
    assert_eq!(rec.seq, 1);
    assert_eq!(rec.method, "POST");
    assert_eq!(rec.path, "/v1/chat/completions");
    assert_eq!(
        rec.messages(),
        body["messages"].as_array().unwrap().as_slice()
    );
    assert_eq!(rec.body, body);
    assert_eq!(rec.model(), Some("mistral-small-latest"));
    assert!(rec.is_stream());
    assert_eq!(rec.bearer_token(), Some("test-key"));
    assert_eq!(rec.header("Content-Type"), Some("application/json"));
    assert!(rec.received_at_unix_ms > 1_700_000_000_000);
    assert_eq!(rec.status, Some(200));

    fake.reset();
    assert_eq!(fake.request_count(), 0);

    // Unknown paths are recorded as 404s.
    let resp = client()
        .get(format!("{}/v1/nope", fake.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert_eq!(fake.requests()[0].outcome, Outcome::NotFound);
    fake.shutdown().await;
}

#[tokio::test]
async fn control_endpoints_over_http() {
    let fake = FakeMistral::start(FakeConfig::default()).await;
    let base = fake.base_url();
    let c = client();

    let resp = c
        .post(format!("{base}/_fake/config"))
        .json(&json!({
            "reply": {"fixed": "configured over HTTP"},
            "time_to_first_token_ms": 5,
            "fail_first_n": 1,
            "fault": {"status": {"code": 429, "retry_after_secs": 2}},
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let cfg = fake.config();
    assert_eq!(cfg.reply, Reply::Fixed("configured over HTTP".into()));
    assert_eq!(cfg.time_to_first_token, Duration::from_millis(5));
    assert_eq!(cfg.fault, Fault::rate_limited(2));

    let got: FakeConfig = c
        .get(format!("{base}/_fake/config"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got, cfg);

    assert_eq!(post(&fake, &chat_body("a", true)).await.status(), 429);
    let s = read_stream(post(&fake, &chat_body("a", true)).await).await;
    assert_eq!(s.text(), "configured over HTTP");

    let recs: Vec<RecordedRequest> = c
        .get(format!("{base}/_fake/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].status, Some(429));
    assert_eq!(recs[1].messages()[1]["content"], "a");

    let bad = c
        .post(format!("{base}/_fake/config"))
        .body("{\"reply\": 42}")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);

    // PATCH merges into the current config instead of replacing it.
    let resp = c
        .patch(format!("{base}/_fake/config"))
        .json(&json!({"fail_first_n": 0, "inter_token_delay_ms": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let cfg = fake.config();
    assert_eq!(cfg.reply, Reply::Fixed("configured over HTTP".into()));
    assert_eq!(cfg.fail_first_n, 0);
    assert_eq!(cfg.inter_token_delay, Duration::from_millis(3));
    assert_eq!(cfg.time_to_first_token, Duration::from_millis(5));

    let resp = c.post(format!("{base}/_fake/reset")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(fake.request_count(), 0);
    // Control requests themselves are not recorded.
    let _ = c.get(format!("{base}/_fake/health")).send().await.unwrap();
    assert_eq!(fake.request_count(), 0);
    fake.shutdown().await;
}

#[tokio::test]
async fn binary_serves_until_sigterm() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-mistral"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--ttft-ms",
            "10",
            "--inter-token-ms",
            "1",
            "--reply-words",
            "7",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn fake-mistral");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    let resp = client()
        .post(format!("{base}/v1/chat/completions"))
        .json(&chat_body("hi", true))
        .send()
        .await
        .unwrap();
    let s = read_stream(resp).await;
    assert_eq!(s.json_chunks().len(), 7);
    assert!(s.saw_done());

    let health = client()
        .get(format!("{base}/_fake/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("fake-mistral did not exit on SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
