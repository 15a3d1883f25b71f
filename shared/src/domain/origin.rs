//! Web origins (`scheme://host[:port]`), as browsers send them in the `Origin` header.
//!
//! Assistants list the origins their widget may be embedded on. A pattern may use one
//! leading wildcard label (`https://*.example.com`) to allow every subdomain.

use url::Url;

use super::InvalidValue;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Origin(String);

impl Origin {
    /// Parses an origin or origin pattern and returns its canonical form
    /// (lower-case, default port dropped).
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let raw = raw.trim();
        let (scheme, rest) = raw
            .split_once("://")
            .ok_or_else(|| InvalidValue("must be an origin like https://example.com".into()))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(InvalidValue("must start with http:// or https://".into()));
        }
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains(['/', '?', '#', '@']) {
            return Err(InvalidValue(
                "must be only scheme, host and port (no path, query or credentials)".into(),
            ));
        }
        let (wildcard, host_port) = match rest.strip_prefix("*.") {
            Some(tail) => (true, tail),
            None => (false, rest),
        };
        if host_port.contains('*') {
            return Err(InvalidValue(
                "may use a wildcard only as the first label, as in https://*.example.com".into(),
            ));
        }
        let url = Url::parse(&format!("{scheme}://{host_port}"))
            .map_err(|_| InvalidValue("must be an origin like https://example.com".into()))?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| InvalidValue("must name a host".into()))?;
        if wildcard && !host.contains('.') {
            return Err(InvalidValue(
                "a wildcard needs a domain with a dot after it, as in https://*.example.com".into(),
            ));
        }
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        let prefix = if wildcard { "*." } else { "" };
        Ok(Self(format!("{scheme}://{prefix}{host}{port}")))
    }

    /// The origin of a URL.
    pub fn from_url(url: &Url) -> Self {
        Self(url.origin().ascii_serialization())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a browser's `Origin` header value is allowed by this origin or pattern.
    pub fn allows(&self, header_value: &str) -> bool {
        let Ok(actual) = Origin::parse(header_value) else {
            return false;
        };
        if actual.0.contains("://*.") {
            return false;
        }
        match self.0.split_once("://*.") {
            None => self.0 == actual.0,
            Some((scheme, suffix)) => actual
                .0
                .strip_prefix(scheme)
                .and_then(|rest| rest.strip_prefix("://"))
                .and_then(|host| host.strip_suffix(suffix))
                .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(
            Origin::parse("HTTPS://Shop.Example.com/").unwrap().as_str(),
            "https://shop.example.com"
        );
        assert_eq!(
            Origin::parse("https://example.com:443").unwrap().as_str(),
            "https://example.com"
        );
        assert_eq!(
            Origin::parse("http://localhost:5173").unwrap().as_str(),
            "http://localhost:5173"
        );
        assert_eq!(
            Origin::parse("https://*.example.com").unwrap().as_str(),
            "https://*.example.com"
        );
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://example.com/path",
            "https://",
            "https://a.*.com",
            "https://*.com",
            "https://u:p@example.com",
            "*",
        ] {
            assert!(Origin::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn matching() {
        let exact = Origin::parse("https://shop.example.com").unwrap();
        assert!(exact.allows("https://shop.example.com"));
        assert!(!exact.allows("http://shop.example.com"));
        assert!(!exact.allows("https://evil.com"));
        assert!(!exact.allows("null"));

        let wild = Origin::parse("https://*.example.com").unwrap();
        assert!(wild.allows("https://a.example.com"));
        assert!(wild.allows("https://a.b.example.com"));
        assert!(!wild.allows("https://example.com"));
        assert!(!wild.allows("https://evilexample.com"));
        assert!(!wild.allows("http://a.example.com"));
    }
}
