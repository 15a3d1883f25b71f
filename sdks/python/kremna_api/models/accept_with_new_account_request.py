from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AcceptWithNewAccountRequest")


@_attrs_define
class AcceptWithNewAccountRequest:
    """Accept with a new account.

    Attributes:
        token (str):
        email (str):
        password (str): 8 to 128 characters; a passphrase is welcome. Passwords that are easy to guess
            are refused with `weak_password`: a strength estimate the schema cannot state.
        full_name (str):
    """

    token: str
    email: str
    password: str
    full_name: str

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        email = self.email

        password = self.password

        full_name = self.full_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
                "email": email,
                "password": password,
                "full_name": full_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        token = d.pop("token")

        email = d.pop("email")

        password = d.pop("password")

        full_name = d.pop("full_name")

        accept_with_new_account_request = cls(
            token=token,
            email=email,
            password=password,
            full_name=full_name,
        )

        return accept_with_new_account_request
