from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_state import ChatState, check_chat_state

T = TypeVar("T", bound="LinkedChat")


@_attrs_define
class LinkedChat:
    """Another chat of the same verified user in this workspace.

    Attributes:
        id (UUID):
        assistant_id (UUID):
        title (str):
        state (ChatState): Who is answering a chat (human handoff). `chats.status` is the seed's separate
            open/closed flag.
        last_message_at (datetime.datetime):
    """

    id: UUID
    assistant_id: UUID
    title: str
    state: ChatState
    last_message_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        assistant_id = str(self.assistant_id)

        title = self.title

        state: str = self.state

        last_message_at = self.last_message_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "assistant_id": assistant_id,
                "title": title,
                "state": state,
                "last_message_at": last_message_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        assistant_id = UUID(d.pop("assistant_id"))

        title = d.pop("title")

        state = check_chat_state(d.pop("state"))

        last_message_at = datetime.datetime.fromisoformat(d.pop("last_message_at"))

        linked_chat = cls(
            id=id,
            assistant_id=assistant_id,
            title=title,
            state=state,
            last_message_at=last_message_at,
        )

        linked_chat.additional_properties = d
        return linked_chat

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
