from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_key_status import ApiKeyStatus, check_api_key_status
from ..models.key_access import KeyAccess, check_key_access
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_resources_view import KeyResourcesView


T = TypeVar("T", bound="ApiKey")


@_attrs_define
class ApiKey:
    """An API key as listed: never the secret.

    Attributes:
        id (UUID):
        name (str):
        prefix (str): The key's first characters (`kr_live_AbCd`), to tell keys apart.
        access (KeyAccess): What a key may do: read, or read and write.
        resources (KeyResourcesView): A key's effective access on each resource.
        status (ApiKeyStatus): Whether a key works.
        created_at (datetime.datetime):
        rate_limit_per_minute (int | Unset):
        last_used_at (datetime.datetime | Unset):
        expires_at (datetime.datetime | Unset):
        revoked_at (datetime.datetime | Unset):
    """

    id: UUID
    name: str
    prefix: str
    access: KeyAccess
    resources: KeyResourcesView
    status: ApiKeyStatus
    created_at: datetime.datetime
    rate_limit_per_minute: int | Unset = UNSET
    last_used_at: datetime.datetime | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    revoked_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        prefix = self.prefix

        access: str = self.access

        resources = self.resources.to_dict()

        status: str = self.status

        created_at = self.created_at.isoformat()

        rate_limit_per_minute = self.rate_limit_per_minute

        last_used_at: str | Unset = UNSET
        if not isinstance(self.last_used_at, Unset):
            last_used_at = self.last_used_at.isoformat()

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        revoked_at: str | Unset = UNSET
        if not isinstance(self.revoked_at, Unset):
            revoked_at = self.revoked_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "prefix": prefix,
                "access": access,
                "resources": resources,
                "status": status,
                "created_at": created_at,
            }
        )
        if rate_limit_per_minute is not UNSET:
            field_dict["rate_limit_per_minute"] = rate_limit_per_minute
        if last_used_at is not UNSET:
            field_dict["last_used_at"] = last_used_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if revoked_at is not UNSET:
            field_dict["revoked_at"] = revoked_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.key_resources_view import KeyResourcesView

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        prefix = d.pop("prefix")

        access = check_key_access(d.pop("access"))

        resources = KeyResourcesView.from_dict(d.pop("resources"))

        status = check_api_key_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        rate_limit_per_minute = d.pop("rate_limit_per_minute", UNSET)

        _last_used_at = d.pop("last_used_at", UNSET)
        last_used_at: datetime.datetime | Unset
        if isinstance(_last_used_at, Unset):
            last_used_at = UNSET
        else:
            last_used_at = datetime.datetime.fromisoformat(_last_used_at)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        _revoked_at = d.pop("revoked_at", UNSET)
        revoked_at: datetime.datetime | Unset
        if isinstance(_revoked_at, Unset):
            revoked_at = UNSET
        else:
            revoked_at = datetime.datetime.fromisoformat(_revoked_at)

        api_key = cls(
            id=id,
            name=name,
            prefix=prefix,
            access=access,
            resources=resources,
            status=status,
            created_at=created_at,
            rate_limit_per_minute=rate_limit_per_minute,
            last_used_at=last_used_at,
            expires_at=expires_at,
            revoked_at=revoked_at,
        )

        api_key.additional_properties = d
        return api_key

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
