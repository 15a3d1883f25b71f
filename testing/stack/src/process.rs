//! Small helpers for fault tests that start, stop and freeze real processes.

use std::{path::PathBuf, process::Command, time::Duration};

/// The path of a tool a fault test needs. A missing tool fails the test with a clear
/// message instead of skipping it: a fault test that silently does nothing proves nothing.
pub fn require_tool(name: &str, candidates: &[&str], install: &str) -> PathBuf {
    for candidate in candidates {
        let path = PathBuf::from(candidate);
        if path.is_absolute() && path.is_file() {
            return path;
        }
    }
    if let Some(found) = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    }) {
        return found;
    }
    panic!("this fault test needs `{name}`, which is not installed: {install}");
}

/// A TCP port nobody listens on right now (the OS picks it).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local addr").port()
}

/// Sends a signal (`KILL`, `STOP`, `CONT`, `TERM`) to a process.
pub fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .args(["-s", name, &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -s {name} {pid} failed");
}

/// Polls `check` every 50 ms until it holds, or panics after `limit` with `what`.
pub async fn eventually<F, Fut>(limit: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = std::time::Instant::now();
    while !check().await {
        assert!(started.elapsed() < limit, "{what}: not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The HTTP status of `GET url` (0 when nothing answers).
pub async fn http_status(url: &str) -> u16 {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .build()
        .expect("http client");
    match client.get(url).send().await {
        Ok(response) => response.status().as_u16(),
        Err(_) => 0,
    }
}

/// Runs a blocking step (starting or stopping a server) without stalling the services
/// that run in this test's runtime. Needs the multi-threaded test runtime
/// (`#[tokio::test(flavor = "multi_thread")]`).
pub fn blocking<T>(step: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(step)
}
