//! `fake-mistral`: runs the fake Mistral API as a process (for benchmarks and manual tests).
//!
//! ```text
//! fake-mistral [--listen 127.0.0.1:7070] [--ttft-ms N] [--inter-token-ms N]
//!              [--reply-words N | --reply TEXT | --echo] [--api-key KEY] [--config-json JSON]
//! ```
//! Prints `listening on http://ADDR` to stdout once it accepts connections, then serves until
//! SIGTERM or Ctrl-C. Behaviour can be changed at runtime with `POST /_fake/config`.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use kremna_fake_mistral::{FakeConfig, FakeMistral, Reply};

const USAGE: &str = "\
usage: fake-mistral [options]
  --listen ADDR          address to bind (default 127.0.0.1:7070; port 0 picks a free one)
  --ttft-ms N            time to first token, milliseconds (default 0)
  --inter-token-ms N     delay between chunks, milliseconds (default 0)
  --reply-words N        answer N lorem-ipsum words, one chunk each
  --reply TEXT           answer this fixed text
  --echo                 answer \"You said: <last user message>\" (the default)
  --api-key KEY          require `Authorization: Bearer KEY` (401 otherwise)
  --config-json JSON     a whole FakeConfig as JSON (applied first; other flags override)
  -h, --help             this help

Control endpoints: GET /_fake/requests, GET /_fake/config, POST /_fake/config (replace),
  PATCH /_fake/config (merge top-level keys), POST /_fake/reset, GET /_fake/health";

struct Args {
    listen: SocketAddr,
    config: FakeConfig,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut listen = SocketAddr::from(([127, 0, 0, 1], 7070));
    let mut base: Option<FakeConfig> = None;
    let mut ttft = None;
    let mut gap = None;
    let mut reply = None;
    let mut api_key = None;
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--listen" => {
                let v = value("--listen")?;
                listen = v
                    .parse()
                    .map_err(|e| format!("--listen {v:?}: {e} (want IP:PORT)"))?;
            }
            "--ttft-ms" => ttft = Some(parse_ms("--ttft-ms", &value("--ttft-ms")?)?),
            "--inter-token-ms" => {
                gap = Some(parse_ms("--inter-token-ms", &value("--inter-token-ms")?)?);
            }
            "--reply-words" => {
                let v = value("--reply-words")?;
                let tokens = v.parse().map_err(|e| format!("--reply-words {v:?}: {e}"))?;
                reply = Some(Reply::Lorem { tokens });
            }
            "--reply" => reply = Some(Reply::Fixed(value("--reply")?)),
            "--echo" => reply = Some(Reply::Echo),
            "--api-key" => api_key = Some(value("--api-key")?),
            "--config-json" => {
                let v = value("--config-json")?;
                base = Some(serde_json::from_str(&v).map_err(|e| format!("--config-json: {e}"))?);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let mut config = base.unwrap_or_default();
    if let Some(d) = ttft {
        config.time_to_first_token = d;
    }
    if let Some(d) = gap {
        config.inter_token_delay = d;
    }
    if let Some(r) = reply {
        config.reply = r;
    }
    if api_key.is_some() {
        config.api_key = api_key;
    }
    Ok(Some(Args { listen, config }))
}

fn parse_ms(flag: &str, v: &str) -> Result<Duration, String> {
    v.parse::<u64>()
        .map(Duration::from_millis)
        .map_err(|e| format!("{flag} {v:?}: {e}"))
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("fake-mistral: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let fake = match FakeMistral::bind(args.listen, args.config).await {
        Ok(fake) => fake,
        Err(e) => {
            eprintln!("fake-mistral: cannot bind {}: {e}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", fake.base_url());
        let _ = out.flush();
    }
    wait_for_signal().await;
    fake.shutdown().await;
    ExitCode::SUCCESS
}
