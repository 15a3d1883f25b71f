//! Facts about a connection taken from its HTTP handshake.

use std::net::{IpAddr, SocketAddr};

use http::request::Parts;

/// The peer address of the TCP connection, put into each request by the HTTP layer.
#[derive(Debug, Clone, Copy)]
pub struct PeerAddr(pub SocketAddr);

/// The page's `Origin` header (browsers send it on cross-origin requests and on every
/// websocket handshake).
pub fn origin(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get(http::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// The client's address; behind a trusted proxy, the right-most `X-Forwarded-For`.
pub fn ip(parts: &Parts, trust_proxy_headers: bool) -> Option<IpAddr> {
    if trust_proxy_headers
        && let Some(ip) = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|p| p.trim().parse::<IpAddr>().ok())
            .next_back()
    {
        return Some(ip);
    }
    parts.extensions.get::<PeerAddr>().map(|p| p.0.ip())
}
