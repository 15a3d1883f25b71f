from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="KnowledgeSettings")


@_attrs_define
class KnowledgeSettings:
    """Whether an assistant answers only from its knowledge base.

    Attributes:
        knowledge_only (bool): True: answer only from the knowledge base (and say so when it lacks the answer);
            false: also from general knowledge.
    """

    knowledge_only: bool

    def to_dict(self) -> dict[str, Any]:
        knowledge_only = self.knowledge_only

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "knowledge_only": knowledge_only,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        knowledge_only = d.pop("knowledge_only")

        knowledge_settings = cls(
            knowledge_only=knowledge_only,
        )

        return knowledge_settings
