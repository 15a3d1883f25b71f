from __future__ import annotations

import sys
from pathlib import Path

from kremna_api.models import ApiKey, ConversationExchange

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from normalize_spec import fold, optional_nullable


def test_an_allof_of_one_ref_and_a_description_becomes_the_ref():
    prop = {
        "allOf": [
            {"$ref": "#/components/schemas/ChatState"},
            {"description": "Who answers"},
        ],
        "description": "Who answers",
    }
    assert fold(prop) == {
        "$ref": "#/components/schemas/ChatState",
        "description": "Who answers",
    }
    real = {"allOf": [{"$ref": "#/a"}, {"type": "object", "properties": {"x": {}}}]}
    assert fold(real) == real


def test_optional_properties_become_nullable_and_required_ones_stay():
    schema = {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string"},
            "at": {"type": "string"},
            "state": {"$ref": "#/s", "description": "d"},
        },
    }
    out = optional_nullable(schema)
    assert out["properties"]["id"] == {"type": "string"}
    assert out["properties"]["at"] == {"type": "string", "nullable": True}
    assert out["properties"]["state"] == {
        "anyOf": [{"$ref": "#/s"}],
        "nullable": True,
        "description": "d",
    }


KEY = {
    "id": "0190a0a0-0000-7000-8000-000000000001",
    "name": "k",
    "prefix": "kr_live_AbCd",
    "access": "read",
    "resources": {
        "assistants": "read",
        "chats": "read",
        "analytics": "read",
        "webhooks": "read",
    },
    "status": "active",
    "created_at": "2026-12-02T10:00:00+00:00",
}


def test_the_generated_models_read_the_nulls_the_api_sends():
    # The API answers `"last_used_at": null` for a key never used (seen by the smoke run).
    key = ApiKey.from_dict(
        KEY | {"last_used_at": None, "expires_at": None, "revoked_at": None}
    )
    assert key.last_used_at is None
    exchange = ConversationExchange.from_dict(
        {
            "message": {
                "id": "0190a0a0-0000-7000-8000-000000000011",
                "conversation_id": "0190a0a0-0000-7000-8000-000000000001",
                "role": "user",
                "content": "hi",
                "status": "complete",
                "created_at": "2026-12-02T10:00:00+00:00",
            },
            "reply": None,
            "reply_pending": True,
            "state": "open",
        }
    )
    assert exchange.reply is None
