from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.launcher_position import LauncherPosition, check_launcher_position

T = TypeVar("T", bound="Theme")


@_attrs_define
class Theme:
    """How the widget looks.

    Attributes:
        primary_color (str): `#rrggbb`.
        position (LauncherPosition):
    """

    primary_color: str
    position: LauncherPosition

    def to_dict(self) -> dict[str, Any]:
        primary_color = self.primary_color

        position: str = self.position

        field_dict: dict[str, Any] = {}

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

        theme = cls(
            primary_color=primary_color,
            position=position,
        )

        return theme
