from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="StartConversationRequest")


@_attrs_define
class StartConversationRequest:
    """`POST /conversations`: start a conversation for one of your users.

    Attributes:
        assistant_id (UUID):
        user_id (str): Your id for the end user (1–100 characters), to find their conversations later.
    """

    assistant_id: UUID
    user_id: str

    def to_dict(self) -> dict[str, Any]:
        assistant_id = str(self.assistant_id)

        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assistant_id": assistant_id,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        assistant_id = UUID(d.pop("assistant_id"))

        user_id = d.pop("user_id")

        start_conversation_request = cls(
            assistant_id=assistant_id,
            user_id=user_id,
        )

        return start_conversation_request
