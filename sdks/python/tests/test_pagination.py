from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from kremna import Kremna

from .conftest import send_json


def conv(n: int) -> dict:
    return {
        "id": f"0190a0a0-0000-7000-8000-00000000000{n}",
        "assistant_id": "0190a0a0-0000-7000-8000-0000000000aa",
        "user_id": f"u{n}",
        "state": "open",
        "created_at": "2026-12-02T10:00:00Z",
        "last_message_at": "2026-12-02T10:00:00Z",
    }


def test_walks_every_page_lazily_with_next_cursor_as_after(server):
    pages = {
        None: {"data": [conv(1), conv(2)], "has_more": True, "next_cursor": "p2"},
        "p2": {"data": [conv(3)], "has_more": True, "next_cursor": "p3"},
        "p3": {"data": [conv(4)], "has_more": False},
    }
    server.handler = lambda r, h: send_json(
        h, 200, pages[parse_qs(urlsplit(r.path).query).get("after", [None])[0]]
    )
    k = Kremna("kr_live_t", server.url + "/api/v1/")
    seen = []
    for c in k.conversations.list(limit=2, user_id="u"):
        seen.append(c.user_id)
        if c.user_id == "u1":
            assert len(server.received) == 1  # lazy
    assert seen == ["u1", "u2", "u3", "u4"]
    queries = [urlsplit(r.path) for r in server.received]
    assert [q.path for q in queries] == ["/api/v1/conversations"] * 3
    assert [parse_qs(q.query).get("after") for q in queries] == [None, ["p2"], ["p3"]]
    assert all(
        parse_qs(q.query)["limit"] == ["2"] and parse_qs(q.query)["user_id"] == ["u"]
        for q in queries
    )


def test_stops_when_the_caller_stops(server):
    server.handler = lambda r, h: send_json(
        h,
        200,
        {
            "data": [
                {
                    "id": "0190a0a0-0000-7000-8000-000000000011",
                    "conversation_id": "0190a0a0-0000-7000-8000-000000000001",
                    "role": "user",
                    "content": "hi",
                    "status": "complete",
                    "created_at": "2026-12-02T10:00:00Z",
                }
            ],
            "has_more": True,
            "next_cursor": "more",
        },
    )
    k = Kremna("kr_live_t", server.url)
    first = next(
        k.conversations.messages("0190a0a0-0000-7000-8000-000000000001", limit=1)
    )
    assert first.content == "hi"
    assert len(server.received) == 1
    assert (
        server.received[0].path
        == "/api/v1/conversations/0190a0a0-0000-7000-8000-000000000001/messages?limit=1"
    )
