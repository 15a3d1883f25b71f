from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_role import MessageRole, check_message_role
from ..models.message_status import MessageStatus, check_message_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedMessage")


@_attrs_define
class FeedMessage:
    """
    Attributes:
        id (UUID):
        chat_id (UUID):
        role (MessageRole): Who wrote a message.
        content (str):
        status (MessageStatus): Where a message is in its life.
        created_at (datetime.datetime):
        seq (int | Unset): The message's position in the chat.
        client_message_id (str | Unset): The client's id for the message, when it gave one.
        author_name (str | Unset): The member who wrote it (role `agent`).
        reply_to (UUID | Unset): For a reply: the message it answers.
    """

    id: UUID
    chat_id: UUID
    role: MessageRole
    content: str
    status: MessageStatus
    created_at: datetime.datetime
    seq: int | Unset = UNSET
    client_message_id: str | Unset = UNSET
    author_name: str | Unset = UNSET
    reply_to: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        chat_id = str(self.chat_id)

        role: str = self.role

        content = self.content

        status: str = self.status

        created_at = self.created_at.isoformat()

        seq = self.seq

        client_message_id = self.client_message_id

        author_name = self.author_name

        reply_to: str | Unset = UNSET
        if not isinstance(self.reply_to, Unset):
            reply_to = str(self.reply_to)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "chat_id": chat_id,
                "role": role,
                "content": content,
                "status": status,
                "created_at": created_at,
            }
        )
        if seq is not UNSET:
            field_dict["seq"] = seq
        if client_message_id is not UNSET:
            field_dict["client_message_id"] = client_message_id
        if author_name is not UNSET:
            field_dict["author_name"] = author_name
        if reply_to is not UNSET:
            field_dict["reply_to"] = reply_to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        chat_id = UUID(d.pop("chat_id"))

        role = check_message_role(d.pop("role"))

        content = d.pop("content")

        status = check_message_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        seq = d.pop("seq", UNSET)

        client_message_id = d.pop("client_message_id", UNSET)

        author_name = d.pop("author_name", UNSET)

        _reply_to = d.pop("reply_to", UNSET)
        reply_to: UUID | Unset
        if isinstance(_reply_to, Unset):
            reply_to = UNSET
        else:
            reply_to = UUID(_reply_to)

        feed_message = cls(
            id=id,
            chat_id=chat_id,
            role=role,
            content=content,
            status=status,
            created_at=created_at,
            seq=seq,
            client_message_id=client_message_id,
            author_name=author_name,
            reply_to=reply_to,
        )

        feed_message.additional_properties = d
        return feed_message

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
