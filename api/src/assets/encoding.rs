//! `Accept-Encoding` negotiation between brotli, gzip and the plain bytes.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The encoding to send: the client's highest-weighted one among those we have, brotli
/// before gzip on a tie (it is smaller). `q=0` refuses an encoding.
pub fn preferred(accept: &str, have_brotli: bool, have_gzip: bool) -> Encoding {
    let mut best = (Encoding::Identity, 0.0_f32);
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        let candidate = match name.as_str() {
            "br" if have_brotli => Encoding::Brotli,
            "gzip" | "x-gzip" if have_gzip => Encoding::Gzip,
            "*" if have_brotli => Encoding::Brotli,
            "*" if have_gzip => Encoding::Gzip,
            _ => continue,
        };
        let better = q > best.1 || (q == best.1 && q > 0.0 && candidate == Encoding::Brotli);
        if q > 0.0 && better {
            best = (candidate, q);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::{Encoding::*, *};

    #[test]
    fn negotiates_by_weight_then_size() {
        assert_eq!(preferred("gzip, deflate, br", true, true), Brotli);
        assert_eq!(preferred("gzip", true, true), Gzip);
        assert_eq!(preferred("br;q=0.5, gzip;q=0.8", true, true), Gzip);
        assert_eq!(preferred("br;q=0, gzip", true, true), Gzip);
        assert_eq!(preferred("", true, true), Identity);
        assert_eq!(preferred("identity", true, true), Identity);
        assert_eq!(preferred("br", false, true), Identity);
        assert_eq!(preferred("*", false, true), Gzip);
    }
}
