from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.key_resource_access import KeyResourceAccess, check_key_resource_access

T = TypeVar("T", bound="KeyResourcesView")


@_attrs_define
class KeyResourcesView:
    """A key's effective access on each resource.

    Attributes:
        assistants (KeyResourceAccess): What a key may do on one resource.
        chats (KeyResourceAccess): What a key may do on one resource.
        analytics (KeyResourceAccess): What a key may do on one resource.
        webhooks (KeyResourceAccess): What a key may do on one resource.
    """

    assistants: KeyResourceAccess
    chats: KeyResourceAccess
    analytics: KeyResourceAccess
    webhooks: KeyResourceAccess
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assistants: str = self.assistants

        chats: str = self.chats

        analytics: str = self.analytics

        webhooks: str = self.webhooks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assistants": assistants,
                "chats": chats,
                "analytics": analytics,
                "webhooks": webhooks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        assistants = check_key_resource_access(d.pop("assistants"))

        chats = check_key_resource_access(d.pop("chats"))

        analytics = check_key_resource_access(d.pop("analytics"))

        webhooks = check_key_resource_access(d.pop("webhooks"))

        key_resources_view = cls(
            assistants=assistants,
            chats=chats,
            analytics=analytics,
            webhooks=webhooks,
        )

        key_resources_view.additional_properties = d
        return key_resources_view

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
