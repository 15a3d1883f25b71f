from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_state import ChatState, check_chat_state

T = TypeVar("T", bound="Conversation")


@_attrs_define
class Conversation:
    """A conversation a partner's backend runs with an assistant (no widget).

    Attributes:
        id (UUID):
        assistant_id (UUID):
        user_id (str): Your id for the end user.
        state (ChatState): Who is answering a chat (human handoff). `chats.status` is the seed's separate
            open/closed flag.
        created_at (datetime.datetime):
        last_message_at (datetime.datetime):
    """

    id: UUID
    assistant_id: UUID
    user_id: str
    state: ChatState
    created_at: datetime.datetime
    last_message_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        assistant_id = str(self.assistant_id)

        user_id = self.user_id

        state: str = self.state

        created_at = self.created_at.isoformat()

        last_message_at = self.last_message_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "assistant_id": assistant_id,
                "user_id": user_id,
                "state": state,
                "created_at": created_at,
                "last_message_at": last_message_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        assistant_id = UUID(d.pop("assistant_id"))

        user_id = d.pop("user_id")

        state = check_chat_state(d.pop("state"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_message_at = datetime.datetime.fromisoformat(d.pop("last_message_at"))

        conversation = cls(
            id=id,
            assistant_id=assistant_id,
            user_id=user_id,
            state=state,
            created_at=created_at,
            last_message_at=last_message_at,
        )

        conversation.additional_properties = d
        return conversation

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
