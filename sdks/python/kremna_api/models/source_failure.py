from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.knowledge_failure import KnowledgeFailure, check_knowledge_failure
from ..types import UNSET, Unset

T = TypeVar("T", bound="SourceFailure")


@_attrs_define
class SourceFailure:
    """Why ingestion failed: a closed code (word it from the code and its parameters in the
    reader's language) and an English sentence for logs and tools.

        Attributes:
            code (KnowledgeFailure): Why a knowledge source (or one page of a site) could not be ingested: a closed
                set the dashboard words in the reader's language. `status` and `limit` in
                [`FailureParams`](crate::knowledge::FailureParams) complete some of them.
            message (str): The same in English.
            status (int | None | Unset): The HTTP status the site answered (`http_status`).
            limit (int | None | Unset): The limit that was passed: bytes (`too_large`), seconds (`timeout`), redirects
                (`too_many_redirects`), pages (`too_many_pages`).
    """

    code: KnowledgeFailure
    message: str
    status: int | None | Unset = UNSET
    limit: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: str = self.code

        message = self.message

        status: int | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        limit: int | None | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = check_knowledge_failure(d.pop("code"))

        message = d.pop("message")

        def _parse_status(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        source_failure = cls(
            code=code,
            message=message,
            status=status,
            limit=limit,
        )

        source_failure.additional_properties = d
        return source_failure

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
