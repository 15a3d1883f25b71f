from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
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
        chunk_id (UUID | Unset): Cleared when the chunk is gone (its source deleted or refetched).
        source_id (UUID | Unset):
        url (str | Unset):
        text_rank (float | Unset):
        vector_score (float | Unset):
    """

    message_id: UUID
    rank: int
    title: str
    heading: str
    score: float
    chunk_id: UUID | Unset = UNSET
    source_id: UUID | Unset = UNSET
    url: str | Unset = UNSET
    text_rank: float | Unset = UNSET
    vector_score: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message_id = str(self.message_id)

        rank = self.rank

        title = self.title

        heading = self.heading

        score = self.score

        chunk_id: str | Unset = UNSET
        if not isinstance(self.chunk_id, Unset):
            chunk_id = str(self.chunk_id)

        source_id: str | Unset = UNSET
        if not isinstance(self.source_id, Unset):
            source_id = str(self.source_id)

        url = self.url

        text_rank = self.text_rank

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

        _chunk_id = d.pop("chunk_id", UNSET)
        chunk_id: UUID | Unset
        if isinstance(_chunk_id, Unset):
            chunk_id = UNSET
        else:
            chunk_id = UUID(_chunk_id)

        _source_id = d.pop("source_id", UNSET)
        source_id: UUID | Unset
        if isinstance(_source_id, Unset):
            source_id = UNSET
        else:
            source_id = UUID(_source_id)

        url = d.pop("url", UNSET)

        text_rank = d.pop("text_rank", UNSET)

        vector_score = d.pop("vector_score", UNSET)

        message_source_view = cls(
            message_id=message_id,
            rank=rank,
            title=title,
            heading=heading,
            score=score,
            chunk_id=chunk_id,
            source_id=source_id,
            url=url,
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
