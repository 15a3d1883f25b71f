from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChunkView")


@_attrs_define
class ChunkView:
    """One chunk of a source.

    Attributes:
        heading (str): The headings above the text, outermost first, joined with " › ".
        text (str):
        has_vector (bool): Whether it has a vector (the provider embeds).
    """

    heading: str
    text: str
    has_vector: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        heading = self.heading

        text = self.text

        has_vector = self.has_vector

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "heading": heading,
                "text": text,
                "has_vector": has_vector,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        heading = d.pop("heading")

        text = d.pop("text")

        has_vector = d.pop("has_vector")

        chunk_view = cls(
            heading=heading,
            text=text,
            has_vector=has_vector,
        )

        chunk_view.additional_properties = d
        return chunk_view

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
