//! Issue 9 point 10: a request the spec calls valid is one the server takes.
//!
//! The server's rules for e-mail addresses, single-line names, origins, URLs, model
//! names and non-blank text are declared in the spec as `pattern`s (JSON Schema has no
//! "trimmed" or "no control characters"). A pattern may be stricter than the domain
//! parser behind it, because `JsonBody` holds every body to its declared limits too;
//! it must never be looser, or a client that follows the spec gets a 422. For a corpus
//! of awkward strings: whatever a field's published pattern accepts, its parser accepts.

use kremna_shared::domain::{
    email::Email,
    message::MessageContent,
    origin::Origin,
    text::{AssistantName, FullName, ModelName, WorkspaceName},
};
use kremna_shared::webhooks::url::EndpointUrl;
use serde_json::Value;

type Parser = fn(&str) -> bool;

fn nonblank(s: &str) -> bool {
    !s.trim().is_empty()
}

/// The knowledge route's rule for a page address.
fn page_url(s: &str) -> bool {
    url::Url::parse(s.trim())
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// (schema, property, the parser the handler runs on it).
const FIELDS: &[(&str, &str, Parser)] = &[
    ("RegisterRequest", "email", |s| Email::parse(s).is_ok()),
    ("RegisterRequest", "full_name", |s| {
        FullName::parse(s).is_ok()
    }),
    ("RegisterRequest", "workspace_name", |s| {
        WorkspaceName::parse(s).is_ok()
    }),
    ("LoginRequest", "email", |s| Email::parse(s).is_ok()),
    ("UpdateProfileRequest", "email", |s| Email::parse(s).is_ok()),
    ("UpdateProfileRequest", "full_name", |s| {
        FullName::parse(s).is_ok()
    }),
    ("CreateInvitationRequest", "email", |s| {
        s.trim().is_empty() || Email::parse(s).is_ok()
    }),
    ("AcceptWithNewAccountRequest", "email", |s| {
        Email::parse(s).is_ok()
    }),
    ("AcceptWithNewAccountRequest", "full_name", |s| {
        FullName::parse(s).is_ok()
    }),
    ("AcceptWithAccountRequest", "email", |s| {
        Email::parse(s).is_ok()
    }),
    ("UpdateWorkspaceRequest", "name", |s| {
        WorkspaceName::parse(s).is_ok()
    }),
    ("CreateAssistantRequest", "name", |s| {
        AssistantName::parse(s).is_ok()
    }),
    ("CreateAssistantRequest", "model", |s| {
        ModelName::parse(s).is_ok()
    }),
    ("CreateAssistantRequest", "allowed_origins", |s| {
        Origin::parse(s).is_ok()
    }),
    ("UpdateAssistantRequest", "name", |s| {
        AssistantName::parse(s).is_ok()
    }),
    ("UpdateAssistantRequest", "model", |s| {
        ModelName::parse(s).is_ok()
    }),
    ("UpdateAssistantRequest", "allowed_origins", |s| {
        Origin::parse(s).is_ok()
    }),
    ("CreateWebhookEndpoint", "url", |s| {
        EndpointUrl::parse(s).is_ok()
    }),
    ("UpdateWebhookEndpoint", "url", |s| {
        EndpointUrl::parse(s).is_ok()
    }),
    ("CreateApiKeyRequest", "name", nonblank),
    ("CreateTextSourceRequest", "title", nonblank),
    ("CreateTextSourceRequest", "text", nonblank),
    ("CreateUrlSourceRequest", "url", page_url),
    ("StartConversationRequest", "user_id", nonblank),
    ("ConversationMessageRequest", "content", |s| {
        MessageContent::parse(s).is_ok()
    }),
    ("AgentMessageRequest", "content", |s| {
        MessageContent::parse(s).is_ok()
    }),
];

/// Strings near every edge of the rules: blanks of each kind of white space, control
/// characters, Unicode, ports, wildcards, paths, fragments, credentials.
fn corpus() -> Vec<String> {
    let mut out: Vec<String> = [
        "",
        " ",
        "\t",
        "\n",
        "\u{a0}",
        "\u{2003}",
        "\u{3000}",
        "\u{1c}",
        "\u{85}",
        "a",
        " a ",
        "a\n",
        "\na",
        "a\nb",
        "a\u{0}",
        "\u{0}",
        "a\u{1}b",
        "a\u{7f}",
        "a\u{9f}",
        "a\u{a0}b",
        "Ada Lovelace",
        "Çağrı Öz",
        "名前",
        "x\u{200b}",
        "mistral-small-latest",
        "open-mistral-nemo:2407",
        "model name",
        "a/b@c.d",
        "ada@example.com",
        " Ada@Example.COM ",
        "ada@example",
        "@example.com",
        "ada@",
        "a b@example.com",
        "ada@ex..com",
        "ada@.example.com",
        "ada@example.com.",
        "a@b.c",
        "a@b-.c",
        "ada+tag@mail.example.co",
        "\"q\"@example.com",
        "ada@exa_mple.com",
        "ada@éxample.com",
        "ada@@example.com",
        "https://example.com",
        "http://localhost:5173",
        "HTTPS://Shop.Example.com/",
        "https://example.com:443",
        "https://example.com:65535",
        "https://example.com:65536",
        "https://example.com:0",
        "https://*.example.com",
        "https://*.com",
        "https://a.*.com",
        "https://example.com/path",
        "https://example.com/path?q=1",
        "https://example.com#x",
        "https://u:p@example.com",
        "https://u@example.com/",
        "ftp://example.com",
        "example.com",
        "https://",
        "https://127.0.0.1:8080",
        "http://10.0.0.1/hooks",
        "https://999.1.1.1",
        "https://[::1]:80",
        "http://[::ffff:127.0.0.1]/",
        "http://[fd00::1]/",
        "http://[1:2:3:4:5:6:7:8]/x",
        "http://[1::2::3]/",
        "http://[12345::1]/",
        "http://[::ffff:999.0.0.1]/",
        "https://a.1",
        "https://0x1",
        "https://a.0x1",
        "https://1.2",
        "https://xn--nxasmq6b.com",
        "https://-a-.b",
        "https://a..b",
        "https://a_b.com",
        "https://example.com/ü",
        "https://example.com/a b",
        "https://example.com/%zz",
        "https://example.com/\\x",
        " https://example.com/hooks ",
        "https://example.com\t",
        "https://exa mple.com",
        "http://a",
        "*",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    out.push("a".repeat(64) + "@example.com");
    out.push("a".repeat(65) + "@example.com");
    out.push(format!(" {} ", "x".repeat(100)));
    out
}

#[test]
fn whatever_a_published_pattern_accepts_its_parser_accepts() {
    let spec: Value = serde_json::from_str(&kremna_api::app::openapi_json()).unwrap();
    let schemas = &spec["components"]["schemas"];
    let corpus = corpus();
    let mut accepted = 0;
    for (schema, field, parser) in FIELDS {
        let property = &schemas[schema]["properties"][field];
        // An array's pattern is on its items.
        let declared = property
            .get("items")
            .unwrap_or(property)
            .get("pattern")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{schema}.{field} declares no pattern"));
        let max = property
            .get("maxLength")
            .and_then(Value::as_u64)
            .unwrap_or(u64::MAX);
        let pattern = regex::Regex::new(declared).expect("the pattern compiles");
        for s in &corpus {
            let fits = pattern.is_match(s) && (s.chars().count() as u64) <= max;
            if fits {
                accepted += 1;
                assert!(
                    parser(s),
                    "{schema}.{field}: the spec allows {s:?}, the server refuses it"
                );
            }
        }
    }
    // The corpus exercises the patterns: most fields take some of it.
    assert!(accepted > 100, "only {accepted} accepted strings");
}
