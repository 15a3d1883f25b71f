from typing import Literal

KnowledgeKind = Literal["crawl", "file", "sitemap", "text", "url"]

KNOWLEDGE_KIND_VALUES: set[KnowledgeKind] = {
    "crawl",
    "file",
    "sitemap",
    "text",
    "url",
}


def check_knowledge_kind(value: str) -> KnowledgeKind:
    if value in KNOWLEDGE_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KNOWLEDGE_KIND_VALUES!r}"
    )
