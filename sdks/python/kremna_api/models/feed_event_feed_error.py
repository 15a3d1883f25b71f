from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode, check_error_code
from ..models.feed_event_feed_error_type import (
    FeedEventFeedErrorType,
    check_feed_event_feed_error_type,
)

T = TypeVar("T", bound="FeedEventFeedError")


@_attrs_define
class FeedEventFeedError:
    """One event of a chat, as the conversation API streams it (snake_case, like the REST
    API; the socket's camelCase payloads carry the same facts).

        Attributes:
            chat_id (UUID):
            code (ErrorCode): A stable, snake_case error code.
            message (str): A sentence for developers.
            type_ (FeedEventFeedErrorType):  Example: error.
    """

    chat_id: UUID
    code: ErrorCode
    message: str
    type_: FeedEventFeedErrorType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chat_id = str(self.chat_id)

        code: str = self.code

        message = self.message

        type_: str = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chat_id": chat_id,
                "code": code,
                "message": message,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        chat_id = UUID(d.pop("chat_id"))

        code = check_error_code(d.pop("code"))

        message = d.pop("message")

        type_ = check_feed_event_feed_error_type(d.pop("type"))

        feed_event_feed_error = cls(
            chat_id=chat_id,
            code=code,
            message=message,
            type_=type_,
        )

        feed_event_feed_error.additional_properties = d
        return feed_event_feed_error

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
