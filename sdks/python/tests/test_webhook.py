from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pytest

from kremna import WebhookVerificationError, verify_webhook

# The test vector the Standard Webhooks libraries share.
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TS = 1614265330
PAYLOAD = '{"test": 2432232314}'
SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
HEADERS = {
    "webhook-id": MSG_ID,
    "webhook-timestamp": str(TS),
    "webhook-signature": SIGNATURE,
}


def test_the_published_vector_verifies():
    assert verify_webhook(PAYLOAD, HEADERS, SECRET, now=TS) == {"test": 2432232314}
    assert verify_webhook(PAYLOAD.encode(), HEADERS, SECRET, now=TS + 299) == {
        "test": 2432232314
    }


def test_any_matching_v1_signature_among_several():
    headers = HEADERS | {"webhook-signature": f"v1,Zm9v v2,abc {SIGNATURE}"}
    assert verify_webhook(PAYLOAD, headers, SECRET, now=TS) == {"test": 2432232314}


@pytest.mark.parametrize(
    ("payload", "headers", "secret"),
    [
        ('{"test": 2432232315}', HEADERS, SECRET),
        (PAYLOAD, HEADERS | {"webhook-id": "msg_other"}, SECRET),
        (PAYLOAD, HEADERS | {"webhook-timestamp": str(TS + 1)}, SECRET),
        (PAYLOAD, HEADERS, "whsec_" + base64.b64encode(b"another key").decode()),
        (
            PAYLOAD,
            HEADERS | {"webhook-signature": SIGNATURE.replace("v1,", "v2,")},
            SECRET,
        ),
    ],
)
def test_a_changed_body_id_timestamp_secret_or_version_fails(payload, headers, secret):
    with pytest.raises(WebhookVerificationError, match="no matching signature"):
        verify_webhook(payload, headers, secret, now=TS)


def test_timestamps_more_than_five_minutes_away_fail():
    with pytest.raises(WebhookVerificationError, match="too old"):
        verify_webhook(PAYLOAD, HEADERS, SECRET, now=TS + 301)
    with pytest.raises(WebhookVerificationError, match="future"):
        verify_webhook(PAYLOAD, HEADERS, SECRET, now=TS - 301)
    with pytest.raises(WebhookVerificationError, match="not a number"):
        verify_webhook(PAYLOAD, HEADERS | {"webhook-timestamp": "16e8"}, SECRET, now=TS)


def test_missing_headers_fail():
    with pytest.raises(WebhookVerificationError, match="missing"):
        verify_webhook(PAYLOAD, {"webhook-id": MSG_ID}, SECRET, now=TS)


def test_verifies_against_the_clock_and_reads_headers_in_any_case():
    now = int(time.time())
    key = b"0123456789abcdef0123456789abcdef"
    body = '{"type":"chat.started"}'
    sig = base64.b64encode(
        hmac.new(key, f"msg_1.{now}.{body}".encode(), hashlib.sha256).digest()
    ).decode()
    headers = {
        "Webhook-Id": "msg_1",
        "Webhook-Timestamp": str(now),
        "Webhook-Signature": f"v1,{sig}",
    }
    assert verify_webhook(body, headers, "whsec_" + base64.b64encode(key).decode()) == {
        "type": "chat.started"
    }
