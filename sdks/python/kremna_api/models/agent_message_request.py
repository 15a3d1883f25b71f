from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentMessageRequest")


@_attrs_define
class AgentMessageRequest:
    """`POST /chats/{id}/messages`: a member answers in person.

    Attributes:
        content (str): 1–4,000 characters.
        client_message_id (None | str | Unset): Retrying with the same id never stores the message twice.
    """

    content: str
    client_message_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        client_message_id: None | str | Unset
        if isinstance(self.client_message_id, Unset):
            client_message_id = UNSET
        else:
            client_message_id = self.client_message_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content": content,
            }
        )
        if client_message_id is not UNSET:
            field_dict["client_message_id"] = client_message_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        content = d.pop("content")

        def _parse_client_message_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_message_id = _parse_client_message_id(d.pop("client_message_id", UNSET))

        agent_message_request = cls(
            content=content,
            client_message_id=client_message_id,
        )

        return agent_message_request
