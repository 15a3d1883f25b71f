//! Splitting blocks into chunks that keep their headings.
//!
//! Each chunk carries the path of headings above it (outermost first), so "Sunday: 10–16"
//! is found and shown as "Shop › Opening hours". A heading starts a new chunk; text under
//! one heading fills chunks up to [`MAX_CHARS`], and each continuation starts with the
//! last [`OVERLAP_CHARS`] or so of the previous chunk (cut at a word), so a sentence that
//! straddles a cut is found from either side.

use super::extract::Block;

/// The most characters of body text in one chunk (about 220 tokens).
pub const MAX_CHARS: usize = 900;
/// About how much of the previous chunk a continuation repeats.
pub const OVERLAP_CHARS: usize = 150;

/// One piece of a document, ready to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The headings above the text, joined with " › ".
    pub heading: String,
    pub body: String,
}

/// The separator between the headings of a path.
pub const HEADING_SEPARATOR: &str = " › ";

/// Chunks of `blocks`, in order.
pub fn split(blocks: &[Block]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut path: Vec<(u8, String)> = Vec::new();
    let mut body = String::new();
    let heading_of = |path: &[(u8, String)]| {
        path.iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(HEADING_SEPARATOR)
    };
    let mut current_heading = String::new();
    for block in blocks {
        match block {
            Block::Heading { level, text } => {
                emit(&mut chunks, &current_heading, &mut body);
                while path.last().is_some_and(|(l, _)| *l >= *level) {
                    path.pop();
                }
                path.push((*level, text.clone()));
                current_heading = heading_of(&path);
            }
            Block::Text(text) => {
                for piece in pieces(text) {
                    let extra = usize::from(!body.is_empty());
                    if body.chars().count() + extra + piece.chars().count() > MAX_CHARS
                        && !body.is_empty()
                    {
                        let tail = overlap(&body);
                        emit(&mut chunks, &current_heading, &mut body);
                        body = tail;
                    }
                    if !body.is_empty() {
                        body.push(if piece.starts_with("- ") { '\n' } else { ' ' });
                    }
                    body.push_str(&piece);
                }
                body.push('\n');
            }
        }
    }
    emit(&mut chunks, &current_heading, &mut body);
    // A heading with no text under it still tells something (a page of headings).
    if chunks.is_empty() && !current_heading.is_empty() {
        chunks.push(Chunk {
            heading: String::new(),
            body: current_heading,
        });
    }
    chunks
}

fn emit(chunks: &mut Vec<Chunk>, heading: &str, body: &mut String) {
    let text = body.trim();
    if !text.is_empty() {
        chunks.push(Chunk {
            heading: heading.to_owned(),
            body: text.to_owned(),
        });
    }
    body.clear();
}

/// The end of `body` to repeat at the start of the next chunk: whole words, about
/// [`OVERLAP_CHARS`] characters.
fn overlap(body: &str) -> String {
    let chars: Vec<char> = body.trim_end().chars().collect();
    if chars.len() <= OVERLAP_CHARS {
        return String::new();
    }
    let start = chars.len() - OVERLAP_CHARS;
    let tail: String = chars[start..].iter().collect();
    // Drop the partial first word.
    match tail.split_once(char::is_whitespace) {
        Some((_, rest)) => format!("… {}", rest.trim_start()),
        None => String::new(),
    }
}

/// A paragraph cut into sentences that each fit a chunk (a sentence longer than a chunk
/// is cut at words).
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut sentence = String::new();
        for word in line.split_whitespace() {
            if sentence.chars().count() + word.chars().count() + 1 > MAX_CHARS - OVERLAP_CHARS - 10
            {
                out.push(std::mem::take(&mut sentence));
            }
            if !sentence.is_empty() {
                sentence.push(' ');
            }
            sentence.push_str(word);
            if word.ends_with(['.', '!', '?']) && sentence.chars().count() > 40 {
                out.push(std::mem::take(&mut sentence));
            }
        }
        if !sentence.is_empty() {
            out.push(sentence);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, text: &str) -> Block {
        Block::Heading {
            level,
            text: text.into(),
        }
    }

    #[test]
    fn chunks_carry_their_heading_path() {
        let chunks = split(&[
            heading(1, "Shop"),
            Block::Text("We sell tea.".into()),
            heading(2, "Hours"),
            Block::Text("Sunday 10 to 4.".into()),
            heading(2, "Returns"),
            Block::Text("Thirty days.".into()),
        ]);
        assert_eq!(
            chunks,
            vec![
                Chunk {
                    heading: "Shop".into(),
                    body: "We sell tea.".into()
                },
                Chunk {
                    heading: "Shop › Hours".into(),
                    body: "Sunday 10 to 4.".into()
                },
                Chunk {
                    heading: "Shop › Returns".into(),
                    body: "Thirty days.".into()
                },
            ]
        );
    }

    #[test]
    fn long_sections_are_cut_with_overlap() {
        let text: String = (0..200)
            .map(|i| format!("Sentence number {i} is here."))
            .collect::<Vec<_>>()
            .join(" ");
        let chunks = split(&[heading(1, "Long"), Block::Text(text)]);
        assert!(chunks.len() > 3);
        for pair in chunks.windows(2) {
            assert!(pair[0].body.chars().count() <= MAX_CHARS);
            assert_eq!(pair[1].heading, "Long");
            assert!(
                pair[1].body.starts_with('…'),
                "a continuation repeats the end"
            );
            let repeated = pair[1].body.trim_start_matches("… ");
            let first_words: String = repeated.chars().take(20).collect();
            assert!(pair[0].body.contains(&first_words));
        }
    }
}
