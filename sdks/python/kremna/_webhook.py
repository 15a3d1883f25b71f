"""Standard Webhooks verification (https://www.standardwebhooks.com): the signature
is base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")) under ``v1,``;
the key is the base64 after ``whsec_``. The timestamp must be within five minutes of
now either way, so a captured delivery cannot be replayed later."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from typing import Any


class WebhookVerificationError(Exception):
    pass


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _secret_key(secret: str) -> bytes:
    raw = secret.removeprefix("whsec_")
    try:
        key = base64.b64decode(raw, validate=True)
    except binascii.Error as error:
        raise WebhookVerificationError("the webhook secret is not base64") from error
    if not key:
        raise WebhookVerificationError("the webhook secret is empty")
    return key


def verify_webhook(
    payload: str | bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    tolerance_seconds: int = 300,
    now: int | None = None,
) -> Any:
    """Checks a delivery's signature and age, then returns its parsed JSON body.

    Pass the body exactly as received: re-serialised JSON will not match.
    """
    msg_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signatures = _header(headers, "webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise WebhookVerificationError(
            "missing webhook-id, webhook-timestamp or webhook-signature"
        )
    if not timestamp.isascii() or not timestamp.isdigit():
        raise WebhookVerificationError("webhook-timestamp is not a number")
    current = int(time.time()) if now is None else now
    sent = int(timestamp)
    if current - sent > tolerance_seconds:
        raise WebhookVerificationError("webhook-timestamp is too old")
    if sent - current > tolerance_seconds:
        raise WebhookVerificationError("webhook-timestamp is in the future")

    body = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    expected = hmac.new(
        _secret_key(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256
    ).digest()

    # Several signatures may be sent (while a secret is rotated): any v1 match will do.
    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        if version != "v1" or not signature:
            continue
        try:
            given = base64.b64decode(signature, validate=True)
        except binascii.Error:
            continue
        if hmac.compare_digest(given, expected):
            break
    else:
        raise WebhookVerificationError("no matching signature")

    try:
        return json.loads(body)
    except ValueError as error:
        raise WebhookVerificationError("the payload is not JSON") from error
