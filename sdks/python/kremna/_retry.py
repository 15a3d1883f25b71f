"""An httpx transport that retries what is safe to retry: 429, 5xx and connection
errors, with exponential backoff and full jitter, honouring ``Retry-After``. Every
POST gets one ``Idempotency-Key`` before the first attempt, so a retried POST is the
same request to the server (which replays its first answer instead of acting twice).
"""

from __future__ import annotations

import json
import random
import time
import uuid
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import httpx

RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date; None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def backoff_seconds(
    attempt: int, base: float, cap: float, rand: Callable[[], float]
) -> float:
    """Full-jitter exponential backoff for retry number ``attempt`` (0-based)."""
    return rand() * min(cap, base * 2**attempt)


def is_retryable(response: httpx.Response) -> bool:
    """A 409 only while the same idempotent request is still running."""
    if response.status_code not in RETRYABLE_STATUS:
        return False
    if response.status_code != 409:
        return True
    try:
        body = json.loads(response.read())
    except ValueError:
        return False
    return (
        isinstance(body, dict)
        and (body.get("error") or {}).get("code") == "idempotency_key_in_progress"
    )


class RetryTransport(httpx.BaseTransport):
    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        max_retries: int = 2,
        base_delay: float = 0.5,
        max_delay: float = 8.0,
        max_retry_after: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
        new_idempotency_key: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        self._inner = inner
        self._max_retries = max_retries
        self._base = base_delay
        self._cap = max_delay
        self._max_retry_after = max_retry_after
        self._sleep = sleep
        self._rand = rand
        self._new_key = new_idempotency_key

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and "idempotency-key" not in request.headers:
            request.headers["Idempotency-Key"] = self._new_key()
        # Read the body once so each attempt can send it again.
        request.read()
        attempt = 0
        while True:
            try:
                response = self._inner.handle_request(request)
            except httpx.TransportError:
                if attempt >= self._max_retries:
                    raise
                self._sleep(backoff_seconds(attempt, self._base, self._cap, self._rand))
                attempt += 1
                continue
            if attempt >= self._max_retries or not is_retryable(response):
                return response
            told = retry_after_seconds(response.headers.get("retry-after"))
            if told is not None and told > self._max_retry_after:
                return response
            response.close()
            self._sleep(
                told
                if told is not None
                else backoff_seconds(attempt, self._base, self._cap, self._rand)
            )
            attempt += 1

    def close(self) -> None:
        self._inner.close()
