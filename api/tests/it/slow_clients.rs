//! Issue 9 point 5 (API side): a client that stops half-way is closed within the idle
//! timeout, and a declared body over the limit is refused before it is read. Raw TCP:
//! an HTTP client would not send half a request.

use std::time::{Duration, Instant};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::support::TestApp;

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .unwrap()
}

/// Reads until the server closes the connection (or `limit` passes); returns what came
/// and when the close came.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Option<Duration>) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at((started + limit).into(), stream.read(&mut buf)).await {
            Err(_) => return (String::from_utf8_lossy(&got).into(), None),
            Ok(Ok(0)) | Ok(Err(_)) => {
                return (
                    String::from_utf8_lossy(&got).into(),
                    Some(started.elapsed()),
                );
            }
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn partial_headers_and_bodies_are_closed_within_the_idle_timeout() {
    let app = TestApp::spawn_with(&[("HTTP_IDLE_TIMEOUT_SECONDS", "1")]).await;
    let mut headers = connect(&app).await;
    headers
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let mut body = connect(&app).await;
    body.write_all(
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":",
    )
    .await
    .unwrap();
    let idle = connect(&app).await;
    for (what, mut stream) in [("headers", headers), ("body", body), ("idle", idle)] {
        let (_, closed) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
        let closed = closed.unwrap_or_else(|| panic!("{what}: still open after 5 s"));
        assert!(
            closed < Duration::from_secs(4),
            "{what}: closed after {closed:?}"
        );
    }
    // a normal client still works
    let reply = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success());
}

#[tokio::test]
async fn an_oversized_content_length_gets_413_before_the_body() {
    let app = TestApp::spawn().await;
    let mut stream = connect(&app).await;
    let started = Instant::now();
    stream
        .write_all(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n",
        )
        .await
        .unwrap();
    let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn one_address_may_hold_only_so_many_connections() {
    let app = TestApp::spawn_with(&[("HTTP_MAX_CONNECTIONS_PER_IP", "3")]).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut stream = connect(&app).await;
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 12];
        stream.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"HTTP/1.1 200");
        held.push(stream);
    }
    let mut fourth = connect(&app).await;
    let _ = fourth
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    let (answer, closed) = read_until_closed(&mut fourth, Duration::from_secs(3)).await;
    assert!(
        closed.is_some() && answer.is_empty(),
        "the 4th connection is refused: {answer:?}"
    );
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(100)).await;
    // a place is free again: a normal client works
    let reply = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success());
}

/// Sends `first`, then one byte of `rest` every 200 ms (never idle, never finished)
/// until the server closes; how long that took (`None`: still open after `limit`).
async fn trickle(app: &TestApp, first: &[u8], limit: Duration) -> Option<Duration> {
    let mut stream = connect(app).await;
    let started = Instant::now();
    stream.write_all(first).await.unwrap();
    let mut buf = [0u8; 4096];
    let mut byte = 0usize;
    while started.elapsed() < limit {
        match tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return Some(started.elapsed()),
            Ok(Ok(_)) => {} // an answer (408, 400): keep reading until the close
            Err(_) => {
                let filler = b"abcdefghijklmnopqrstuvwxyz";
                if stream
                    .write_all(&[filler[byte % filler.len()]])
                    .await
                    .is_err()
                {
                    return Some(started.elapsed());
                }
                byte += 1;
            }
        }
    }
    None
}

/// Property: a client that trickles its headers or its body one byte at a time (so it
/// is never idle) is closed within the header or body timeout: the deadline covers the
/// whole head or body, not each byte.
#[tokio::test]
async fn trickled_headers_and_bodies_are_closed_within_their_deadlines() {
    let app = TestApp::spawn_with(&[
        ("HTTP_IDLE_TIMEOUT_SECONDS", "30"),
        ("HTTP_HEADER_TIMEOUT_SECONDS", "1"),
        ("HTTP_BODY_TIMEOUT_SECONDS", "1"),
    ])
    .await;
    let limit = Duration::from_secs(5);
    let (headers, body) = tokio::join!(
        trickle(&app, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", limit),
        trickle(
            &app,
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{\"email\":\"",
            limit,
        ),
    );
    for (what, closed) in [("headers", headers), ("body", body)] {
        let closed = closed.unwrap_or_else(|| panic!("{what}: still open after {limit:?}"));
        assert!(
            closed < Duration::from_millis(2500),
            "{what}: closed after {closed:?}"
        );
    }
    // a normal client still works
    let reply = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success());
}
