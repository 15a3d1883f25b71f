from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
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
        model (None | str | Unset): The model that wrote an assistant reply.
        prompt_tokens (int | None | Unset):
        completion_tokens (int | None | Unset):
        latency_ms (int | None | Unset): From the visitor's message to the complete reply.
        error (MessageError | None | Unset):
        author_id (None | Unset | UUID): The member who wrote it (role `agent`).
        author_name (None | str | Unset):
        seq (int | None | Unset): Its place among the chat's final messages (1, 2, 3…), for `POST
            /chats/{id}/read`; absent while a reply is still being written.
    """

    id: UUID
    role: MessageRole
    content: str
    status: MessageStatus
    created_at: datetime.datetime
    model: None | str | Unset = UNSET
    prompt_tokens: int | None | Unset = UNSET
    completion_tokens: int | None | Unset = UNSET
    latency_ms: int | None | Unset = UNSET
    error: MessageError | None | Unset = UNSET
    author_id: None | Unset | UUID = UNSET
    author_name: None | str | Unset = UNSET
    seq: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.message_error import MessageError

        id = str(self.id)

        role: str = self.role

        content = self.content

        status: str = self.status

        created_at = self.created_at.isoformat()

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        prompt_tokens: int | None | Unset
        if isinstance(self.prompt_tokens, Unset):
            prompt_tokens = UNSET
        else:
            prompt_tokens = self.prompt_tokens

        completion_tokens: int | None | Unset
        if isinstance(self.completion_tokens, Unset):
            completion_tokens = UNSET
        else:
            completion_tokens = self.completion_tokens

        latency_ms: int | None | Unset
        if isinstance(self.latency_ms, Unset):
            latency_ms = UNSET
        else:
            latency_ms = self.latency_ms

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, MessageError):
            error = self.error.to_dict()
        else:
            error = self.error

        author_id: None | str | Unset
        if isinstance(self.author_id, Unset):
            author_id = UNSET
        elif isinstance(self.author_id, UUID):
            author_id = str(self.author_id)
        else:
            author_id = self.author_id

        author_name: None | str | Unset
        if isinstance(self.author_name, Unset):
            author_name = UNSET
        else:
            author_name = self.author_name

        seq: int | None | Unset
        if isinstance(self.seq, Unset):
            seq = UNSET
        else:
            seq = self.seq

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
        if seq is not UNSET:
            field_dict["seq"] = seq

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

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_prompt_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        prompt_tokens = _parse_prompt_tokens(d.pop("prompt_tokens", UNSET))

        def _parse_completion_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        completion_tokens = _parse_completion_tokens(d.pop("completion_tokens", UNSET))

        def _parse_latency_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms", UNSET))

        def _parse_error(data: object) -> MessageError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = MessageError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageError | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_author_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                author_id_type_0 = UUID(data)

                return author_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        author_id = _parse_author_id(d.pop("author_id", UNSET))

        def _parse_author_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        author_name = _parse_author_name(d.pop("author_name", UNSET))

        def _parse_seq(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seq = _parse_seq(d.pop("seq", UNSET))

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
            seq=seq,
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
