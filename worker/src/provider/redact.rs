//! A provider's error text, fit for the log: anything that looks like a credential
//! (an API key, a bearer token, a signed URL's signature) is replaced. Providers echo
//! what they were sent, and a log is read by more people than the key's owner.

/// Runs of at least this many token characters that mix letters and digits look like a
/// key or a token; ordinary words and model names are shorter or have no digits.
const MIN_SECRET_CHARS: usize = 20;

const REDACTED: &str = "[redacted]";

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | '/' | '=')
}

fn looks_secret(run: &str) -> bool {
    run.chars().count() >= MIN_SECRET_CHARS
        && run.chars().any(|c| c.is_ascii_alphabetic())
        && run.chars().any(|c| c.is_ascii_digit())
}

/// `text` with every secret-looking run replaced by `[redacted]`.
pub fn secrets(text: &str) -> String {
    fn flush(run: &mut String, out: &mut String) {
        if looks_secret(run) {
            out.push_str(REDACTED);
        } else {
            out.push_str(run);
        }
        run.clear();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if is_token_char(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::secrets;

    #[test]
    fn keys_and_tokens_are_replaced() {
        let text = r#"{"message":"Invalid key sk-live-0123456789abcdefghij for Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl"}"#;
        let clean = secrets(text);
        assert!(!clean.contains("0123456789abcdefghij"), "{clean}");
        assert!(!clean.contains("eyJhbGciOiJIUzI1NiJ9"), "{clean}");
        assert_eq!(
            clean,
            r#"{"message":"Invalid key [redacted] for Bearer [redacted]"}"#
        );
    }

    #[test]
    fn ordinary_words_codes_and_model_names_stay() {
        let text = "Requests rate limit exceeded (HTTP 429) for mistral-small-latest";
        assert_eq!(secrets(text), text);
    }
}
