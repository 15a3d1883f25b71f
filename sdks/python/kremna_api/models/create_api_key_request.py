from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

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
        access (KeyAccess | None | Unset): What the key may do on every resource; default `read`.
        resources (KeyResources | None | Unset): Exceptions per resource.
        expires_at (datetime.datetime | None | Unset): When the key stops working; never when absent. Must be in the
            future (a rule
            the schema cannot state: it moves with the clock).
        rate_limit_per_minute (int | None | Unset): Requests per minute for this key; the workspace default when absent.
    """

    name: str
    access: KeyAccess | None | Unset = UNSET
    resources: KeyResources | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    rate_limit_per_minute: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.key_resources import KeyResources

        name = self.name

        access: None | str | Unset
        if isinstance(self.access, Unset):
            access = UNSET
        elif isinstance(self.access, str):
            access = self.access
        else:
            access = self.access

        resources: dict[str, Any] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, KeyResources):
            resources = self.resources.to_dict()
        else:
            resources = self.resources

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        rate_limit_per_minute: int | None | Unset
        if isinstance(self.rate_limit_per_minute, Unset):
            rate_limit_per_minute = UNSET
        else:
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

        def _parse_access(data: object) -> KeyAccess | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                access_type_0 = check_key_access(data)

                return access_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KeyAccess | None | Unset, data)

        access = _parse_access(d.pop("access", UNSET))

        def _parse_resources(data: object) -> KeyResources | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resources_type_0 = KeyResources.from_dict(data)

                return resources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KeyResources | None | Unset, data)

        resources = _parse_resources(d.pop("resources", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_rate_limit_per_minute(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rate_limit_per_minute = _parse_rate_limit_per_minute(
            d.pop("rate_limit_per_minute", UNSET)
        )

        create_api_key_request = cls(
            name=name,
            access=access,
            resources=resources,
            expires_at=expires_at,
            rate_limit_per_minute=rate_limit_per_minute,
        )

        return create_api_key_request
