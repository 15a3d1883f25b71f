//! Request extractors: who is calling (and may they), path parameters that know their
//! names, JSON bodies that name the failing field, the client's address.

pub mod api_key;
pub mod auth;
pub mod declared;
pub mod json_body;
pub mod path;

pub use api_key::{Caller, KeyGate, res};
pub use auth::Member;
pub use json_body::{BodyLimit, JsonBody};
pub use path::{Path, name};

/// The client's address for rate limits and logs (one rule for every service).
pub fn client_ip(req: &poem::Request, trust_proxy_headers: bool) -> Option<std::net::IpAddr> {
    kremna_shared::net::client_ip(
        req.headers(),
        req.remote_addr().as_socket_addr().map(|a| a.ip()),
        trust_proxy_headers,
    )
}
