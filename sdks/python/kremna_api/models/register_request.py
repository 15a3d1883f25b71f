from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterRequest")


@_attrs_define
class RegisterRequest:
    """A new account with its own workspace.

    Attributes:
        email (str):
        password (str): 8 to 128 characters; a passphrase is welcome. Passwords that are easy to guess
            (common words, keyboard runs, the e-mail or name) are refused with
            `weak_password`: a strength estimate the schema cannot state.
        full_name (str):
        workspace_name (None | str | Unset): The workspace's name; defaults to "<full name>'s workspace".
    """

    email: str
    password: str
    full_name: str
    workspace_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        full_name = self.full_name

        workspace_name: None | str | Unset
        if isinstance(self.workspace_name, Unset):
            workspace_name = UNSET
        else:
            workspace_name = self.workspace_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "password": password,
                "full_name": full_name,
            }
        )
        if workspace_name is not UNSET:
            field_dict["workspace_name"] = workspace_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        full_name = d.pop("full_name")

        def _parse_workspace_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        workspace_name = _parse_workspace_name(d.pop("workspace_name", UNSET))

        register_request = cls(
            email=email,
            password=password,
            full_name=full_name,
            workspace_name=workspace_name,
        )

        return register_request
