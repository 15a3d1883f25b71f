use std::net::IpAddr;

use poem::Request;

/// The client's address. Behind a trusted proxy (`TRUST_PROXY_HEADERS`), the right-most
/// `X-Forwarded-For` entry: the one our own proxy appended, which a client cannot forge.
pub fn client_ip(req: &Request, trust_proxy_headers: bool) -> Option<IpAddr> {
    if trust_proxy_headers
        && let Some(ip) = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|part| part.trim().parse::<IpAddr>().ok())
            .next_back()
    {
        return Some(ip);
    }
    req.remote_addr().as_socket_addr().map(|addr| addr.ip())
}
