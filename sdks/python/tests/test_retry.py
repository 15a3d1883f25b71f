from __future__ import annotations

import json

import pytest

from kremna import Kremna, KremnaError, backoff_seconds, retry_after_seconds

from .conftest import send_json

ASSISTANT = {
    "id": "0190a0a0-0000-7000-8000-000000000001",
    "name": "Support",
}


def client(url: str, slept: list[float], max_retries: int = 2) -> Kremna:
    return Kremna(
        "kr_live_test",
        url,
        max_retries=max_retries,
        sleep=slept.append,
        rand=lambda: 1.0,
    )


def test_429_waits_retry_after_and_resends_the_same_idempotency_key_and_body(server):
    calls = []

    def handle(r, h):
        calls.append(r)
        if len(calls) == 1:
            return send_json(
                h,
                429,
                {"error": {"code": "rate_limited", "message": "slow"}},
                {"Retry-After": "3"},
            )
        send_json(h, 200, {"data": []})  # not a 201: the body decides nothing here

    server.handler = handle
    slept: list[float] = []
    k = client(server.url, slept)
    response = k.client.get_httpx_client().post("/assistants", json={"name": "Support"})
    assert response.status_code == 200
    assert slept == [3.0]
    first, second = server.received
    assert first.path == "/api/v1/assistants"
    assert first.headers["authorization"] == "Bearer kr_live_test"
    assert len(first.headers["idempotency-key"]) == 36
    assert second.headers["idempotency-key"] == first.headers["idempotency-key"]
    assert second.body == first.body
    assert json.loads(second.body) == {"name": "Support"}


def test_5xx_backs_off_exponentially_then_raises_the_api_error(server):
    server.handler = lambda r, h: send_json(
        h, 503, {"error": {"code": "service_unavailable", "message": "later"}}
    )
    slept: list[float] = []
    with pytest.raises(KremnaError) as raised:
        client(server.url, slept, max_retries=3).assistants.list()
    assert raised.value.status == 503
    assert raised.value.code == "service_unavailable"
    assert len(server.received) == 4
    assert slept == [0.5, 1.0, 2.0]
    assert "idempotency-key" not in server.received[0].headers


def test_a_dropped_connection_is_retried(server):
    def handle(r, h):
        if len(server.received) == 1:
            h.close_connection = True
            h.connection.shutdown(2)
            return
        send_json(h, 200, {"data": [ASSISTANT | {"status": "active"}]})

    server.handler = handle
    slept: list[float] = []
    got = client(server.url, slept).client.get_httpx_client().get("/assistants")
    assert got.status_code == 200
    assert len(server.received) == 2
    assert len(slept) == 1


def test_a_422_is_not_retried(server):
    server.handler = lambda r, h: send_json(
        h,
        422,
        {
            "error": {
                "code": "validation_failed",
                "message": "name",
                "details": {"field": "name"},
            }
        },
    )
    slept: list[float] = []
    with pytest.raises(KremnaError) as raised:
        client(server.url, slept).assistants.create("")
    assert raised.value.code == "validation_failed"
    assert raised.value.details == {"field": "name"}
    assert len(server.received) == 1
    assert slept == []


def test_a_retry_after_longer_than_it_will_wait_is_returned(server):
    server.handler = lambda r, h: send_json(
        h,
        429,
        {"error": {"code": "rate_limited", "message": "x"}},
        {"Retry-After": "3600"},
    )
    with pytest.raises(KremnaError) as raised:
        client(server.url, []).assistants.list()
    assert raised.value.status == 429
    assert len(server.received) == 1


def test_a_callers_idempotency_key_is_kept(server):
    server.handler = lambda r, h: send_json(
        h, 500 if len(server.received) == 1 else 200, {}
    )
    client(server.url, []).client.get_httpx_client().post(
        "/assistants", json={}, headers={"Idempotency-Key": "mine-1"}
    )
    assert [r.headers["idempotency-key"] for r in server.received] == [
        "mine-1",
        "mine-1",
    ]


def test_an_in_progress_409_is_retried_but_another_409_is_not(server):
    codes = iter(["idempotency_key_in_progress", "idempotency_key_reused"])
    server.handler = lambda r, h: send_json(
        h, 409, {"error": {"code": next(codes), "message": "x"}}
    )
    slept: list[float] = []
    response = (
        client(server.url, slept).client.get_httpx_client().post("/assistants", json={})
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert len(server.received) == 2


def test_retry_after_and_backoff_values():
    assert retry_after_seconds("2") == 2.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    now = 1_796_205_600.0  # 2026-12-02T10:00:00Z
    assert retry_after_seconds("Wed, 02 Dec 2026 10:00:05 GMT", now=now) == 5.0
    assert backoff_seconds(0, 0.5, 8.0, lambda: 1.0) == 0.5
    assert backoff_seconds(10, 0.5, 8.0, lambda: 1.0) == 8.0
    assert backoff_seconds(3, 0.5, 8.0, lambda: 0.5) == 2.0
