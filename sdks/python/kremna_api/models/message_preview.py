from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_role import MessageRole, check_message_role
from ..models.message_status import MessageStatus, check_message_status

T = TypeVar("T", bound="MessagePreview")


@_attrs_define
class MessagePreview:
    """
    Attributes:
        role (MessageRole): Who wrote a message.
        status (MessageStatus): Where a message is in its life.
        content (str): The first 140 characters.
    """

    role: MessageRole
    status: MessageStatus
    content: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role: str = self.role

        status: str = self.status

        content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "status": status,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = check_message_role(d.pop("role"))

        status = check_message_status(d.pop("status"))

        content = d.pop("content")

        message_preview = cls(
            role=role,
            status=status,
            content=content,
        )

        message_preview.additional_properties = d
        return message_preview

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
