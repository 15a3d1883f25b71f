from typing import Literal

HandoffPolicy = Literal["model", "never", "on_request"]

HANDOFF_POLICY_VALUES: set[HandoffPolicy] = {
    "model",
    "never",
    "on_request",
}


def check_handoff_policy(value: str) -> HandoffPolicy:
    if value in HANDOFF_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HANDOFF_POLICY_VALUES!r}"
    )
