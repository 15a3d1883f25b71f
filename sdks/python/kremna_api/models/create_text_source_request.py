from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.language import Language, check_language
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateTextSourceRequest")


@_attrs_define
class CreateTextSourceRequest:
    """Pasted text (Markdown is understood: `#` headings keep their text).

    Attributes:
        title (str):
        text (str):
        language (Language | None | Unset): Detected from the text when absent.
        assistant_ids (list[UUID] | None | Unset): Assistants to attach it to at once.
    """

    title: str
    text: str
    language: Language | None | Unset = UNSET
    assistant_ids: list[UUID] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        text = self.text

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, str):
            language = self.language
        else:
            language = self.language

        assistant_ids: list[str] | None | Unset
        if isinstance(self.assistant_ids, Unset):
            assistant_ids = UNSET
        elif isinstance(self.assistant_ids, list):
            assistant_ids = []
            for assistant_ids_type_0_item_data in self.assistant_ids:
                assistant_ids_type_0_item = str(assistant_ids_type_0_item_data)
                assistant_ids.append(assistant_ids_type_0_item)

        else:
            assistant_ids = self.assistant_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "text": text,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language
        if assistant_ids is not UNSET:
            field_dict["assistant_ids"] = assistant_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        text = d.pop("text")

        def _parse_language(data: object) -> Language | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = check_language(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Language | None | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_assistant_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                assistant_ids_type_0 = []
                _assistant_ids_type_0 = data
                for assistant_ids_type_0_item_data in _assistant_ids_type_0:
                    assistant_ids_type_0_item = UUID(assistant_ids_type_0_item_data)

                    assistant_ids_type_0.append(assistant_ids_type_0_item)

                return assistant_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        assistant_ids = _parse_assistant_ids(d.pop("assistant_ids", UNSET))

        create_text_source_request = cls(
            title=title,
            text=text,
            language=language,
            assistant_ids=assistant_ids,
        )

        return create_text_source_request
