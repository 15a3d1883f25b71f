from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.member_role import MemberRole, check_member_role

T = TypeVar("T", bound="ChangeRoleRequest")


@_attrs_define
class ChangeRoleRequest:
    """
    Attributes:
        role (MemberRole): A member's role in a tenant. Ordered: an owner can do what an admin can, and so on.
    """

    role: MemberRole

    def to_dict(self) -> dict[str, Any]:
        role: str = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = check_member_role(d.pop("role"))

        change_role_request = cls(
            role=role,
        )

        return change_role_request
