from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DailyUsage")


@_attrs_define
class DailyUsage:
    """
    Attributes:
        date (str): Local day.
        chats (int):
        messages (int):
        visitor_messages (int):
        replies (int):
        failed_replies (int):
        prompt_tokens (int):
        completion_tokens (int):
    """

    date: str
    chats: int
    messages: int
    visitor_messages: int
    replies: int
    failed_replies: int
    prompt_tokens: int
    completion_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date

        chats = self.chats

        messages = self.messages

        visitor_messages = self.visitor_messages

        replies = self.replies

        failed_replies = self.failed_replies

        prompt_tokens = self.prompt_tokens

        completion_tokens = self.completion_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "chats": chats,
                "messages": messages,
                "visitor_messages": visitor_messages,
                "replies": replies,
                "failed_replies": failed_replies,
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        date = d.pop("date")

        chats = d.pop("chats")

        messages = d.pop("messages")

        visitor_messages = d.pop("visitor_messages")

        replies = d.pop("replies")

        failed_replies = d.pop("failed_replies")

        prompt_tokens = d.pop("prompt_tokens")

        completion_tokens = d.pop("completion_tokens")

        daily_usage = cls(
            date=date,
            chats=chats,
            messages=messages,
            visitor_messages=visitor_messages,
            replies=replies,
            failed_replies=failed_replies,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )

        daily_usage.additional_properties = d
        return daily_usage

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
