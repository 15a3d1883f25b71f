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

/// A request target fit for logs: the path, and the query's parameter names with every
/// value replaced by `_` (values can hold tokens, e-mails, search text).
pub fn redacted_target(path: &str, query: Option<&str>) -> String {
    match query {
        None | Some("") => path.to_owned(),
        Some(query) => {
            let names: Vec<&str> = query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
                .collect();
            let redacted: Vec<String> = names.iter().map(|name| format!("{name}=_")).collect();
            format!("{path}?{}", redacted.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_never_reach_the_logs() {
        assert_eq!(redacted_target("/a/b", None), "/a/b");
        assert_eq!(
            redacted_target(
                "/api/v1/analytics/export",
                Some("token=eyJ.secret&from=2026-01-01&flag&email=a%40b.c")
            ),
            "/api/v1/analytics/export?token=_&from=_&flag=_&email=_"
        );
    }

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
