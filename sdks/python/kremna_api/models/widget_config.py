from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.handoff_policy import HandoffPolicy, check_handoff_policy

if TYPE_CHECKING:
    from ..models.widget_theme import WidgetTheme


T = TypeVar("T", bound="WidgetConfig")


@_attrs_define
class WidgetConfig:
    """An assistant's public face.

    Attributes:
        id (UUID):
        name (str):
        greeting (str):
        theme (WidgetTheme):
        realtime_url (str): Where the widget opens its Socket.IO connection.
        handoff_policy (HandoffPolicy): When an assistant hands a chat to a person.
    """

    id: UUID
    name: str
    greeting: str
    theme: WidgetTheme
    realtime_url: str
    handoff_policy: HandoffPolicy
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        greeting = self.greeting

        theme = self.theme.to_dict()

        realtime_url = self.realtime_url

        handoff_policy: str = self.handoff_policy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "greeting": greeting,
                "theme": theme,
                "realtime_url": realtime_url,
                "handoff_policy": handoff_policy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.widget_theme import WidgetTheme

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        greeting = d.pop("greeting")

        theme = WidgetTheme.from_dict(d.pop("theme"))

        realtime_url = d.pop("realtime_url")

        handoff_policy = check_handoff_policy(d.pop("handoff_policy"))

        widget_config = cls(
            id=id,
            name=name,
            greeting=greeting,
            theme=theme,
            realtime_url=realtime_url,
            handoff_policy=handoff_policy,
        )

        widget_config.additional_properties = d
        return widget_config

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
