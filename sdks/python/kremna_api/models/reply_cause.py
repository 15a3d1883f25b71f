from typing import Literal

ReplyCause = Literal[
    "handed_over",
    "provider_malformed",
    "provider_rate_limited",
    "provider_rejected",
    "provider_timeout",
    "provider_unauthorized",
    "provider_unavailable",
    "provider_unreachable",
    "stream_interrupted",
]

REPLY_CAUSE_VALUES: set[ReplyCause] = {
    "handed_over",
    "provider_malformed",
    "provider_rate_limited",
    "provider_rejected",
    "provider_timeout",
    "provider_unauthorized",
    "provider_unavailable",
    "provider_unreachable",
    "stream_interrupted",
}


def check_reply_cause(value: str) -> ReplyCause:
    if value in REPLY_CAUSE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REPLY_CAUSE_VALUES!r}"
    )
