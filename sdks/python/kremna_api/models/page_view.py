from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.knowledge_state import KnowledgeState, check_knowledge_state
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.source_failure import SourceFailure


T = TypeVar("T", bound="PageView")


@_attrs_define
class PageView:
    """One page of a sitemap or crawl source, as its last run left it.

    Attributes:
        url (str):
        state (KnowledgeState): Where a knowledge-base source is in its ingestion.
        chunk_count (int):
        fetched_at (datetime.datetime):
        title (None | str | Unset): The page's own title, when it was read.
        failure (None | SourceFailure | Unset):
    """

    url: str
    state: KnowledgeState
    chunk_count: int
    fetched_at: datetime.datetime
    title: None | str | Unset = UNSET
    failure: None | SourceFailure | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.source_failure import SourceFailure

        url = self.url

        state: str = self.state

        chunk_count = self.chunk_count

        fetched_at = self.fetched_at.isoformat()

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        failure: dict[str, Any] | None | Unset
        if isinstance(self.failure, Unset):
            failure = UNSET
        elif isinstance(self.failure, SourceFailure):
            failure = self.failure.to_dict()
        else:
            failure = self.failure

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "state": state,
                "chunk_count": chunk_count,
                "fetched_at": fetched_at,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if failure is not UNSET:
            field_dict["failure"] = failure

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.source_failure import SourceFailure

        d = dict(src_dict)
        url = d.pop("url")

        state = check_knowledge_state(d.pop("state"))

        chunk_count = d.pop("chunk_count")

        fetched_at = datetime.datetime.fromisoformat(d.pop("fetched_at"))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_failure(data: object) -> None | SourceFailure | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                failure_type_0 = SourceFailure.from_dict(data)

                return failure_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SourceFailure | Unset, data)

        failure = _parse_failure(d.pop("failure", UNSET))

        page_view = cls(
            url=url,
            state=state,
            chunk_count=chunk_count,
            fetched_at=fetched_at,
            title=title,
            failure=failure,
        )

        page_view.additional_properties = d
        return page_view

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
