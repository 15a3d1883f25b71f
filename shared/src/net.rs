//! Facts about the client taken from an HTTP request, shared by the API and the realtime
//! node so both count the same address for the same person.

use std::net::IpAddr;

use http::HeaderMap;

/// The client's address. Behind a trusted proxy (`TRUST_PROXY_HEADERS`), the right-most
/// `X-Forwarded-For` entry: the one our own proxy appended, which a client cannot forge.
/// Otherwise the TCP peer.
pub fn client_ip(
    headers: &HeaderMap,
    peer: Option<IpAddr>,
    trust_proxy_headers: bool,
) -> Option<IpAddr> {
    if trust_proxy_headers
        && let Some(ip) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|part| part.trim().parse::<IpAddr>().ok())
            .next_back()
    {
        return Some(ip);
    }
    peer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusts_the_rightmost_forwarded_address_only_when_told() {
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", "6.6.6.6, 10.0.0.1".parse().unwrap());
        headers.append("x-forwarded-for", "203.0.113.7".parse().unwrap());
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(
            client_ip(&headers, Some(peer), true),
            Some("203.0.113.7".parse().unwrap())
        );
        assert_eq!(client_ip(&headers, Some(peer), false), Some(peer));
        assert_eq!(client_ip(&HeaderMap::new(), Some(peer), true), Some(peer));
    }
}
