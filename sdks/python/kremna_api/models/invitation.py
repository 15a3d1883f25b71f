from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_role import MemberRole, check_member_role
from ..types import UNSET, Unset

T = TypeVar("T", bound="Invitation")


@_attrs_define
class Invitation:
    """A pending invitation (its token is shown only once, at creation).

    Attributes:
        id (UUID):
        role (MemberRole): A member's role in a tenant. Ordered: an owner can do what an admin can, and so on.
        created_at (datetime.datetime):
        expires_at (datetime.datetime):
        email (str | Unset):
        created_by (UUID | Unset):
    """

    id: UUID
    role: MemberRole
    created_at: datetime.datetime
    expires_at: datetime.datetime
    email: str | Unset = UNSET
    created_by: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        role: str = self.role

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        email = self.email

        created_by: str | Unset = UNSET
        if not isinstance(self.created_by, Unset):
            created_by = str(self.created_by)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "role": role,
                "created_at": created_at,
                "expires_at": expires_at,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if created_by is not UNSET:
            field_dict["created_by"] = created_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        role = check_member_role(d.pop("role"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        email = d.pop("email", UNSET)

        _created_by = d.pop("created_by", UNSET)
        created_by: UUID | Unset
        if isinstance(_created_by, Unset):
            created_by = UNSET
        else:
            created_by = UUID(_created_by)

        invitation = cls(
            id=id,
            role=role,
            created_at=created_at,
            expires_at=expires_at,
            email=email,
            created_by=created_by,
        )

        invitation.additional_properties = d
        return invitation

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
