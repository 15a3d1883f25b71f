from typing import Literal

ChatStatus = Literal["closed", "open"]

CHAT_STATUS_VALUES: set[ChatStatus] = {
    "closed",
    "open",
}


def check_chat_status(value: str) -> ChatStatus:
    if value in CHAT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CHAT_STATUS_VALUES!r}"
    )
