//! An endpoint's address, parsed at the edge: http(s), a host, no credentials, no
//! fragment, at most 2,000 characters. Whether the host is on the internal network is a
//! separate, resolving check ([`crate::outbound::resolve`]), made at creation and again
//! before every delivery.

use url::Url;

use crate::domain::InvalidValue;

const MAX_LEN: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointUrl(Url);

impl EndpointUrl {
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let raw = raw.trim();
        if raw.chars().count() > MAX_LEN {
            return Err(InvalidValue(format!(
                "must be at most {MAX_LEN} characters"
            )));
        }
        let url = Url::parse(raw)
            .map_err(|_| InvalidValue("must be a URL like https://example.com/hooks".into()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(InvalidValue("must start with https:// or http://".into()));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(InvalidValue("must name a host".into()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(InvalidValue(
                "must not carry a user name or password".into(),
            ));
        }
        if url.fragment().is_some() {
            return Err(InvalidValue("must not have a #fragment".into()));
        }
        Ok(Self(url))
    }

    pub fn as_url(&self) -> &Url {
        &self.0
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The host as resolvable text (IPv6 literals without brackets) and the port.
    pub fn host_and_port(&self) -> (String, u16) {
        let host = self
            .0
            .host_str()
            .unwrap_or_default()
            .trim_matches(['[', ']'])
            .to_owned();
        (host, self.0.port_or_known_default().unwrap_or(443))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_web_addresses_only() {
        assert_eq!(
            EndpointUrl::parse(" https://Example.com/hooks?x=1 ")
                .unwrap()
                .as_str(),
            "https://example.com/hooks?x=1"
        );
        let (host, port) = EndpointUrl::parse("http://[::1]:8080/h")
            .unwrap()
            .host_and_port();
        assert_eq!((host.as_str(), port), ("::1", 8080));
        for bad in [
            "",
            "example.com/hooks",
            "ftp://example.com/",
            "https://user:pw@example.com/",
            "https://example.com/#x",
            "file:///etc/passwd",
        ] {
            assert!(EndpointUrl::parse(bad).is_err(), "{bad}");
        }
        assert!(EndpointUrl::parse(&format!("https://e.com/{}", "a".repeat(2000))).is_err());
    }
}
