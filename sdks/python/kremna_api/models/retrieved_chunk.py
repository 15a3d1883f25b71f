from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RetrievedChunk")


@_attrs_define
class RetrievedChunk:
    """A chunk retrieval returned, with its scores.

    Attributes:
        chunk_id (UUID):
        source_id (UUID):
        title (str):
        heading (str):
        text (str):
        score (float): The fused score (hybrid) or the full-text rank; higher is better.
        url (None | str | Unset):
        text_rank (float | None | Unset): Postgres `ts_rank`, when full-text search found it.
        vector_score (float | None | Unset): Cosine similarity, when vector search found it.
    """

    chunk_id: UUID
    source_id: UUID
    title: str
    heading: str
    text: str
    score: float
    url: None | str | Unset = UNSET
    text_rank: float | None | Unset = UNSET
    vector_score: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chunk_id = str(self.chunk_id)

        source_id = str(self.source_id)

        title = self.title

        heading = self.heading

        text = self.text

        score = self.score

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

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
                "chunk_id": chunk_id,
                "source_id": source_id,
                "title": title,
                "heading": heading,
                "text": text,
                "score": score,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if text_rank is not UNSET:
            field_dict["text_rank"] = text_rank
        if vector_score is not UNSET:
            field_dict["vector_score"] = vector_score

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        chunk_id = UUID(d.pop("chunk_id"))

        source_id = UUID(d.pop("source_id"))

        title = d.pop("title")

        heading = d.pop("heading")

        text = d.pop("text")

        score = d.pop("score")

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

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

        retrieved_chunk = cls(
            chunk_id=chunk_id,
            source_id=source_id,
            title=title,
            heading=heading,
            text=text,
            score=score,
            url=url,
            text_rank=text_rank,
            vector_score=vector_score,
        )

        retrieved_chunk.additional_properties = d
        return retrieved_chunk

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
