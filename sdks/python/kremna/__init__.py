"""Kremna's Python SDK: the generated client (``kremna_api``) plus a thin layer —
API-key auth, retries with backoff on 429/5xx/connection errors honouring
``Retry-After``, one ``Idempotency-Key`` per POST kept across its retries,
auto-pagination, streamed replies and Standard Webhooks verification."""

from ._client import FeedEvent, Kremna
from ._errors import KremnaError
from ._pagination import paginate
from ._retry import RetryTransport, backoff_seconds, retry_after_seconds
from ._sse import SseMessage, parse_sse
from ._webhook import WebhookVerificationError, verify_webhook

__all__ = [
    "FeedEvent",
    "Kremna",
    "KremnaError",
    "RetryTransport",
    "SseMessage",
    "WebhookVerificationError",
    "backoff_seconds",
    "paginate",
    "parse_sse",
    "retry_after_seconds",
    "verify_webhook",
]
