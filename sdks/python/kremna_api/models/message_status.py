from typing import Literal

MessageStatus = Literal["complete", "failed", "pending", "streaming"]

MESSAGE_STATUS_VALUES: set[MessageStatus] = {
    "complete",
    "failed",
    "pending",
    "streaming",
}


def check_message_status(value: str) -> MessageStatus:
    if value in MESSAGE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MESSAGE_STATUS_VALUES!r}"
    )
