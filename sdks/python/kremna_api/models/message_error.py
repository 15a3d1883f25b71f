from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reply_cause import ReplyCause, check_reply_cause

T = TypeVar("T", bound="MessageError")


@_attrs_define
class MessageError:
    """Why a reply failed (or was handed over), as a class: the provider's own error text
    is never stored nor shown (the worker logs it). The visitor saw a polite message.

        Attributes:
            code (ReplyCause): Why a reply did not end normally: a failure, classified from what the worker could
                tell of the provider's answer, or a member's takeover. Stored on the message and
                shown to members instead of the provider's own error text, which can hold
                anything (account details, internal hosts, the prompt); that text goes to the
                worker's log only.
    """

    code: ReplyCause
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: str = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = check_reply_cause(d.pop("code"))

        message_error = cls(
            code=code,
        )

        message_error.additional_properties = d
        return message_error

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
