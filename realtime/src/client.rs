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

/// The client's address (the API's rule: see `kremna_shared::net`).
pub fn ip(parts: &Parts, trust_proxy_headers: bool) -> Option<IpAddr> {
    kremna_shared::net::client_ip(
        &parts.headers,
        parts.extensions.get::<PeerAddr>().map(|p| p.0.ip()),
        trust_proxy_headers,
    )
}
