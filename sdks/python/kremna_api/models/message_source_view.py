from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageSourceView")


@_attrs_define
class MessageSourceView:
    """A source a reply was given.

    Attributes:
        message_id (UUID):
        rank (int): 1 is the best.
        title (str):
        heading (str):
        score (float):
        chunk_id (None | Unset | UUID): Cleared when the chunk is gone (its source deleted or refetched).
        source_id (None | Unset | UUID):
        url (None | str | Unset):
        text (None | str | Unset): The chunk's text; absent once the chunk is gone (like `chunk_id`).
        text_rank (float | None | Unset):
        vector_score (float | None | Unset):
    """

    message_id: UUID
    rank: int
    title: str
    heading: str
    score: float
    chunk_id: None | Unset | UUID = UNSET
    source_id: None | Unset | UUID = UNSET
    url: None | str | Unset = UNSET
    text: None | str | Unset = UNSET
    text_rank: float | None | Unset = UNSET
    vector_score: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message_id = str(self.message_id)

        rank = self.rank

        title = self.title

        heading = self.heading

        score = self.score

        chunk_id: None | str | Unset
        if isinstance(self.chunk_id, Unset):
            chunk_id = UNSET
        elif isinstance(self.chunk_id, UUID):
            chunk_id = str(self.chunk_id)
        else:
            chunk_id = self.chunk_id

        source_id: None | str | Unset
        if isinstance(self.source_id, Unset):
            source_id = UNSET
        elif isinstance(self.source_id, UUID):
            source_id = str(self.source_id)
        else:
            source_id = self.source_id

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        text_rank: float | None | Unset
        if isinstance(self.text_rank, Unset):
            text_rank = UNSET
        else:
            text_rank = self.text_rank

        vector_score: float | None | Unset
        if isinstance(self.vector_score, Unset):
            vector_score = UNSET
        else:
            vector_score = self.vector_score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message_id": message_id,
                "rank": rank,
                "title": title,
                "heading": heading,
                "score": score,
            }
        )
        if chunk_id is not UNSET:
            field_dict["chunk_id"] = chunk_id
        if source_id is not UNSET:
            field_dict["source_id"] = source_id
        if url is not UNSET:
            field_dict["url"] = url
        if text is not UNSET:
            field_dict["text"] = text
        if text_rank is not UNSET:
            field_dict["text_rank"] = text_rank
        if vector_score is not UNSET:
            field_dict["vector_score"] = vector_score

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message_id = UUID(d.pop("message_id"))

        rank = d.pop("rank")

        title = d.pop("title")

        heading = d.pop("heading")

        score = d.pop("score")

        def _parse_chunk_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                chunk_id_type_0 = UUID(data)

                return chunk_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        chunk_id = _parse_chunk_id(d.pop("chunk_id", UNSET))

        def _parse_source_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_id_type_0 = UUID(data)

                return source_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        source_id = _parse_source_id(d.pop("source_id", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        def _parse_text_rank(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        text_rank = _parse_text_rank(d.pop("text_rank", UNSET))

        def _parse_vector_score(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        vector_score = _parse_vector_score(d.pop("vector_score", UNSET))

        message_source_view = cls(
            message_id=message_id,
            rank=rank,
            title=title,
            heading=heading,
            score=score,
            chunk_id=chunk_id,
            source_id=source_id,
            url=url,
            text=text,
            text_rank=text_rank,
            vector_score=vector_score,
        )

        message_source_view.additional_properties = d
        return message_source_view

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
