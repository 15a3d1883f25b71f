//! How long browsers and CDNs may keep each file.

/// Hashed build outputs (`assets/index-CRLYi2WV.js`) never change under their name;
/// the widget's entry points keep their names across releases, so they are cached
/// briefly (a release reaches every customer page within minutes); pages revalidate.
pub fn cache_control(path: &str) -> &'static str {
    if is_hashed(path) {
        "public, max-age=31536000, immutable"
    } else if path.ends_with(".html") {
        "no-cache"
    } else {
        "public, max-age=300"
    }
}

/// Vite names outputs `name-<8+ chars of hash>.ext`.
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_immutable_and_entry_points_short_lived() {
        assert_eq!(
            cache_control("assets/index-CRLYi2WV.js"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("embed.js"), "public, max-age=300");
        assert_eq!(cache_control("chat.js"), "public, max-age=300");
        assert_eq!(cache_control("index.html"), "no-cache");
        assert_eq!(cache_control("demo.html"), "no-cache");
        assert_eq!(cache_control("favicon.svg"), "public, max-age=300");
    }
}
