from typing import Literal

ChatState = Literal["assigned", "needs_human", "open", "resolved"]

CHAT_STATE_VALUES: set[ChatState] = {
    "assigned",
    "needs_human",
    "open",
    "resolved",
}


def check_chat_state(value: str) -> ChatState:
    if value in CHAT_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CHAT_STATE_VALUES!r}"
    )
