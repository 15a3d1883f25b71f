from typing import Literal

FeedEventFeedTypingType = Literal["typing"]

FEED_EVENT_FEED_TYPING_TYPE_VALUES: set[FeedEventFeedTypingType] = {
    "typing",
}


def check_feed_event_feed_typing_type(value: str) -> FeedEventFeedTypingType:
    if value in FEED_EVENT_FEED_TYPING_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FEED_EVENT_FEED_TYPING_TYPE_VALUES!r}"
    )
