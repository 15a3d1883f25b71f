from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AcceptWithAccountRequest")


@_attrs_define
class AcceptWithAccountRequest:
    """Accept with an existing account's e-mail and password.

    Attributes:
        token (str):
        email (str):
        password (str):
    """

    token: str
    email: str
    password: str

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        email = self.email

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
                "email": email,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        token = d.pop("token")

        email = d.pop("email")

        password = d.pop("password")

        accept_with_account_request = cls(
            token=token,
            email=email,
            password=password,
        )

        return accept_with_account_request
