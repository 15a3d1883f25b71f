from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.user import User
    from ..models.workspace import Workspace


T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """A signed-in session.

    Attributes:
        access_token (str): Send as `Authorization: Bearer <access_token>`.
        token_type (str): Always `Bearer`.
        expires_in (int): Seconds until the token expires.
        user (User):
        tenant (Workspace): A workspace (tenant) and the user's role in it.
        workspaces (list[Workspace]): Every workspace of the user (log in with `tenant_id` to switch).
    """

    access_token: str
    token_type: str
    expires_in: int
    user: User
    tenant: Workspace
    workspaces: list[Workspace]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        token_type = self.token_type

        expires_in = self.expires_in

        user = self.user.to_dict()

        tenant = self.tenant.to_dict()

        workspaces = []
        for workspaces_item_data in self.workspaces:
            workspaces_item = workspaces_item_data.to_dict()
            workspaces.append(workspaces_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "token_type": token_type,
                "expires_in": expires_in,
                "user": user,
                "tenant": tenant,
                "workspaces": workspaces,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user import User
        from ..models.workspace import Workspace

        d = dict(src_dict)
        access_token = d.pop("access_token")

        token_type = d.pop("token_type")

        expires_in = d.pop("expires_in")

        user = User.from_dict(d.pop("user"))

        tenant = Workspace.from_dict(d.pop("tenant"))

        workspaces = []
        _workspaces = d.pop("workspaces")
        for workspaces_item_data in _workspaces:
            workspaces_item = Workspace.from_dict(workspaces_item_data)

            workspaces.append(workspaces_item)

        session = cls(
            access_token=access_token,
            token_type=token_type,
            expires_in=expires_in,
            user=user,
            tenant=tenant,
            workspaces=workspaces,
        )

        session.additional_properties = d
        return session

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
