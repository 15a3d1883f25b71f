from typing import Literal

FeedEventFeedErrorType = Literal["error"]

FEED_EVENT_FEED_ERROR_TYPE_VALUES: set[FeedEventFeedErrorType] = {
    "error",
}


def check_feed_event_feed_error_type(value: str) -> FeedEventFeedErrorType:
    if value in FEED_EVENT_FEED_ERROR_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FEED_EVENT_FEED_ERROR_TYPE_VALUES!r}"
    )
