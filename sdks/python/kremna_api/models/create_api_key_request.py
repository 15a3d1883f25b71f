from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.key_access import KeyAccess, check_key_access
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_resources import KeyResources


T = TypeVar("T", bound="CreateApiKeyRequest")


@_attrs_define
class CreateApiKeyRequest:
    """A new API key.

    Attributes:
        name (str): A name to tell keys apart ("Production backend").
        access (KeyAccess | Unset): What a key may do: read, or read and write.
        resources (KeyResources | Unset): Per-resource exceptions to a key's `access`; absent resources follow `access`.
        expires_at (datetime.datetime | Unset): When the key stops working; never when absent.
        rate_limit_per_minute (int | Unset): Requests per minute for this key; the workspace default when absent.
    """

    name: str
    access: KeyAccess | Unset = UNSET
    resources: KeyResources | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    rate_limit_per_minute: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        access: str | Unset = UNSET
        if not isinstance(self.access, Unset):
            access = self.access

        resources: dict[str, Any] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources.to_dict()

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        rate_limit_per_minute = self.rate_limit_per_minute

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if access is not UNSET:
            field_dict["access"] = access
        if resources is not UNSET:
            field_dict["resources"] = resources
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if rate_limit_per_minute is not UNSET:
            field_dict["rate_limit_per_minute"] = rate_limit_per_minute

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_resources import KeyResources

        d = dict(src_dict)
        name = d.pop("name")

        _access = d.pop("access", UNSET)
        access: KeyAccess | Unset
        if isinstance(_access, Unset):
            access = UNSET
        else:
            access = check_key_access(_access)

        _resources = d.pop("resources", UNSET)
        resources: KeyResources | Unset
        if isinstance(_resources, Unset):
            resources = UNSET
        else:
            resources = KeyResources.from_dict(_resources)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        rate_limit_per_minute = d.pop("rate_limit_per_minute", UNSET)

        create_api_key_request = cls(
            name=name,
            access=access,
            resources=resources,
            expires_at=expires_at,
            rate_limit_per_minute=rate_limit_per_minute,
        )

        return create_api_key_request
