//! What the model sees: the assistant's instructions, then as much of the conversation
//! as fits the token budget, newest turns kept first. (The original sent only the last
//! message.)

use kremna_shared::domain::MessageRole;

use crate::provider::{ChatMessage, Role};

/// A rough token estimate: about four characters a token, plus per-message overhead.
/// Good enough to stay under a budget; the provider's exact count comes back in `usage`.
pub fn estimate_tokens(text: &str) -> usize {
    text.chars().count().div_ceil(4) + 4
}

/// Builds the prompt. `history` is oldest first and ends with the visitor message being
/// answered, which is always kept, as are the instructions.
pub fn build(
    instructions: &str,
    history: &[(MessageRole, String)],
    budget: usize,
) -> Vec<ChatMessage> {
    let mut messages = Vec::with_capacity(history.len() + 1);
    let mut used = 0;
    if !instructions.trim().is_empty() {
        used += estimate_tokens(instructions);
        messages.push(ChatMessage {
            role: Role::System,
            content: instructions.to_owned(),
        });
    }
    let mut kept: Vec<ChatMessage> = Vec::new();
    for (i, (role, content)) in history.iter().rev().enumerate() {
        let cost = estimate_tokens(content);
        if i > 0 && used + cost > budget {
            break;
        }
        used += cost;
        kept.push(ChatMessage {
            role: match role {
                MessageRole::User => Role::User,
                // A human agent spoke for the assistant; to the model it is the assistant.
                MessageRole::Assistant | MessageRole::Agent => Role::Assistant,
                MessageRole::System => Role::System,
            },
            content: content.clone(),
        });
    }
    kept.reverse();
    // A conversation must not open with an assistant turn after the system prompt.
    while kept.first().is_some_and(|m| m.role == Role::Assistant) && kept.len() > 1 {
        kept.remove(0);
    }
    messages.extend(kept);
    messages
}

#[cfg(test)]
mod tests {
    use MessageRole::{Assistant, User};

    use super::*;

    fn turns(n: usize) -> Vec<(MessageRole, String)> {
        (0..n)
            .map(|i| {
                (
                    if i % 2 == 0 { User } else { Assistant },
                    format!("turn {i} {}", "x".repeat(36)),
                )
            })
            .collect()
    }

    #[test]
    fn keeps_instructions_and_the_newest_turns_that_fit() {
        let history = turns(21);
        let all = build("Be brief.", &history, 100_000);
        assert_eq!(all.len(), 22);
        assert_eq!(all[0].role, Role::System);
        assert_eq!(all.last().unwrap().content, history[20].1);

        let some = build("Be brief.", &history, 60);
        assert!(some.len() < all.len());
        assert_eq!(some[0].role, Role::System);
        assert_eq!(
            some.last().unwrap().content,
            history[20].1,
            "the message being answered is kept"
        );
        assert_eq!(some[1].role, Role::User, "no leading assistant turn");
    }

    #[test]
    fn every_author_becomes_a_provider_role() {
        let history = vec![
            (User, "Hi".to_owned()),
            (MessageRole::Agent, "A person answers.".to_owned()),
            (MessageRole::System, "Chat handed back.".to_owned()),
            (User, "Thanks".to_owned()),
        ];
        let roles: Vec<Role> = build("Be kind.", &history, 100_000)
            .iter()
            .map(|m| m.role)
            .collect();
        assert_eq!(
            roles,
            [
                Role::System,
                Role::User,
                Role::Assistant,
                Role::System,
                Role::User
            ]
        );
    }

    #[test]
    fn the_last_message_survives_any_budget() {
        let history = vec![(User, "x".repeat(10_000))];
        let prompt = build("", &history, 10);
        assert_eq!(prompt.len(), 1);
        assert_eq!(prompt[0].role, Role::User);
    }
}
