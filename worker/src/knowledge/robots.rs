//! A small robots.txt reader (RFC 9309): the groups whose `User-agent` names our product
//! token (or, when none does, the `*` groups), their `Allow` and `Disallow` rules with
//! `*` and `$`, and the longest match deciding (`Allow` wins a tie).

/// The product token the crawler announces and looks for in `User-agent` lines.
pub const AGENT_TOKEN: &str = "KremnaKnowledgeBot";

/// The `User-Agent` header of every knowledge fetch.
pub const USER_AGENT: &str = "KremnaKnowledgeBot/1.0 (+https://github.com/kremna)";

/// The rules that apply to us.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    allow: bool,
    pattern: String,
}

impl Robots {
    /// Everything allowed (no robots.txt: a 4xx answer).
    pub fn allow_all() -> Self {
        Self::default()
    }

    /// Nothing allowed.
    pub fn disallow_all() -> Self {
        Self {
            rules: vec![Rule {
                allow: false,
                pattern: "/".into(),
            }],
        }
    }

    pub fn parse(text: &str) -> Self {
        let ours = AGENT_TOKEN.to_ascii_lowercase();
        // Each group: its agents and its rules. Consecutive User-agent lines share a group.
        let mut groups: Vec<(Vec<String>, Vec<Rule>)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new()));
                        in_agents = true;
                    }
                    if let Some(group) = groups.last_mut() {
                        group.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    // An empty Disallow allows everything: no rule.
                    if value.is_empty() {
                        continue;
                    }
                    if let Some(group) = groups.last_mut() {
                        group.1.push(Rule {
                            allow: key == "allow",
                            pattern: value.to_owned(),
                        });
                    }
                }
                _ => in_agents = false,
            }
        }
        let named: Vec<Rule> = groups
            .iter()
            .filter(|(agents, _)| {
                agents
                    .iter()
                    .any(|a| a != "*" && ours.starts_with(a.as_str()))
            })
            .flat_map(|(_, rules)| rules.iter().cloned())
            .collect();
        let any_named = groups.iter().any(|(agents, _)| {
            agents
                .iter()
                .any(|a| a != "*" && ours.starts_with(a.as_str()))
        });
        let rules = if any_named {
            named
        } else {
            groups
                .iter()
                .filter(|(agents, _)| agents.iter().any(|a| a == "*"))
                .flat_map(|(_, rules)| rules.iter().cloned())
                .collect()
        };
        Self { rules }
    }

    /// Whether `path` (the URL's path and query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if matches(&rule.pattern, path) {
                let len = rule.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether a robots pattern (a path prefix, `*` any run of characters, a final `$` the
/// end) matches `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = path;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 && anchored {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    !anchored || rest.is_empty() || (parts.len() > 1 && parts.last() == Some(&""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_group_wins_over_the_star_group() {
        let robots = Robots::parse(
            "User-agent: *\nDisallow: /\n\nUser-agent: kremnaknowledgebot\nUser-agent: other\nDisallow: /private\nAllow: /private/open\n",
        );
        assert!(robots.allows("/hours"));
        assert!(!robots.allows("/private/notes"));
        assert!(robots.allows("/private/open/page"), "the longer Allow wins");
    }

    #[test]
    fn the_star_group_applies_when_none_names_us() {
        let robots = Robots::parse(
            "# comment\nUser-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /admin # staff\nDisallow: /*.pdf$\nAllow: /admin/help\nDisallow:\n",
        );
        assert!(robots.allows("/"));
        assert!(!robots.allows("/admin/users"));
        assert!(robots.allows("/admin/help/faq"));
        assert!(!robots.allows("/files/menu.pdf"));
        assert!(robots.allows("/files/menu.pdf?x=1"));
    }

    #[test]
    fn ties_go_to_allow_and_wildcards_match_runs() {
        let robots =
            Robots::parse("User-agent: *\nDisallow: /a*z\nAllow: /a*z\nDisallow: /shop/*/cart\n");
        assert!(robots.allows("/abcz"));
        assert!(!robots.allows("/shop/tea/cart"));
        assert!(robots.allows("/shop/tea"));
        assert!(Robots::parse("").allows("/anything"));
        assert!(!Robots::disallow_all().allows("/x"));
    }
}
