"""Runs the Python SDK against a live Kremna (with the fake provider):

    KREMNA_BASE_URL=http://127.0.0.1:3000 [KREMNA_TOKEN=<owner's dashboard token>] python smoke.py

Without KREMNA_TOKEN it registers a fresh owner. It creates API keys (with the
token), an assistant (with a key), starts conversations, streams a reply, receives
the reply.completed webhook on a local server and verifies its signature, lists
conversations one per page, and sees a 429 retried on a key limited to 2 a minute.
The stack must allow webhooks to this machine (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true).
Exits non-zero on the first thing that is wrong.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kremna import Kremna, WebhookVerificationError, verify_webhook
from kremna_api.api.auth import register
from kremna_api.api.webhooks import create_webhook_endpoint
from kremna_api.client import Client
from kremna_api.models import CreateWebhookEndpoint, RegisterRequest


def check(ok: object, what: str) -> None:
    if not ok:
        raise SystemExit(f"smoke: {what}")


class Recording(httpx.BaseTransport):
    """Remembers what went out and what came back, to show retries and pages."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.seen: list[tuple[str, str, int, str | None]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.seen.append(
            (
                request.method,
                str(request.url),
                response.status_code,
                response.headers.get("retry-after"),
            )
        )
        return response


base_url = os.environ.get("KREMNA_BASE_URL") or sys.exit("KREMNA_BASE_URL is required")
token = os.environ.get("KREMNA_TOKEN")
if not token:
    anonymous = Client(base_url=base_url.rstrip("/") + "/api/v1")
    body = RegisterRequest(
        email=f"smoke-py-{uuid.uuid4()}@example.com",
        password="smoke-passphrase-1",
        full_name="Smoke PY",
    )
    session = register.sync(client=anonymous, body=body)
    check(
        session is not None and hasattr(session, "access_token"),
        f"register failed: {session}",
    )
    token = session.access_token
    print("registered a fresh owner")

owner = Kremna(token, base_url)
key = owner.api_keys.create("smoke (py)", access="write")
check(key.secret.startswith("kr_"), "a created key starts with kr_")
print(f"api key {key.key.prefix}… created with the owner's token")

recording = Recording()
kremna = Kremna(key.secret, base_url, transport=recording)
assistant = kremna.assistants.create("Smoke assistant", instructions="Answer briefly.")
print(f"assistant {assistant.id} created with the key")

# A webhook receiver on this machine: keeps each delivery's raw body and headers.
deliveries: list[tuple[dict[str, str], bytes]] = []


class Receiver(BaseHTTPRequestHandler):
    def log_message(self, *_: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        deliveries.append((dict(self.headers.items()), body))
        self.send_response(204)
        self.end_headers()


hook_host = os.environ.get("KREMNA_SMOKE_WEBHOOK_HOST", "127.0.0.1")
receiver = ThreadingHTTPServer((hook_host, 0), Receiver)
threading.Thread(target=receiver.serve_forever, daemon=True).start()
hook_url = f"http://{hook_host}:{receiver.server_address[1]}/hooks"
made = create_webhook_endpoint.sync_detailed(
    client=kremna.client,
    body=CreateWebhookEndpoint.from_dict(
        {"url": hook_url, "event_types": ["reply.completed"]}
    ),
)
check(
    made.status_code == 201,
    f"webhook endpoint refused (is WEBHOOK_ALLOW_PRIVATE_NETWORKS=true?): {made.content!r}",
)
hook_secret = made.parsed.secret
print(f"webhook endpoint {hook_url} created with the key")

first = kremna.conversations.start(assistant.id, "smoke-user-1")
second = kremna.conversations.start(assistant.id, "smoke-user-2")
print(f"conversations {first.id}, {second.id} started")

counts: dict[str, int] = {}
text = ""
reply = None
first_delta_ms = None
started = time.monotonic()
for event in kremna.stream_reply(first.id, "When do you open on Sunday?"):
    counts[event.type_] = counts.get(event.type_, 0) + 1
    check(event.type_ != "error", f"the reply failed: {event}")
    if event.type_ == "delta":
        if first_delta_ms is None:
            first_delta_ms = round((time.monotonic() - started) * 1000)
        text += event.delta
    if event.type_ == "message" and event.role == "assistant":
        reply = event
check(
    reply is not None and reply.status == "complete",
    "the stream ends with the complete reply",
)
check(text == reply.content, "the deltas add up to the reply")
print(
    f"streamed reply: {counts}; first delta after {first_delta_ms} ms; {len(reply.content)} characters"
)

received = None
deadline = time.monotonic() + 30
while received is None and time.monotonic() < deadline:
    for headers, body in deliveries[:]:  # a copy: the receiver thread appends
        event = verify_webhook(body, headers, hook_secret)
        if event.get("type") == "reply.completed":
            received = (headers, event)
    if received is None:
        time.sleep(0.2)
receiver.shutdown()
check(received is not None, "a signed reply.completed webhook arrives within 30 s")
check(str(first.id) in str(received[1]), "the webhook names the conversation")
try:
    verify_webhook(deliveries[0][1] + b" ", deliveries[0][0], hook_secret)
    check(False, "a changed body fails verification")
except WebhookVerificationError:
    pass
webhook_id = {k.lower(): v for k, v in received[0].items()}["webhook-id"]
print(
    f"webhook {webhook_id} (reply.completed) received and its signature verified; a changed body is refused"
)

before = len(recording.seen)
listed = [c.id for c in kremna.conversations.list(limit=1, assistant_id=assistant.id)]
pages = [s for s in recording.seen[before:] if "/api/v1/conversations?" in s[1]]
check(
    sorted(map(str, listed)) == sorted([str(first.id), str(second.id)]),
    "both conversations are listed",
)
check(
    len(pages) == 2 and "after=" in pages[1][1],
    "one conversation per page, the second asked with after=",
)
print(f"listed {len(listed)} conversations over {len(pages)} pages (limit=1)")

# The same two chats through the inbox's list (`GET /chats`), paged with `after` too.
before = len(recording.seen)
chats = [c.id for c in kremna.chats.list(limit=1, assistant_id=assistant.id)]
chat_pages = [s for s in recording.seen[before:] if "/api/v1/chats?" in s[1]]
check(
    sorted(map(str, chats)) == sorted([str(first.id), str(second.id)]),
    "both chats are listed",
)
check(
    len(chat_pages) == 2
    and "after=" in chat_pages[1][1]
    and "cursor=" not in chat_pages[1][1],
    "the chats list pages with after=",
)
print(f"listed {len(chats)} chats over {len(chat_pages)} pages (limit=1)")

slow_key = owner.api_keys.create(
    "smoke (py) 2/min", access="read", rate_limit_per_minute=2
)
slow = Kremna(
    slow_key.secret, base_url, transport=recording, max_retries=3, max_retry_after=65
)
mark = len(recording.seen)
t0 = time.monotonic()
for _ in range(3):
    slow.assistants.list()
calls = recording.seen[mark:]
limited = [s for s in calls if s[2] == 429]
check(limited, "the third request in a minute is answered 429")
check(calls[-1][2] == 200, "the 429 was retried until it succeeded")
print(
    f"rate limit: statuses {' '.join(str(s[2]) for s in calls)}; Retry-After {limited[0][3]} s; "
    f"three lists took {time.monotonic() - t0:.1f} s"
)
print("smoke (python): ok")
