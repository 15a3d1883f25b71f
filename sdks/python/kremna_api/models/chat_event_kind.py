from typing import Literal

ChatEventKind = Literal[
    "assigned",
    "handed_back",
    "reopened",
    "requested_by_model",
    "requested_by_visitor",
    "resolved",
    "taken_over",
]

CHAT_EVENT_KIND_VALUES: set[ChatEventKind] = {
    "assigned",
    "handed_back",
    "reopened",
    "requested_by_model",
    "requested_by_visitor",
    "resolved",
    "taken_over",
}


def check_chat_event_kind(value: str) -> ChatEventKind:
    if value in CHAT_EVENT_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CHAT_EVENT_KIND_VALUES!r}"
    )
