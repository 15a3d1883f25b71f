from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KnowledgeLimits")


@_attrs_define
class KnowledgeLimits:
    """What an upload may be, so the dashboard can say it before sending.

    Attributes:
        max_file_bytes (int): The largest file `POST /knowledge/sources/file` takes, in bytes: the smaller of
            `KNOWLEDGE_MAX_BYTES` and what fits in a request under `MAX_BODY_BYTES`.
    """

    max_file_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_file_bytes = self.max_file_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_file_bytes": max_file_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_file_bytes = d.pop("max_file_bytes")

        knowledge_limits = cls(
            max_file_bytes=max_file_bytes,
        )

        knowledge_limits.additional_properties = d
        return knowledge_limits

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
