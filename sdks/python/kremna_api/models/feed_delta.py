from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FeedDelta")


@_attrs_define
class FeedDelta:
    """
    Attributes:
        chat_id (UUID):
        message_id (UUID): The reply being written.
        index (int): 0, 1, 2… within one attempt.
        attempt (int): Starts at 1; a retried reply starts its deltas again with a higher attempt.
        delta (str):
    """

    chat_id: UUID
    message_id: UUID
    index: int
    attempt: int
    delta: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chat_id = str(self.chat_id)

        message_id = str(self.message_id)

        index = self.index

        attempt = self.attempt

        delta = self.delta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chat_id": chat_id,
                "message_id": message_id,
                "index": index,
                "attempt": attempt,
                "delta": delta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        chat_id = UUID(d.pop("chat_id"))

        message_id = UUID(d.pop("message_id"))

        index = d.pop("index")

        attempt = d.pop("attempt")

        delta = d.pop("delta")

        feed_delta = cls(
            chat_id=chat_id,
            message_id=message_id,
            index=index,
            attempt=attempt,
            delta=delta,
        )

        feed_delta.additional_properties = d
        return feed_delta

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
