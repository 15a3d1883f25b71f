from typing import Literal

FeedEventFeedDeltaType = Literal["delta"]

FEED_EVENT_FEED_DELTA_TYPE_VALUES: set[FeedEventFeedDeltaType] = {
    "delta",
}


def check_feed_event_feed_delta_type(value: str) -> FeedEventFeedDeltaType:
    if value in FEED_EVENT_FEED_DELTA_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FEED_EVENT_FEED_DELTA_TYPE_VALUES!r}"
    )
