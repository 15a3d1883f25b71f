"""One error type for every failed call: the HTTP status and the API's error body
(``{"error": {"code", "message", "details"}}``), so callers branch on ``code``."""

from __future__ import annotations

import json
from typing import Any


class KremnaError(Exception):
    def __init__(
        self, status: int, code: str, message: str, details: Any = None
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    @classmethod
    def from_body(cls, status: int, content: bytes) -> KremnaError:
        try:
            error = json.loads(content).get("error") or {}
        except (ValueError, AttributeError):
            error = {}
        if not isinstance(error, dict):
            error = {}
        return cls(
            status,
            error.get("code") or f"http_{status}",
            error.get("message") or "",
            error.get("details"),
        )
