from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.user import User
    from ..models.workspace import Workspace


T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """The signed-in user and the workspace the token acts in.

    Attributes:
        user (User):
        tenant (Workspace): A workspace (tenant) and the user's role in it.
        workspaces (list[Workspace]):
        realtime_url (str): Where the live dashboard connects (Socket.IO namespace `/agents`).
    """

    user: User
    tenant: Workspace
    workspaces: list[Workspace]
    realtime_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user = self.user.to_dict()

        tenant = self.tenant.to_dict()

        workspaces = []
        for workspaces_item_data in self.workspaces:
            workspaces_item = workspaces_item_data.to_dict()
            workspaces.append(workspaces_item)

        realtime_url = self.realtime_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
                "tenant": tenant,
                "workspaces": workspaces,
                "realtime_url": realtime_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user import User
        from ..models.workspace import Workspace

        d = dict(src_dict)
        user = User.from_dict(d.pop("user"))

        tenant = Workspace.from_dict(d.pop("tenant"))

        workspaces = []
        _workspaces = d.pop("workspaces")
        for workspaces_item_data in _workspaces:
            workspaces_item = Workspace.from_dict(workspaces_item_data)

            workspaces.append(workspaces_item)

        realtime_url = d.pop("realtime_url")

        me = cls(
            user=user,
            tenant=tenant,
            workspaces=workspaces,
            realtime_url=realtime_url,
        )

        me.additional_properties = d
        return me

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
