from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.knowledge_kind import KnowledgeKind, check_knowledge_kind
from ..models.knowledge_state import KnowledgeState, check_knowledge_state
from ..models.language import Language, check_language
from ..types import UNSET, Unset

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
        chunk_count (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        assistant_ids (list[UUID]): The assistants that answer from it.
        url (None | str | Unset): The page's address (`url` sources).
        failure (None | str | Unset): Why ingestion failed (state `failed`), in words for people.
        refreshed_at (datetime.datetime | None | Unset): When its chunks were last (re)built.
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
    failure: None | str | Unset = UNSET
    refreshed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        failure: None | str | Unset
        if isinstance(self.failure, Unset):
            failure = UNSET
        else:
            failure = self.failure

        refreshed_at: None | str | Unset
        if isinstance(self.refreshed_at, Unset):
            refreshed_at = UNSET
        elif isinstance(self.refreshed_at, datetime.datetime):
            refreshed_at = self.refreshed_at.isoformat()
        else:
            refreshed_at = self.refreshed_at

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
        if refreshed_at is not UNSET:
            field_dict["refreshed_at"] = refreshed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        def _parse_failure(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        failure = _parse_failure(d.pop("failure", UNSET))

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
            refreshed_at=refreshed_at,
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
