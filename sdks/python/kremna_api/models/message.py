from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_role import MessageRole, check_message_role
from ..models.message_status import MessageStatus, check_message_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message_error import MessageError


T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """
    Attributes:
        id (UUID):
        role (MessageRole): Who wrote a message.
        content (str):
        status (MessageStatus): Where a message is in its life.
        created_at (datetime.datetime):
        model (str | Unset): The model that wrote an assistant reply.
        prompt_tokens (int | Unset):
        completion_tokens (int | Unset):
        latency_ms (int | Unset): From the visitor's message to the complete reply.
        error (MessageError | Unset): Why a reply failed; for admins only (the visitor saw a polite message).
        author_id (UUID | Unset): The member who wrote it (role `agent`).
        author_name (str | Unset):
    """

    id: UUID
    role: MessageRole
    content: str
    status: MessageStatus
    created_at: datetime.datetime
    model: str | Unset = UNSET
    prompt_tokens: int | Unset = UNSET
    completion_tokens: int | Unset = UNSET
    latency_ms: int | Unset = UNSET
    error: MessageError | Unset = UNSET
    author_id: UUID | Unset = UNSET
    author_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        role: str = self.role

        content = self.content

        status: str = self.status

        created_at = self.created_at.isoformat()

        model = self.model

        prompt_tokens = self.prompt_tokens

        completion_tokens = self.completion_tokens

        latency_ms = self.latency_ms

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        author_id: str | Unset = UNSET
        if not isinstance(self.author_id, Unset):
            author_id = str(self.author_id)

        author_name = self.author_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "role": role,
                "content": content,
                "status": status,
                "created_at": created_at,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if prompt_tokens is not UNSET:
            field_dict["prompt_tokens"] = prompt_tokens
        if completion_tokens is not UNSET:
            field_dict["completion_tokens"] = completion_tokens
        if latency_ms is not UNSET:
            field_dict["latency_ms"] = latency_ms
        if error is not UNSET:
            field_dict["error"] = error
        if author_id is not UNSET:
            field_dict["author_id"] = author_id
        if author_name is not UNSET:
            field_dict["author_name"] = author_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.message_error import MessageError

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        role = check_message_role(d.pop("role"))

        content = d.pop("content")

        status = check_message_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        model = d.pop("model", UNSET)

        prompt_tokens = d.pop("prompt_tokens", UNSET)

        completion_tokens = d.pop("completion_tokens", UNSET)

        latency_ms = d.pop("latency_ms", UNSET)

        _error = d.pop("error", UNSET)
        error: MessageError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = MessageError.from_dict(_error)

        _author_id = d.pop("author_id", UNSET)
        author_id: UUID | Unset
        if isinstance(_author_id, Unset):
            author_id = UNSET
        else:
            author_id = UUID(_author_id)

        author_name = d.pop("author_name", UNSET)

        message = cls(
            id=id,
            role=role,
            content=content,
            status=status,
            created_at=created_at,
            model=model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            latency_ms=latency_ms,
            error=error,
            author_id=author_id,
            author_name=author_name,
        )

        message.additional_properties = d
        return message

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
