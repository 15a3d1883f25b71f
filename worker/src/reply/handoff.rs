//! How the model hands a chat to a person (assistants whose policy is `model`).
//!
//! The mechanism is a **marker**, not a tool call: every provider the worker speaks to
//! streams text, not all of them stream tool calls the same way, and a marker costs the
//! model nothing to learn. The system prompt of such an assistant ends with
//! [`instruction`]; a reply that *begins* with [`MARKER`] (leading whitespace allowed)
//! hands off. The worker holds back the first characters of the stream until it can tell
//! whether they are the marker, removes it, streams and stores the rest of the reply, and
//! then moves the chat to `needs_human` (an event stored with the chat, `requested_by_model`).
//! A marker anywhere else is left as text: only the start counts, so a model quoting it
//! mid-sentence cannot hand off by accident.

/// What a reply starts with to hand the chat to a person.
pub const MARKER: &str = "[[handoff]]";

/// Appended to the instructions of an assistant that may hand off by itself.
pub fn instruction() -> String {
    format!(
        "If the visitor asks for a person, or you cannot help them, start your reply with \
         {MARKER} followed by one short sentence telling them a member of the team will \
         join. Never mention the marker otherwise."
    )
}

/// Separates the marker from the start of a streamed reply.
#[derive(Debug, Default)]
pub struct MarkerFilter {
    held: String,
    decided: bool,
    handoff: bool,
}

impl MarkerFilter {
    /// Takes the next streamed piece; returns what may be shown now (possibly nothing,
    /// while the start could still be the marker).
    pub fn push(&mut self, piece: &str) -> Option<String> {
        if self.decided {
            return (!piece.is_empty()).then(|| piece.to_owned());
        }
        self.held.push_str(piece);
        let start = self.held.trim_start();
        if start.len() >= MARKER.len() {
            self.decided = true;
            if let Some(rest) = start.strip_prefix(MARKER) {
                self.handoff = true;
                let rest = rest.trim_start().to_owned();
                self.held.clear();
                return (!rest.is_empty()).then_some(rest);
            }
        } else if MARKER.starts_with(start) {
            return None;
        } else {
            self.decided = true;
        }
        let out = std::mem::take(&mut self.held);
        (!out.is_empty()).then_some(out)
    }

    /// The end of the stream: whatever was held back (a reply shorter than the marker).
    pub fn finish(&mut self) -> Option<String> {
        self.decided = true;
        let out = std::mem::take(&mut self.held);
        (!out.is_empty()).then_some(out)
    }

    pub fn handed_off(&self) -> bool {
        self.handoff
    }
}

/// The stored reply without the marker, and whether it handed off.
pub fn strip(content: &str) -> (String, bool) {
    match content.trim_start().strip_prefix(MARKER) {
        Some(rest) => (rest.trim_start().to_owned(), true),
        None => (content.to_owned(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(pieces: &[&str]) -> (String, bool) {
        let mut filter = MarkerFilter::default();
        let mut shown = String::new();
        for piece in pieces {
            if let Some(out) = filter.push(piece) {
                shown.push_str(&out);
            }
        }
        if let Some(out) = filter.finish() {
            shown.push_str(&out);
        }
        (shown, filter.handed_off())
    }

    #[test]
    fn a_marker_split_across_pieces_is_removed() {
        assert_eq!(
            run(&[" [[hand", "off]] A colleague", " will join."]),
            ("A colleague will join.".into(), true)
        );
        assert_eq!(strip(" [[handoff]] Hi"), ("Hi".into(), true));
    }

    #[test]
    fn ordinary_replies_pass_unchanged() {
        assert_eq!(run(&["Hello", " there"]), ("Hello there".into(), false));
        assert_eq!(run(&["[", "[x"]), ("[[x".into(), false));
        assert_eq!(run(&["[["]), ("[[".into(), false));
        assert_eq!(
            run(&["Say [[handoff]] now"]),
            ("Say [[handoff]] now".into(), false)
        );
        assert_eq!(strip("Say [[handoff]]"), ("Say [[handoff]]".into(), false));
    }
}
