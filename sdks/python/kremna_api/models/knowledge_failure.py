from typing import Literal

KnowledgeFailure = Literal[
    "bad_redirect",
    "connection_refused",
    "corrupt_pdf",
    "fetch_failed",
    "host_not_found",
    "http_status",
    "interrupted",
    "invalid_sitemap",
    "invalid_url",
    "no_pages",
    "no_text",
    "not_text",
    "private_network",
    "robots_disallowed",
    "timeout",
    "too_large",
    "too_many_pages",
    "too_many_redirects",
    "unreadable_pdf",
    "unsupported_scheme",
    "unsupported_type",
]

KNOWLEDGE_FAILURE_VALUES: set[KnowledgeFailure] = {
    "bad_redirect",
    "connection_refused",
    "corrupt_pdf",
    "fetch_failed",
    "host_not_found",
    "http_status",
    "interrupted",
    "invalid_sitemap",
    "invalid_url",
    "no_pages",
    "no_text",
    "not_text",
    "private_network",
    "robots_disallowed",
    "timeout",
    "too_large",
    "too_many_pages",
    "too_many_redirects",
    "unreadable_pdf",
    "unsupported_scheme",
    "unsupported_type",
}


def check_knowledge_failure(value: str) -> KnowledgeFailure:
    if value in KNOWLEDGE_FAILURE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KNOWLEDGE_FAILURE_VALUES!r}"
    )
