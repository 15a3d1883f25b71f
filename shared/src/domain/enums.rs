//! The closed sets of the schema, mirrored one-to-one by Postgres enum types.

use serde::{Deserialize, Serialize};

macro_rules! db_enum {
    ($(#[$meta:meta])* $name:ident as $pg:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
        #[sqlx(type_name = $pg, rename_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
        #[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

db_enum!(
    /// A member's role in a tenant. Ordered: an owner can do what an admin can, and so on.
    MemberRole as "member_role" {
        /// Created the workspace; everything an admin can, plus the workspace itself.
        Owner => "owner",
        /// Manages assistants and chats.
        Admin => "admin",
        /// Reads and answers chats.
        Agent => "agent",
    }
);

impl MemberRole {
    const fn rank(self) -> u8 {
        match self {
            Self::Owner => 3,
            Self::Admin => 2,
            Self::Agent => 1,
        }
    }

    /// Whether this role may do what `required` may.
    pub const fn includes(self, required: MemberRole) -> bool {
        self.rank() >= required.rank()
    }
}

db_enum!(
    /// Whether an assistant answers visitors.
    AssistantStatus as "assistant_status" {
        Active => "active",
        /// The widget refuses new chats; existing data stays.
        Paused => "paused",
    }
);

db_enum!(
    ChatStatus as "chat_status" {
        Open => "open",
        Closed => "closed",
    }
);

db_enum!(
    /// Where a chat came from.
    ChatChannel as "chat_channel" {
        /// The widget on a customer's page.
        Widget => "widget",
        /// A partner's backend, through the conversation API.
        Api => "api",
    }
);

db_enum!(
    /// Who is answering a chat (human handoff). `chats.status` is the seed's separate
    /// open/closed flag.
    ChatState as "chat_state" {
        /// The assistant answers.
        Open => "open",
        /// A person was asked for (by the visitor or the model) and nobody has it yet;
        /// the assistant still answers meanwhile.
        NeedsHuman => "needs_human",
        /// A member has the chat: no AI reply is written.
        Assigned => "assigned",
        /// Done. A new visitor message opens it again.
        Resolved => "resolved",
    }
);

db_enum!(
    /// When an assistant hands a chat to a person.
    HandoffPolicy as "handoff_policy" {
        /// Never: the widget offers no person.
        Never => "never",
        /// When the visitor asks ("talk to a person" in the widget).
        OnRequest => "on_request",
        /// When the visitor asks, or when the model decides: the model starts its reply
        /// with the handoff marker, which the worker removes (see the worker's
        /// `reply/handoff.rs`).
        Model => "model",
    }
);

impl HandoffPolicy {
    /// Whether the visitor may ask for a person.
    pub const fn visitor_may_ask(self) -> bool {
        !matches!(self, Self::Never)
    }
}

db_enum!(
    /// What happened to a chat's state, as stored in its history.
    ChatEventKind as "chat_event_kind" {
        /// The visitor asked for a person.
        RequestedByVisitor => "requested_by_visitor",
        /// The model handed off.
        RequestedByModel => "requested_by_model",
        /// A member took the chat for themself.
        TakenOver => "taken_over",
        /// A member gave the chat to a member.
        Assigned => "assigned",
        /// Back to the assistant.
        HandedBack => "handed_back",
        Resolved => "resolved",
        /// A visitor wrote into a resolved chat.
        Reopened => "reopened",
    }
);

db_enum!(
    /// Who wrote a message.
    MessageRole as "message_role" {
        /// The website visitor.
        User => "user",
        Assistant => "assistant",
        System => "system",
        /// A human agent of the tenant.
        Agent => "agent",
    }
);

db_enum!(
    /// Where a message is in its life.
    MessageStatus as "message_status" {
        /// Waiting for a worker to start the reply.
        Pending => "pending",
        /// The reply is being generated.
        Streaming => "streaming",
        Complete => "complete",
        /// The reply could not be generated; `error_code` says why.
        Failed => "failed",
    }
);

db_enum!(
    /// Why a reply did not end normally: a failure, classified from what the worker could
    /// tell of the provider's answer, or a member's takeover. Stored on the message and
    /// shown to members instead of the provider's own error text, which can hold
    /// anything (account details, internal hosts, the prompt); that text goes to the
    /// worker's log only.
    ReplyCause as "reply_cause" {
        /// HTTP 429, still after the retries.
        ProviderRateLimited => "provider_rate_limited",
        /// HTTP 5xx, still after the retries.
        ProviderUnavailable => "provider_unavailable",
        /// HTTP 401 or 403: the provider refused the server's API key.
        ProviderUnauthorized => "provider_unauthorized",
        /// Another HTTP 4xx: the provider refused the request (an unknown model, a
        /// prompt it will not take).
        ProviderRejected => "provider_rejected",
        /// No answer within `REPLY_TIMEOUT_SECONDS` (or HTTP 408).
        ProviderTimeout => "provider_timeout",
        /// The answer broke off part-way.
        StreamInterrupted => "stream_interrupted",
        /// The answer could not be read.
        ProviderMalformed => "provider_malformed",
        /// The provider could not be reached (DNS, connection refused, TLS).
        ProviderUnreachable => "provider_unreachable",
        /// Not a failure: a member took the chat over while the reply was written; it
        /// keeps what the visitor saw.
        HandedOver => "handed_over",
    }
);

db_enum!(
    /// Where a knowledge-base source's text comes from.
    KnowledgeKind as "knowledge_kind" {
        /// Pasted in the dashboard.
        Text => "text",
        /// An uploaded file (Markdown, plain text, HTML or PDF).
        File => "file",
        /// A web page, fetched by the worker.
        Url => "url",
        /// The pages a sitemap (or a sitemap index) lists, up to a page limit.
        Sitemap => "sitemap",
        /// The pages of one site reached by links from a start page, up to a page limit.
        Crawl => "crawl",
    }
);

impl KnowledgeKind {
    /// A source of several pages (a sitemap or a crawl).
    pub const fn is_site(self) -> bool {
        matches!(self, Self::Sitemap | Self::Crawl)
    }

    /// A source fetched from the web (and so refetched).
    pub const fn is_web(self) -> bool {
        matches!(self, Self::Url | Self::Sitemap | Self::Crawl)
    }
}

db_enum!(
    /// Where a knowledge-base source is in its ingestion.
    KnowledgeState as "knowledge_state" {
        /// Waiting for a worker.
        Queued => "queued",
        /// Being fetched, split and indexed.
        Processing => "processing",
        /// Its chunks answer questions.
        Ready => "ready",
        /// Ingestion failed; `failure` says why.
        Failed => "failed",
    }
);

db_enum!(
    /// Why a knowledge source (or one page of a site) could not be ingested: a closed
    /// set the dashboard words in the reader's language. `status` and `limit` in
    /// [`FailureParams`](crate::knowledge::FailureParams) complete some of them.
    KnowledgeFailure as "knowledge_failure" {
        /// The address is not a valid http(s) URL.
        InvalidUrl => "invalid_url",
        /// Only http and https are fetched.
        UnsupportedScheme => "unsupported_scheme",
        /// The host name does not resolve.
        HostNotFound => "host_not_found",
        /// The host is on an internal network, which is never fetched.
        PrivateNetwork => "private_network",
        /// The site refused the connection.
        ConnectionRefused => "connection_refused",
        /// The page could not be fetched (TLS, a dropped connection).
        FetchFailed => "fetch_failed",
        /// No answer within `limit` seconds.
        Timeout => "timeout",
        /// More than `limit` redirects.
        TooManyRedirects => "too_many_redirects",
        /// A redirect to an address that is not one.
        BadRedirect => "bad_redirect",
        /// The site answered with the HTTP error `status`.
        HttpStatus => "http_status",
        /// Larger than `limit` bytes.
        TooLarge => "too_large",
        /// The answer broke off part-way.
        Interrupted => "interrupted",
        /// A type Kremna cannot read.
        UnsupportedType => "unsupported_type",
        /// Not UTF-8 text (a binary file?).
        NotText => "not_text",
        /// No text in the document.
        NoText => "no_text",
        /// The PDF does not parse.
        CorruptPdf => "corrupt_pdf",
        /// The PDF parses but its text cannot be read (a password, an odd page).
        UnreadablePdf => "unreadable_pdf",
        /// More than `limit` pages.
        TooManyPages => "too_many_pages",
        /// The site's robots.txt does not let Kremna fetch this page.
        RobotsDisallowed => "robots_disallowed",
        /// The address is not a sitemap.
        InvalidSitemap => "invalid_sitemap",
        /// No page of the site could be read (or the sitemap lists none).
        NoPages => "no_pages",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered() {
        assert!(MemberRole::Owner.includes(MemberRole::Admin));
        assert!(MemberRole::Admin.includes(MemberRole::Admin));
        assert!(!MemberRole::Agent.includes(MemberRole::Admin));
    }
}
