from __future__ import annotations

import json

import pytest

from kremna import Kremna, KremnaError, SseMessage, parse_sse

from .conftest import send_json

WIRE = (
    ": keep-alive\n\n"
    'event: delta\ndata: {"type":"delta","delta":"Merhaba ğ"}\n\n'
    'event: message\r\ndata: {"type":"message",\r\ndata:  "x":1}\r\nid: 7\r\n\r\n'
    "data: plain\rdata\r\r"
    "event: typing\ndata: unfinished"
).encode()

EXPECTED = [
    SseMessage("delta", '{"type":"delta","delta":"Merhaba ğ"}', None),
    SseMessage("message", '{"type":"message",\n "x":1}', "7"),
    SseMessage("message", "plain\n", "7"),
]


def test_fields_comments_multiline_data_line_ends_and_an_unfinished_event():
    assert list(parse_sse([WIRE])) == EXPECTED


def test_same_events_however_the_bytes_are_split():
    for cut in range(1, len(WIRE)):
        assert list(parse_sse([WIRE[:cut], WIRE[cut:]])) == EXPECTED, cut
    assert list(parse_sse([bytes([b]) for b in WIRE])) == EXPECTED


CHAT = "0190a0a0-0000-7000-8000-000000000001"
EVENTS = [
    {
        "type": "message",
        "id": "0190a0a0-0000-7000-8000-000000000011",
        "chat_id": CHAT,
        "role": "user",
        "content": "Hi",
        "status": "complete",
        "created_at": "2026-12-02T10:00:00+00:00",
    },
    {"type": "typing", "chat_id": CHAT, "is_typing": True},
    {
        "type": "delta",
        "chat_id": CHAT,
        "message_id": "0190a0a0-0000-7000-8000-000000000012",
        "index": 0,
        "attempt": 1,
        "delta": "Hel",
    },
    {
        "type": "delta",
        "chat_id": CHAT,
        "message_id": "0190a0a0-0000-7000-8000-000000000012",
        "index": 1,
        "attempt": 1,
        "delta": "lo",
    },
    {
        "type": "message",
        "id": "0190a0a0-0000-7000-8000-000000000012",
        "chat_id": CHAT,
        "role": "assistant",
        "content": "Hello",
        "status": "complete",
        "created_at": "2026-12-02T10:00:01+00:00",
        "reply_to": "0190a0a0-0000-7000-8000-000000000011",
    },
]


def test_stream_reply_yields_typed_events(server):
    def handle(r, h):
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.send_header("Connection", "close")
        h.end_headers()
        for e in EVENTS:
            h.wfile.write(
                f"event: {e['type']}\ndata: {json.dumps(e)}\n\n:\n\n".encode()
            )
            h.wfile.flush()
        h.close_connection = True

    server.handler = handle
    k = Kremna("kr_live_t", server.url)
    got = list(k.stream_reply(CHAT, "Hi"))
    assert [type(e).__name__ for e in got] == [
        "FeedEventFeedMessage",
        "FeedEventFeedTyping",
        "FeedEventFeedDelta",
        "FeedEventFeedDelta",
        "FeedEventFeedMessage",
    ]
    assert [e.to_dict() for e in got] == EVENTS
    assert "".join(e.delta for e in got if e.type_ == "delta") == "Hello"
    r = server.received[0]
    assert r.path == f"/api/v1/conversations/{CHAT}/messages/stream"
    assert json.loads(r.body) == {"content": "Hi"}
    assert r.headers["idempotency-key"]


def test_stream_reply_raises_the_api_error(server):
    server.handler = lambda r, h: send_json(
        h, 404, {"error": {"code": "not_found", "message": "No such conversation"}}
    )
    with pytest.raises(KremnaError) as raised:
        list(Kremna("kr_live_t", server.url).stream_reply(CHAT, "Hi"))
    assert raised.value.code == "not_found"
