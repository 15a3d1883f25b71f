from typing import Literal

FeedEventFeedStateType = Literal["state"]

FEED_EVENT_FEED_STATE_TYPE_VALUES: set[FeedEventFeedStateType] = {
    "state",
}


def check_feed_event_feed_state_type(value: str) -> FeedEventFeedStateType:
    if value in FEED_EVENT_FEED_STATE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FEED_EVENT_FEED_STATE_TYPE_VALUES!r}"
    )
