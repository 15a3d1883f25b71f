//! Sitemaps (sitemaps.org): a `<urlset>` lists pages, a `<sitemapindex>` lists more
//! sitemaps. Only the `<loc>` of each entry is read.

use quick_xml::{Reader, events::Event};

/// What a sitemap lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    Pages(Vec<String>),
    Index(Vec<String>),
}

/// Parses a sitemap; `None` when it is not one (not XML, or neither root element).
pub fn parse(bytes: &[u8]) -> Option<Sitemap> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut root: Option<bool> = None; // Some(true): an index
    let mut in_loc = false;
    let mut locs = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                let name = name.as_ref();
                if root.is_none() {
                    root = match name {
                        b"urlset" => Some(false),
                        b"sitemapindex" => Some(true),
                        _ => return None,
                    };
                }
                in_loc = name == b"loc";
            }
            Ok(Event::End(_)) => in_loc = false,
            Ok(Event::Text(t)) if in_loc => {
                let text = t.unescape().ok()?.trim().to_owned();
                if !text.is_empty() {
                    locs.push(text);
                }
            }
            Ok(Event::CData(t)) if in_loc => {
                let text = String::from_utf8_lossy(&t).trim().to_owned();
                if !text.is_empty() {
                    locs.push(text);
                }
            }
            Ok(Event::Eof) => break,
            Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
    match root? {
        true => Some(Sitemap::Index(locs)),
        false => Some(Sitemap::Pages(locs)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_urlset_and_an_index() {
        let set = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://shop.example/hours</loc><lastmod>2026-01-01</lastmod></url>
  <url><loc> https://shop.example/a?x=1&amp;y=2 </loc></url>
</urlset>"#;
        assert_eq!(
            parse(set),
            Some(Sitemap::Pages(vec![
                "https://shop.example/hours".into(),
                "https://shop.example/a?x=1&y=2".into()
            ]))
        );
        let index = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://shop.example/s1.xml</loc></sitemap></sitemapindex>"#;
        assert_eq!(
            parse(index),
            Some(Sitemap::Index(vec!["https://shop.example/s1.xml".into()]))
        );
        assert_eq!(parse(b"<html><body>no</body></html>"), None);
        assert_eq!(parse(b"not xml at all <<<"), None);
    }
}
