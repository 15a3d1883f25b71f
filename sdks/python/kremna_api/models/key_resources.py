from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.key_resource_access import KeyResourceAccess, check_key_resource_access
from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyResources")


@_attrs_define
class KeyResources:
    """Per-resource exceptions to a key's `access`; absent resources follow `access`.

    Attributes:
        assistants (KeyResourceAccess | None | Unset):
        chats (KeyResourceAccess | None | Unset):
        analytics (KeyResourceAccess | None | Unset):
        webhooks (KeyResourceAccess | None | Unset):
    """

    assistants: KeyResourceAccess | None | Unset = UNSET
    chats: KeyResourceAccess | None | Unset = UNSET
    analytics: KeyResourceAccess | None | Unset = UNSET
    webhooks: KeyResourceAccess | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        assistants: None | str | Unset
        if isinstance(self.assistants, Unset):
            assistants = UNSET
        elif isinstance(self.assistants, str):
            assistants = self.assistants
        else:
            assistants = self.assistants

        chats: None | str | Unset
        if isinstance(self.chats, Unset):
            chats = UNSET
        elif isinstance(self.chats, str):
            chats = self.chats
        else:
            chats = self.chats

        analytics: None | str | Unset
        if isinstance(self.analytics, Unset):
            analytics = UNSET
        elif isinstance(self.analytics, str):
            analytics = self.analytics
        else:
            analytics = self.analytics

        webhooks: None | str | Unset
        if isinstance(self.webhooks, Unset):
            webhooks = UNSET
        elif isinstance(self.webhooks, str):
            webhooks = self.webhooks
        else:
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

        def _parse_assistants(data: object) -> KeyResourceAccess | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assistants_type_0 = check_key_resource_access(data)

                return assistants_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KeyResourceAccess | None | Unset, data)

        assistants = _parse_assistants(d.pop("assistants", UNSET))

        def _parse_chats(data: object) -> KeyResourceAccess | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                chats_type_0 = check_key_resource_access(data)

                return chats_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KeyResourceAccess | None | Unset, data)

        chats = _parse_chats(d.pop("chats", UNSET))

        def _parse_analytics(data: object) -> KeyResourceAccess | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                analytics_type_0 = check_key_resource_access(data)

                return analytics_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KeyResourceAccess | None | Unset, data)

        analytics = _parse_analytics(d.pop("analytics", UNSET))

        def _parse_webhooks(data: object) -> KeyResourceAccess | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                webhooks_type_0 = check_key_resource_access(data)

                return webhooks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KeyResourceAccess | None | Unset, data)

        webhooks = _parse_webhooks(d.pop("webhooks", UNSET))

        key_resources = cls(
            assistants=assistants,
            chats=chats,
            analytics=analytics,
            webhooks=webhooks,
        )

        return key_resources
