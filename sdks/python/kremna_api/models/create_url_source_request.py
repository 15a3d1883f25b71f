from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.language import Language, check_language
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateUrlSourceRequest")


@_attrs_define
class CreateUrlSourceRequest:
    """A web page to fetch (http or https).

    Attributes:
        url (str):
        title (str | Unset): Defaults to the page's `<title>` once fetched (the URL until then).
        language (Language | Unset): The text-search configuration of a source's chunks.
        assistant_ids (list[UUID] | Unset):
    """

    url: str
    title: str | Unset = UNSET
    language: Language | Unset = UNSET
    assistant_ids: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        title = self.title

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language

        assistant_ids: list[str] | Unset = UNSET
        if not isinstance(self.assistant_ids, Unset):
            assistant_ids = []
            for assistant_ids_item_data in self.assistant_ids:
                assistant_ids_item = str(assistant_ids_item_data)
                assistant_ids.append(assistant_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if language is not UNSET:
            field_dict["language"] = language
        if assistant_ids is not UNSET:
            field_dict["assistant_ids"] = assistant_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        title = d.pop("title", UNSET)

        _language = d.pop("language", UNSET)
        language: Language | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = check_language(_language)

        _assistant_ids = d.pop("assistant_ids", UNSET)
        assistant_ids: list[UUID] | Unset = UNSET
        if _assistant_ids is not UNSET:
            assistant_ids = []
            for assistant_ids_item_data in _assistant_ids:
                assistant_ids_item = UUID(assistant_ids_item_data)

                assistant_ids.append(assistant_ids_item)

        create_url_source_request = cls(
            url=url,
            title=title,
            language=language,
            assistant_ids=assistant_ids,
        )

        return create_url_source_request
