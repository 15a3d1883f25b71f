from typing import Literal

KnowledgeState = Literal["failed", "processing", "queued", "ready"]

KNOWLEDGE_STATE_VALUES: set[KnowledgeState] = {
    "failed",
    "processing",
    "queued",
    "ready",
}


def check_knowledge_state(value: str) -> KnowledgeState:
    if value in KNOWLEDGE_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KNOWLEDGE_STATE_VALUES!r}"
    )
