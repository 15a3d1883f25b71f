//! Text out of a source, keeping its headings: Markdown, plain text and HTML become a
//! list of [`Block`]s (a heading with its level, or a paragraph of text).
//!
//! The HTML reader is deliberately small: it drops `script`, `style`, `noscript`,
//! `template`, `svg` and `head` (except the `title`), turns `h1`–`h6` into headings and
//! every block-level tag into a paragraph break, and decodes the common entities.

/// One piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; level 1 is the outermost.
    Heading { level: u8, text: String },
    /// A paragraph (or list item, table row, code block).
    Text(String),
}

/// A document's format, from its media type or file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Plain,
    Html,
    /// Read by the worker page by page into text (`worker/src/knowledge/pdf.rs`).
    Pdf,
}

impl Format {
    /// The format of a file called `name` with media type `media_type` (either may be
    /// missing or empty); `None` when it is none Kremna reads.
    pub fn detect(media_type: Option<&str>, name: Option<&str>) -> Option<Self> {
        let media = media_type
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match media.as_str() {
            "text/html" | "application/xhtml+xml" => return Some(Self::Html),
            "text/markdown" | "text/x-markdown" => return Some(Self::Markdown),
            "application/pdf" | "application/x-pdf" => return Some(Self::Pdf),
            "text/plain" => {}
            "" | "application/octet-stream" => {}
            _ => return None,
        }
        let lower = name.unwrap_or("").to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "txt" | "text" => Some(Self::Plain),
            "pdf" if media != "text/plain" => Some(Self::Pdf),
            _ if media == "text/plain" => Some(Self::Plain),
            _ => None,
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Self::Markdown => "text/markdown",
            Self::Plain => "text/plain",
            Self::Html => "text/html",
            Self::Pdf => "application/pdf",
        }
    }
}

/// The blocks of `text` in `format`, and the document's own title when it has one
/// (HTML `<title>`, or a Markdown file's first level-1 heading).
pub fn extract(format: Format, text: &str) -> (Option<String>, Vec<Block>) {
    match format {
        Format::Markdown => {
            let blocks = markdown(text);
            let title = blocks.iter().find_map(|b| match b {
                Block::Heading { level: 1, text } => Some(text.clone()),
                _ => None,
            });
            (title, blocks)
        }
        // A PDF arrives here as the text of its pages.
        Format::Plain | Format::Pdf => (None, plain(text)),
        Format::Html => html(text),
    }
}

/// Paragraphs separated by blank lines.
pub fn plain(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut para, &mut blocks);
        } else {
            push_words(&mut para, line);
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

/// ATX headings (`#` … `######`), paragraphs, list items (each its own line kept in
/// its paragraph), fenced code kept as text; inline links and emphasis are reduced to
/// their text.
pub fn markdown(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para = String::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            flush(&mut para, &mut blocks);
            continue;
        }
        if in_fence {
            if !para.is_empty() {
                para.push('\n');
            }
            para.push_str(line);
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut para, &mut blocks);
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t']) {
            flush(&mut para, &mut blocks);
            let heading = inline_markdown(trimmed[hashes..].trim().trim_end_matches('#').trim());
            if !heading.is_empty() {
                blocks.push(Block::Heading {
                    level: u8::try_from(hashes).unwrap_or(6),
                    text: heading,
                });
            }
            continue;
        }
        // Setext underlines and horizontal rules carry no text.
        if trimmed
            .chars()
            .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' '))
        {
            flush(&mut para, &mut blocks);
            continue;
        }
        let is_item = trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || trimmed.starts_with("+ ")
            || trimmed
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if is_item && !para.is_empty() {
            para.push('\n');
        }
        let content = trimmed.trim_start_matches('>').trim_start();
        let clean = inline_markdown(content);
        if is_item || para.is_empty() || para.ends_with('\n') {
            para.push_str(&clean);
        } else {
            para.push(' ');
            para.push_str(&clean);
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

/// `[text](url)` → `text`, `![alt](src)` → `alt`, and `*`, `_`, `` ` `` emphasis marks
/// dropped (a `|` of a table row becomes a separator).
fn inline_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '!' && chars.get(i + 1) == Some(&'[') {
            i += 1;
            continue;
        }
        if c == '['
            && let Some(close) = chars[i + 1..].iter().position(|&x| x == ']')
            && chars.get(i + 1 + close + 1) == Some(&'(')
            && let Some(paren) = chars[i + close + 3..].iter().position(|&x| x == ')')
        {
            let end = i + 1 + close;
            out.extend(&chars[i + 1..end]);
            i = end + 2 + paren + 1;
            continue;
        }
        match c {
            '*' | '`' => {}
            '_' if i == 0
                || i + 1 == chars.len()
                || !chars[i - 1].is_alphanumeric()
                || !chars[i + 1].is_alphanumeric() => {}
            '|' => out.push_str(" | "),
            _ => out.push(c),
        }
        i += 1;
    }
    collapse(out.trim_matches(|c: char| c == '|' || c.is_whitespace()))
}

/// HTML to blocks, and the page's `<title>`.
pub fn html(source: &str) -> (Option<String>, Vec<Block>) {
    let mut blocks = Vec::new();
    let mut para = String::new();
    let mut title: Option<String> = None;
    let mut heading: Option<(u8, String)> = None;
    let mut in_title = false;
    let mut skip_until: Option<String> = None;
    let mut rest = source;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text_into(rest, &mut heading, &mut para, in_title, &mut title);
            break;
        };
        if lt > 0 && skip_until.is_none() {
            text_into(&rest[..lt], &mut heading, &mut para, in_title, &mut title);
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(until) = &skip_until {
            if closing && &name == until {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" | "noscript" | "template" | "svg" | "iframe"
                if !closing && !tag.ends_with('/') =>
            {
                skip_until = Some(name);
            }
            "title" => in_title = !closing,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                flush(&mut para, &mut blocks);
                let level = name[1..].parse::<u8>().unwrap_or(6);
                if closing {
                    if let Some((level, text)) = heading.take() {
                        let text = collapse(&text);
                        if !text.is_empty() {
                            blocks.push(Block::Heading { level, text });
                        }
                    }
                } else {
                    heading = Some((level, String::new()));
                }
            }
            "p" | "div" | "br" | "li" | "ul" | "ol" | "tr" | "table" | "section" | "article"
            | "header" | "footer" | "main" | "aside" | "nav" | "blockquote" | "pre" | "dd"
            | "dt" | "dl" | "form" | "hr" | "body" | "address" | "figure" | "figcaption"
                if heading.is_none() =>
            {
                flush(&mut para, &mut blocks);
            }
            "td" | "th" if closing => para.push_str(" | "),
            _ => {}
        }
    }
    flush(&mut para, &mut blocks);
    (
        title.map(|t| collapse(&t)).filter(|t| !t.is_empty()),
        blocks,
    )
}

fn text_into(
    raw: &str,
    heading: &mut Option<(u8, String)>,
    para: &mut String,
    in_title: bool,
    title: &mut Option<String>,
) {
    let text = decode_entities(raw);
    if in_title {
        title.get_or_insert_with(String::new).push_str(&text);
    } else if let Some((_, h)) = heading {
        h.push(' ');
        h.push_str(&text);
    } else {
        para.push(' ');
        para.push_str(&text);
    }
}

/// Decodes named entities Kremna meets in practice and every numeric one.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            "rsquo" | "lsquo" => Some('\''),
            "ldquo" | "rdquo" => Some('"'),
            "euro" => Some('€'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn push_words(para: &mut String, line: &str) {
    if !para.is_empty() {
        para.push(' ');
    }
    para.push_str(line.trim());
}

fn flush(para: &mut String, blocks: &mut Vec<Block>) {
    let text = if para.contains('\n') {
        para.lines()
            .map(collapse)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        collapse(para)
    };
    if !text.is_empty() {
        blocks.push(Block::Text(text));
    }
    para.clear();
}

/// Runs of whitespace become one space; the ends are trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A best guess at the text-search language: Turkish when its letters and common words
/// stand out, English when English function words do, otherwise none (`simple`).
pub fn detect_language(text: &str) -> super::Language {
    let sample: String = text.chars().take(20_000).collect::<String>().to_lowercase();
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let turkish_letters = sample
        .chars()
        .filter(|c| matches!(c, 'ç' | 'ğ' | 'ı' | 'ö' | 'ş' | 'ü'))
        .count();
    let words: Vec<&str> = sample
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    let tr = count(&[
        "ve", "bir", "bu", "için", "ile", "da", "de", "mi", "ne", "çok", "gibi", "olarak", "veya",
        "ama", "daha", "en", "her",
    ]);
    let en = count(&[
        "the", "and", "of", "to", "is", "in", "for", "you", "your", "with", "are", "on", "we",
        "can", "our", "this", "that",
    ]);
    let n = words.len().max(1);
    if turkish_letters * 100 / letters >= 2 || (tr * 100 / n >= 4 && tr > en) {
        super::Language::Tr
    } else if en * 100 / n >= 4 {
        super::Language::En
    } else {
        super::Language::Simple
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_headings_and_drops_markup() {
        let blocks = markdown(
            "# Shop\n\nWe sell **tea**.\n\n## Hours\n\n- Mon: 9-5\n- Sun: [closed](http://x)\n",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Shop".into()
                },
                Block::Text("We sell tea.".into()),
                Block::Heading {
                    level: 2,
                    text: "Hours".into()
                },
                Block::Text("- Mon: 9-5\n- Sun: closed".into()),
            ]
        );
    }

    #[test]
    fn html_keeps_headings_and_skips_scripts() {
        let (title, blocks) = html(
            "<html><head><title>Tea &amp; Co</title><style>p{}</style></head><body>\
             <h1>About <b>us</b></h1><script>var x = '<p>no</p>';</script>\
             <p>Open&nbsp;daily.</p><ul><li>One</li><li>Two</li></ul></body></html>",
        );
        assert_eq!(title.as_deref(), Some("Tea & Co"));
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "About us".into()
                },
                Block::Text("Open daily.".into()),
                Block::Text("One".into()),
                Block::Text("Two".into()),
            ]
        );
    }

    #[test]
    fn formats_come_from_media_type_or_name() {
        assert_eq!(
            Format::detect(Some("text/html; charset=utf-8"), None),
            Some(Format::Html)
        );
        assert_eq!(
            Format::detect(None, Some("README.md")),
            Some(Format::Markdown)
        );
        assert_eq!(
            Format::detect(Some("text/plain"), Some("notes")),
            Some(Format::Plain)
        );
        assert_eq!(
            Format::detect(Some("application/pdf"), Some("a.pdf")),
            Some(Format::Pdf)
        );
        assert_eq!(Format::detect(None, Some("Menu.PDF")), Some(Format::Pdf));
        assert_eq!(Format::detect(Some("image/png"), Some("a.png")), None);
    }

    #[test]
    fn languages_are_told_apart() {
        assert_eq!(
            detect_language("Mağazamız pazar günü saat 10'da açılır ve akşam 6'da kapanır."),
            super::super::Language::Tr
        );
        assert_eq!(
            detect_language("Our shop opens at 10 on Sunday and closes at 6 in the evening."),
            super::super::Language::En
        );
    }
}
