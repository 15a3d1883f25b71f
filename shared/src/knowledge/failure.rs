//! Why a source could not be ingested: a closed code ([`KnowledgeFailure`]) with safe
//! parameters, stored as such and worded by whoever shows it (the dashboard in the
//! reader's language; [`Failure::english`] for logs and API clients).

use serde::{Deserialize, Serialize};

use crate::domain::KnowledgeFailure;

/// The numbers that complete a code: never text a remote site wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureParams {
    /// The HTTP status (`http_status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The limit that was passed: bytes (`too_large`), seconds (`timeout`), hops
    /// (`too_many_redirects`), pages (`too_many_pages`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
}

/// A failed ingestion (of a source or of one page of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    pub code: KnowledgeFailure,
    pub params: FailureParams,
}

impl Failure {
    pub const fn new(code: KnowledgeFailure) -> Self {
        Self {
            code,
            params: FailureParams {
                status: None,
                limit: None,
            },
        }
    }

    pub const fn status(code: KnowledgeFailure, status: u16) -> Self {
        Self {
            code,
            params: FailureParams {
                status: Some(status),
                limit: None,
            },
        }
    }

    pub fn limit(code: KnowledgeFailure, limit: impl TryInto<u64>) -> Self {
        Self {
            code,
            params: FailureParams {
                status: None,
                limit: limit.try_into().ok(),
            },
        }
    }

    /// The failure in an English sentence (the dashboard has its own, in en and tr).
    pub fn english(&self) -> String {
        use KnowledgeFailure as F;
        let limit = self.params.limit.unwrap_or(0);
        match self.code {
            F::InvalidUrl => "The address is not a valid web address.".into(),
            F::UnsupportedScheme => "Only http and https addresses can be fetched.".into(),
            F::HostNotFound => "The site's host name could not be found.".into(),
            F::PrivateNetwork => {
                "The site is on a private network, which Kremna does not fetch from.".into()
            }
            F::ConnectionRefused => "The site refused the connection.".into(),
            F::FetchFailed => "The page could not be fetched.".into(),
            F::Timeout => format!("The page did not answer within {limit} seconds."),
            F::TooManyRedirects => format!("The page redirected more than {limit} times."),
            F::BadRedirect => "The page redirected to an invalid address.".into(),
            F::HttpStatus => match self.params.status {
                Some(status) => format!("The page answered HTTP {status}."),
                None => "The page answered with an error.".into(),
            },
            F::TooLarge => format!(
                "The document is larger than the limit of {} KB.",
                limit / 1000
            ),
            F::Interrupted => "The page stopped half-way.".into(),
            F::UnsupportedType => {
                "Kremna cannot read this type (Markdown, plain text, HTML or PDF only).".into()
            }
            F::NotText => "The document is not UTF-8 text (is it a binary file?).".into(),
            F::NoText => "No text was found in the document.".into(),
            F::CorruptPdf => "The PDF file is damaged and cannot be opened.".into(),
            F::UnreadablePdf => {
                "The PDF's text cannot be read (is it protected by a password?).".into()
            }
            F::TooManyPages => format!("The PDF has more than {limit} pages."),
            F::RobotsDisallowed => {
                "The site's robots.txt does not allow fetching this page.".into()
            }
            F::InvalidSitemap => "The address is not a sitemap.".into(),
            F::NoPages => "No page of the site could be read.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_serialise_only_when_set() {
        let f = Failure::status(KnowledgeFailure::HttpStatus, 404);
        assert_eq!(
            serde_json::to_value(f.params).unwrap_or_default(),
            serde_json::json!({ "status": 404 })
        );
        assert_eq!(f.english(), "The page answered HTTP 404.");
        let f = Failure::limit(KnowledgeFailure::TooLarge, 20_000_usize);
        assert_eq!(
            f.english(),
            "The document is larger than the limit of 20 KB."
        );
    }
}
