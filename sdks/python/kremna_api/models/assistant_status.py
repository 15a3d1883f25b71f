from typing import Literal

AssistantStatus = Literal["active", "paused"]

ASSISTANT_STATUS_VALUES: set[AssistantStatus] = {
    "active",
    "paused",
}


def check_assistant_status(value: str) -> AssistantStatus:
    if value in ASSISTANT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ASSISTANT_STATUS_VALUES!r}"
    )
