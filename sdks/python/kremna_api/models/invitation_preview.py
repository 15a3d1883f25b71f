from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_role import MemberRole, check_member_role

T = TypeVar("T", bound="InvitationPreview")


@_attrs_define
class InvitationPreview:
    """What the invitation page shows before the invitee accepts.

    Attributes:
        workspace_id (UUID):
        workspace_name (str):
        role (MemberRole): A member's role in a tenant. Ordered: an owner can do what an admin can, and so on.
        expires_at (datetime.datetime):
    """

    workspace_id: UUID
    workspace_name: str
    role: MemberRole
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workspace_id = str(self.workspace_id)

        workspace_name = self.workspace_name

        role: str = self.role

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workspace_id": workspace_id,
                "workspace_name": workspace_name,
                "role": role,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workspace_id = UUID(d.pop("workspace_id"))

        workspace_name = d.pop("workspace_name")

        role = check_member_role(d.pop("role"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        invitation_preview = cls(
            workspace_id=workspace_id,
            workspace_name=workspace_name,
            role=role,
            expires_at=expires_at,
        )

        invitation_preview.additional_properties = d
        return invitation_preview

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
