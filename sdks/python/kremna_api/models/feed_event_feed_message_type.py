from typing import Literal

FeedEventFeedMessageType = Literal["message"]

FEED_EVENT_FEED_MESSAGE_TYPE_VALUES: set[FeedEventFeedMessageType] = {
    "message",
}


def check_feed_event_feed_message_type(value: str) -> FeedEventFeedMessageType:
    if value in FEED_EVENT_FEED_MESSAGE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FEED_EVENT_FEED_MESSAGE_TYPE_VALUES!r}"
    )
