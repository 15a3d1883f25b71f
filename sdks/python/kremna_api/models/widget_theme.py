from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.launcher_position import LauncherPosition, check_launcher_position

T = TypeVar("T", bound="WidgetTheme")


@_attrs_define
class WidgetTheme:
    """
    Attributes:
        primary_color (str):
        position (LauncherPosition):
    """

    primary_color: str
    position: LauncherPosition
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        primary_color = self.primary_color

        position: str = self.position

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "primary_color": primary_color,
                "position": position,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        primary_color = d.pop("primary_color")

        position = check_launcher_position(d.pop("position"))

        widget_theme = cls(
            primary_color=primary_color,
            position=position,
        )

        widget_theme.additional_properties = d
        return widget_theme

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
