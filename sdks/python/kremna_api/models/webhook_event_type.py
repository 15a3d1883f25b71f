from typing import Literal

WebhookEventType = Literal[
    "chat.handoff_requested",
    "chat.resolved",
    "chat.started",
    "message.created",
    "reply.completed",
    "reply.failed",
]

WEBHOOK_EVENT_TYPE_VALUES: set[WebhookEventType] = {
    "chat.handoff_requested",
    "chat.resolved",
    "chat.started",
    "message.created",
    "reply.completed",
    "reply.failed",
}


def check_webhook_event_type(value: str) -> WebhookEventType:
    if value in WEBHOOK_EVENT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_TYPE_VALUES!r}"
    )
