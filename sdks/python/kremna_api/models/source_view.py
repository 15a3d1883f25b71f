from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.knowledge_kind import KnowledgeKind, check_knowledge_kind
from ..models.knowledge_state import KnowledgeState, check_knowledge_state
from ..models.language import Language, check_language
from ..models.refetch_schedule import RefetchSchedule, check_refetch_schedule
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.source_failure import SourceFailure


T = TypeVar("T", bound="SourceView")


@_attrs_define
class SourceView:
    """A knowledge source and where its ingestion is.

    Attributes:
        id (UUID):
        kind (KnowledgeKind): Where a knowledge-base source's text comes from.
        title (str):
        language (Language): The text-search configuration of a source's chunks.
        auto_language (bool): Whether the language is detected from the text at each ingestion.
        state (KnowledgeState): Where a knowledge-base source is in its ingestion.
        chunk_count (int): Chunks of every page together (sitemap and crawl sources).
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        assistant_ids (list[UUID]): The assistants that answer from it.
        url (None | str | Unset): The page's address (`url` sources).
        failure (None | SourceFailure | Unset): Why the last ingestion failed (state `failed`): a code with its
            parameters.
        page_limit (int | None | Unset): Sitemap and crawl sources: the most pages read (absent: the deployment's
            `KNOWLEDGE_MAX_PAGES`, which also caps this).
        pages_ready (int | None | Unset): Sitemap and crawl sources: pages read and pages failed in the last run
            (`GET /knowledge/sources/{id}/pages` lists them with their reasons).
        pages_failed (int | None | Unset):
        refreshed_at (datetime.datetime | None | Unset): When its chunks were last (re)built.
        refetch (None | RefetchSchedule | Unset): Web sources: fetched again on this schedule (besides refetch on
            demand).
        next_refetch_at (datetime.datetime | None | Unset): When the next scheduled refetch is due.
    """

    id: UUID
    kind: KnowledgeKind
    title: str
    language: Language
    auto_language: bool
    state: KnowledgeState
    chunk_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    assistant_ids: list[UUID]
    url: None | str | Unset = UNSET
    failure: None | SourceFailure | Unset = UNSET
    page_limit: int | None | Unset = UNSET
    pages_ready: int | None | Unset = UNSET
    pages_failed: int | None | Unset = UNSET
    refreshed_at: datetime.datetime | None | Unset = UNSET
    refetch: None | RefetchSchedule | Unset = UNSET
    next_refetch_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.source_failure import SourceFailure

        id = str(self.id)

        kind: str = self.kind

        title = self.title

        language: str = self.language

        auto_language = self.auto_language

        state: str = self.state

        chunk_count = self.chunk_count

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        assistant_ids = []
        for assistant_ids_item_data in self.assistant_ids:
            assistant_ids_item = str(assistant_ids_item_data)
            assistant_ids.append(assistant_ids_item)

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        failure: dict[str, Any] | None | Unset
        if isinstance(self.failure, Unset):
            failure = UNSET
        elif isinstance(self.failure, SourceFailure):
            failure = self.failure.to_dict()
        else:
            failure = self.failure

        page_limit: int | None | Unset
        if isinstance(self.page_limit, Unset):
            page_limit = UNSET
        else:
            page_limit = self.page_limit

        pages_ready: int | None | Unset
        if isinstance(self.pages_ready, Unset):
            pages_ready = UNSET
        else:
            pages_ready = self.pages_ready

        pages_failed: int | None | Unset
        if isinstance(self.pages_failed, Unset):
            pages_failed = UNSET
        else:
            pages_failed = self.pages_failed

        refreshed_at: None | str | Unset
        if isinstance(self.refreshed_at, Unset):
            refreshed_at = UNSET
        elif isinstance(self.refreshed_at, datetime.datetime):
            refreshed_at = self.refreshed_at.isoformat()
        else:
            refreshed_at = self.refreshed_at

        refetch: None | str | Unset
        if isinstance(self.refetch, Unset):
            refetch = UNSET
        elif isinstance(self.refetch, str):
            refetch = self.refetch
        else:
            refetch = self.refetch

        next_refetch_at: None | str | Unset
        if isinstance(self.next_refetch_at, Unset):
            next_refetch_at = UNSET
        elif isinstance(self.next_refetch_at, datetime.datetime):
            next_refetch_at = self.next_refetch_at.isoformat()
        else:
            next_refetch_at = self.next_refetch_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "title": title,
                "language": language,
                "auto_language": auto_language,
                "state": state,
                "chunk_count": chunk_count,
                "created_at": created_at,
                "updated_at": updated_at,
                "assistant_ids": assistant_ids,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if failure is not UNSET:
            field_dict["failure"] = failure
        if page_limit is not UNSET:
            field_dict["page_limit"] = page_limit
        if pages_ready is not UNSET:
            field_dict["pages_ready"] = pages_ready
        if pages_failed is not UNSET:
            field_dict["pages_failed"] = pages_failed
        if refreshed_at is not UNSET:
            field_dict["refreshed_at"] = refreshed_at
        if refetch is not UNSET:
            field_dict["refetch"] = refetch
        if next_refetch_at is not UNSET:
            field_dict["next_refetch_at"] = next_refetch_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.source_failure import SourceFailure

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = check_knowledge_kind(d.pop("kind"))

        title = d.pop("title")

        language = check_language(d.pop("language"))

        auto_language = d.pop("auto_language")

        state = check_knowledge_state(d.pop("state"))

        chunk_count = d.pop("chunk_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        assistant_ids = []
        _assistant_ids = d.pop("assistant_ids")
        for assistant_ids_item_data in _assistant_ids:
            assistant_ids_item = UUID(assistant_ids_item_data)

            assistant_ids.append(assistant_ids_item)

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

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

        def _parse_page_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        page_limit = _parse_page_limit(d.pop("page_limit", UNSET))

        def _parse_pages_ready(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pages_ready = _parse_pages_ready(d.pop("pages_ready", UNSET))

        def _parse_pages_failed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pages_failed = _parse_pages_failed(d.pop("pages_failed", UNSET))

        def _parse_refreshed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refreshed_at_type_0 = datetime.datetime.fromisoformat(data)

                return refreshed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        refreshed_at = _parse_refreshed_at(d.pop("refreshed_at", UNSET))

        def _parse_refetch(data: object) -> None | RefetchSchedule | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refetch_type_0 = check_refetch_schedule(data)

                return refetch_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RefetchSchedule | Unset, data)

        refetch = _parse_refetch(d.pop("refetch", UNSET))

        def _parse_next_refetch_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_refetch_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_refetch_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_refetch_at = _parse_next_refetch_at(d.pop("next_refetch_at", UNSET))

        source_view = cls(
            id=id,
            kind=kind,
            title=title,
            language=language,
            auto_language=auto_language,
            state=state,
            chunk_count=chunk_count,
            created_at=created_at,
            updated_at=updated_at,
            assistant_ids=assistant_ids,
            url=url,
            failure=failure,
            page_limit=page_limit,
            pages_ready=pages_ready,
            pages_failed=pages_failed,
            refreshed_at=refreshed_at,
            refetch=refetch,
            next_refetch_at=next_refetch_at,
        )

        source_view.additional_properties = d
        return source_view

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
