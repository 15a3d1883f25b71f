//! Requests the services send to addresses a tenant chose (knowledge pages, webhooks):
//! which addresses are off limits, and resolving a host so the request goes to the
//! address that was checked (no window for a DNS answer to change in between).

use std::net::{IpAddr, SocketAddr};

/// Loopback, private, link-local, unique-local, multicast, unspecified, broadcast,
/// shared (CGNAT) and documentation ranges, in IPv4 and IPv6 (IPv4-mapped and
/// IPv4-compatible IPv6 included): nothing a public service lives on.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                // 100.64.0.0/10, carrier-grade NAT; 198.18.0.0/15, benchmarking;
                // 240.0.0.0/4, reserved.
                || (a == 100 && (b & 0xc0) == 64)
                || (a == 198 && (b & 0xfe) == 18)
                || a >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal(IpAddr::V4(v4));
            }
            let s = v6.segments();
            // ::a.b.c.d (deprecated IPv4-compatible), but not :: and ::1 themselves.
            if s[..6].iter().all(|&x| x == 0) && !v6.is_loopback() && !v6.is_unspecified() {
                return true;
            }
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (s[0] & 0xffc0) == 0xfe80 // link local fe80::/10
                || (s[0] & 0xffc0) == 0xfec0 // site local (deprecated)
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x0064 && s[1] == 0xff9b) // NAT64 onto any IPv4
        }
    }
}

/// Why an address may not be sent to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the host {0} could not be found")]
    NotFound(String),
    #[error("the host {host} resolves to {ip}, an address on a private network")]
    Internal { host: String, ip: IpAddr },
}

/// Resolves `host` and, unless `allow_internal`, refuses it when any of its addresses is
/// internal (a name with one public and one private address is refused: the client
/// could pick either). Returns the address to connect to.
pub async fn resolve(host: &str, port: u16, allow_internal: bool) -> Result<SocketAddr, Refused> {
    let bare = host.trim_matches(['[', ']']);
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((bare, port))
        .await
        .map_err(|_| Refused::NotFound(host.to_owned()))?
        .collect();
    let first = addrs
        .first()
        .copied()
        .ok_or_else(|| Refused::NotFound(host.to_owned()))?;
    if !allow_internal && let Some(bad) = addrs.iter().find(|a| is_internal(a.ip())) {
        return Err(Refused::Internal {
            host: host.to_owned(),
            ip: bad.ip(),
        });
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_recognised() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.0.1",
            "169.254.169.254",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "100.64.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::7f00:1",
        ] {
            assert!(is_internal(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "::ffff:1.1.1.1",
        ] {
            assert!(!is_internal(ip.parse().unwrap()), "{ip}");
        }
    }

    #[tokio::test]
    async fn loopback_is_refused_unless_allowed() {
        assert!(matches!(
            resolve("127.0.0.1", 80, false).await,
            Err(Refused::Internal { .. })
        ));
        assert!(matches!(
            resolve("[::1]", 80, false).await,
            Err(Refused::Internal { .. })
        ));
        assert_eq!(
            resolve("127.0.0.1", 8080, true).await.unwrap(),
            "127.0.0.1:8080".parse().unwrap()
        );
    }
}
