from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="AssignChatRequest")


@_attrs_define
class AssignChatRequest:
    """`POST /chats/{id}/assign`.

    Attributes:
        member_id (UUID): A member of this workspace.
    """

    member_id: UUID

    def to_dict(self) -> dict[str, Any]:
        member_id = str(self.member_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "member_id": member_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        member_id = UUID(d.pop("member_id"))

        assign_chat_request = cls(
            member_id=member_id,
        )

        return assign_chat_request
