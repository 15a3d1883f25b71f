from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.key_resource_access import KeyResourceAccess, check_key_resource_access
from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyResources")


@_attrs_define
class KeyResources:
    """Per-resource exceptions to a key's `access`; absent resources follow `access`.

    Attributes:
        assistants (KeyResourceAccess | Unset): What a key may do on one resource.
        chats (KeyResourceAccess | Unset): What a key may do on one resource.
        analytics (KeyResourceAccess | Unset): What a key may do on one resource.
        webhooks (KeyResourceAccess | Unset): What a key may do on one resource.
    """

    assistants: KeyResourceAccess | Unset = UNSET
    chats: KeyResourceAccess | Unset = UNSET
    analytics: KeyResourceAccess | Unset = UNSET
    webhooks: KeyResourceAccess | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        assistants: str | Unset = UNSET
        if not isinstance(self.assistants, Unset):
            assistants = self.assistants

        chats: str | Unset = UNSET
        if not isinstance(self.chats, Unset):
            chats = self.chats

        analytics: str | Unset = UNSET
        if not isinstance(self.analytics, Unset):
            analytics = self.analytics

        webhooks: str | Unset = UNSET
        if not isinstance(self.webhooks, Unset):
            webhooks = self.webhooks

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if assistants is not UNSET:
            field_dict["assistants"] = assistants
        if chats is not UNSET:
            field_dict["chats"] = chats
        if analytics is not UNSET:
            field_dict["analytics"] = analytics
        if webhooks is not UNSET:
            field_dict["webhooks"] = webhooks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _assistants = d.pop("assistants", UNSET)
        assistants: KeyResourceAccess | Unset
        if isinstance(_assistants, Unset):
            assistants = UNSET
        else:
            assistants = check_key_resource_access(_assistants)

        _chats = d.pop("chats", UNSET)
        chats: KeyResourceAccess | Unset
        if isinstance(_chats, Unset):
            chats = UNSET
        else:
            chats = check_key_resource_access(_chats)

        _analytics = d.pop("analytics", UNSET)
        analytics: KeyResourceAccess | Unset
        if isinstance(_analytics, Unset):
            analytics = UNSET
        else:
            analytics = check_key_resource_access(_analytics)

        _webhooks = d.pop("webhooks", UNSET)
        webhooks: KeyResourceAccess | Unset
        if isinstance(_webhooks, Unset):
            webhooks = UNSET
        else:
            webhooks = check_key_resource_access(_webhooks)

        key_resources = cls(
            assistants=assistants,
            chats=chats,
            analytics=analytics,
            webhooks=webhooks,
        )

        return key_resources
