//! Mistral's wire shapes and the deterministic text helpers (tokenisation, token estimates).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `usage` as Mistral reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
    pub total_tokens: u32,
}

impl Usage {
    pub fn new(prompt_tokens: u32, completion_tokens: u32) -> Self {
        Usage {
            prompt_tokens,
            completion_tokens,
            total_tokens: prompt_tokens.saturating_add(completion_tokens),
        }
    }
}

/// A piece longer than this many chars is split into pieces of `SPLIT_AT` chars.
const MAX_PIECE_CHARS: usize = 8;
const SPLIT_AT: usize = 6;

/// Splits `text` into the content chunks the fake streams: roughly one word per chunk, each
/// word carrying the whitespace before it (`"Hello world"` → `["Hello", " world"]`); a piece
/// longer than 8 chars is cut every 6 chars; trailing whitespace joins the last chunk.
/// Deterministic, and the chunks always concatenate to exactly `text`.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if in_word {
                push_piece(&mut out, std::mem::take(&mut cur));
                in_word = false;
            }
        } else {
            in_word = true;
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        if in_word {
            push_piece(&mut out, cur);
        } else if let Some(last) = out.last_mut() {
            last.push_str(&cur);
        } else {
            out.push(cur);
        }
    }
    out
}

fn push_piece(out: &mut Vec<String>, piece: String) {
    if piece.chars().count() <= MAX_PIECE_CHARS {
        out.push(piece);
        return;
    }
    let chars: Vec<char> = piece.chars().collect();
    for part in chars.chunks(SPLIT_AT) {
        out.push(part.iter().collect());
    }
}

const LOREM: &[&str] = &[
    "lorem", "ipsum", "dolor", "sit", "amet", "sed", "do", "eiusmod", "tempor", "ut", "labore",
    "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam", "quis", "nostrud",
    "ullamco", "laboris", "nisi", "aliquip", "ex", "ea", "commodo",
];

/// Exactly `n` chunks of lorem ipsum, one word each (`"Lorem"`, `" ipsum"`, …). They are
/// fixed points of [`tokenize`]: tokenising their concatenation gives them back.
pub fn lorem_chunks(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let word = LOREM[i % LOREM.len()];
            if i == 0 {
                let mut w = word.to_string();
                if let Some(first) = w.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                w
            } else {
                format!(" {word}")
            }
        })
        .collect()
}

/// The text of a message's `content`: a string, or the concatenated `text` of an array of
/// content parts (`[{"type":"text","text":"…"}]`); anything else is empty.
pub fn content_text(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect(),
        _ => String::new(),
    }
}

/// Deterministic prompt-token estimate: total chars of all message contents / 4, rounded up,
/// at least 1.
pub fn estimate_prompt_tokens(messages: &[Value]) -> u32 {
    let chars: usize = messages
        .iter()
        .map(|m| {
            m.get("content")
                .map(|c| content_text(c).chars().count())
                .unwrap_or(0)
        })
        .sum();
    u32::try_from(chars.div_ceil(4)).unwrap_or(u32::MAX).max(1)
}

/// The text of the last `user` message (empty when there is none).
pub fn last_user_text(messages: &[Value]) -> String {
    messages
        .iter()
        .rev()
        .find(|m| m.get("role").and_then(Value::as_str) == Some("user"))
        .and_then(|m| m.get("content"))
        .map(content_text)
        .unwrap_or_default()
}

// ---- outgoing JSON shapes (structs so the key order matches the real API) ----

#[derive(Serialize)]
pub(crate) struct ChunkOut<'a> {
    pub id: &'a str,
    pub object: &'static str,
    pub created: u64,
    pub model: &'a str,
    pub choices: [ChunkChoice<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

/// The last chunk of an OpenAI stream that asked for usage: no choices.
#[derive(Serialize)]
pub(crate) struct UsageChunkOut<'a> {
    pub id: &'a str,
    pub object: &'static str,
    pub created: u64,
    pub model: &'a str,
    pub choices: [(); 0],
    pub usage: Usage,
}

#[derive(Serialize)]
pub(crate) struct ChunkChoice<'a> {
    pub index: u32,
    pub delta: Delta<'a>,
    pub finish_reason: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct Delta<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    pub content: &'a str,
}

#[derive(Serialize)]
pub(crate) struct CompletionOut<'a> {
    pub id: &'a str,
    pub object: &'static str,
    pub created: u64,
    pub model: &'a str,
    pub choices: [CompletionChoice<'a>; 1],
    pub usage: Usage,
}

#[derive(Serialize)]
pub(crate) struct CompletionChoice<'a> {
    pub index: u32,
    pub message: MessageOut<'a>,
    pub finish_reason: &'a str,
}

#[derive(Serialize)]
pub(crate) struct MessageOut<'a> {
    pub role: &'static str,
    pub content: &'a str,
    pub tool_calls: Option<()>,
}

/// Serialises to a JSON string; the shapes here cannot fail, but no panic either way.
pub(crate) fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"serialization_error\":\"{e}\"}}"))
}

/// One SSE event: `data: <payload>\n\n`.
pub(crate) fn sse_event(payload: &str) -> bytes::Bytes {
    bytes::Bytes::from(format!("data: {payload}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tokenize_concatenates_back() {
        for text in [
            "",
            "   ",
            "Hello world",
            "  leading and trailing  ",
            "Supercalifragilistic expialidocious!",
            "multi\nline\n\ttext, with  double  spaces",
            "ünïcödé wörds ära fïne, 日本語のテキストも大丈夫です",
        ] {
            let chunks = tokenize(text);
            assert_eq!(chunks.concat(), text, "for {text:?}");
            assert!(chunks.iter().all(|c| !c.is_empty()));
        }
        assert_eq!(tokenize("Hello world"), vec!["Hello", " world"]);
        assert_eq!(
            tokenize("Supercalifragilistic"),
            vec!["Superc", "alifra", "gilist", "ic"]
        );
        assert!(tokenize("").is_empty());
    }

    #[test]
    fn lorem_is_exact_and_stable_under_tokenize() {
        assert!(lorem_chunks(0).is_empty());
        let chunks = lorem_chunks(100);
        assert_eq!(chunks.len(), 100);
        assert_eq!(chunks[0], "Lorem");
        assert_eq!(chunks[1], " ipsum");
        assert_eq!(tokenize(&chunks.concat()), chunks);
    }

    #[test]
    fn prompt_token_estimate() {
        assert_eq!(estimate_prompt_tokens(&[]), 1);
        let msgs = vec![
            json!({"role": "system", "content": "abcd"}),
            json!({"role": "user", "content": [{"type": "text", "text": "efghi"}]}),
        ];
        assert_eq!(estimate_prompt_tokens(&msgs), 3); // 9 chars → ceil(9/4)
        assert_eq!(last_user_text(&msgs), "efghi");
    }
}
