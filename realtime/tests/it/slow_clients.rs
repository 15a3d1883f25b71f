//! Issue 9 point 5 on the realtime node: slow and greedy clients. Raw TCP, since an
//! HTTP client would not send half a request.

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use kremna_test_stack::{Options, PLATFORM_ORIGIN, Stack};
use serde_json::json;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

async fn stack_with(env: &[(&'static str, &str)]) -> Stack {
    Stack::start(Options {
        in_process_worker: false,
        env: env.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        ..Options::default()
    })
    .await
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
            Ok(Ok(0) | Err(_)) => {
                return (
                    String::from_utf8_lossy(&got).into(),
                    Some(started.elapsed()),
                );
            }
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// Sends `first`, then one byte of `rest` every 200 ms (never idle, never finished)
/// until the server closes; how long that took (`None`: still open after `limit`).
async fn trickle(addr: SocketAddr, first: Vec<u8>, limit: Duration) -> Option<Duration> {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    stream.write_all(&first).await.unwrap();
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

/// An engine.io polling session's id (a real handshake).
async fn polling_session(addr: SocketAddr) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            format!(
                "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nOrigin: {PLATFORM_ORIGIN}\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
    let sid = answer
        .split("\"sid\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no session in {answer}"));
    sid.to_owned()
}

fn polling_post(sid: &str, content_length: u64) -> Vec<u8> {
    format!(
        "POST /socket.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: x\r\nOrigin: {PLATFORM_ORIGIN}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: {content_length}\r\n\r\n"
    )
    .into_bytes()
}

/// Property: whatever a client does slowly — sends nothing, trickles its headers a byte
/// at a time, or trickles a polling body — the node closes the connection within the
/// header or body timeout (counted for the whole head or body, not per byte), while a
/// quiet but healthy socket.io client (server pings keep it alive) stays connected well
/// past the idle timeout, on both transports.
#[tokio::test]
async fn slow_clients_are_closed_within_the_timeouts() {
    let stack = stack_with(&[
        ("REALTIME_HEADER_TIMEOUT_SECONDS", "1"),
        ("REALTIME_BODY_TIMEOUT_SECONDS", "1"),
        ("REALTIME_IDLE_TIMEOUT_SECONDS", "2"),
    ])
    .await;
    let addr = stack.node_addr(0);
    let limit = Duration::from_secs(5);
    let sid = polling_session(addr).await;

    let silent = async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        read_until_closed(&mut stream, limit).await.1
    };
    let headers = trickle(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".to_vec(),
        limit,
    );
    let body = trickle(addr, polling_post(&sid, 10_000), limit);
    let (silent, headers, body) = tokio::join!(silent, headers, body);
    for (what, closed) in [("silent", silent), ("headers", headers), ("body", body)] {
        let closed = closed.unwrap_or_else(|| panic!("{what}: still open after {limit:?}"));
        assert!(
            closed < Duration::from_millis(2500),
            "{what}: closed after {closed:?}"
        );
    }

    let owner = stack.owner("slow").await;
    let bot = stack.assistant(&owner, json!({})).await;
    for transport in ["websocket", "polling"] {
        let quiet = stack
            .scenario(
                "linger",
                json!({ "url": stack.node_url(0), "assistantId": bot, "origin": PLATFORM_ORIGIN, "transport": transport, "waitMs": 4500 }),
            )
            .await;
        assert_eq!(quiet["connected"], true, "{transport}: {quiet}");
        assert_eq!(quiet["disconnects"], 0, "{transport}: {quiet}");
        assert_eq!(quiet["started"]["ok"], true, "{transport}: {quiet}");
    }
    stack.stop().await;
}

/// Property: a polling request that declares a body over the 256 KiB limit gets 413 at
/// once, before any of the body is read, and the connection is closed.
#[tokio::test]
async fn an_oversized_content_length_gets_413_before_the_body() {
    let stack = stack_with(&[]).await;
    let addr = stack.node_addr(0);
    let sid = polling_session(addr).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(&polling_post(&sid, 1_000_000_000))
        .await
        .unwrap();
    let (answer, closed) = read_until_closed(&mut stream, Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    assert!(closed.is_some(), "the connection is closed after the 413");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    stack.stop().await;
}

/// Property: one peer address holds at most `REALTIME_MAX_CONNECTIONS_PER_IP`
/// connections; more are closed unanswered, and a freed place can be used again.
#[tokio::test]
async fn one_address_may_hold_only_so_many_connections() {
    let stack = stack_with(&[("REALTIME_MAX_CONNECTIONS_PER_IP", "3")]).await;
    let addr = stack.node_addr(0);
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 12];
        stream.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"HTTP/1.1 200");
        held.push(stream);
    }
    let mut fourth = TcpStream::connect(addr).await.unwrap();
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
    let mut again = TcpStream::connect(addr).await.unwrap();
    again
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (answer, _) = read_until_closed(&mut again, Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    stack.stop().await;
}
