from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.language import Language, check_language
from ..models.refetch_schedule import RefetchSchedule, check_refetch_schedule
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateUrlSourceRequest")


@_attrs_define
class CreateUrlSourceRequest:
    """A web page to fetch (http or https).

    Attributes:
        url (str):
        title (None | str | Unset): Defaults to the page's `<title>` once fetched (the URL until then).
        language (Language | None | Unset):
        refetch (None | RefetchSchedule | Unset): Fetch it again daily or weekly (absent: only on demand).
        assistant_ids (list[UUID] | None | Unset):
    """

    url: str
    title: None | str | Unset = UNSET
    language: Language | None | Unset = UNSET
    refetch: None | RefetchSchedule | Unset = UNSET
    assistant_ids: list[UUID] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, str):
            language = self.language
        else:
            language = self.language

        refetch: None | str | Unset
        if isinstance(self.refetch, Unset):
            refetch = UNSET
        elif isinstance(self.refetch, str):
            refetch = self.refetch
        else:
            refetch = self.refetch

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
                "url": url,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if language is not UNSET:
            field_dict["language"] = language
        if refetch is not UNSET:
            field_dict["refetch"] = refetch
        if assistant_ids is not UNSET:
            field_dict["assistant_ids"] = assistant_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

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

        create_url_source_request = cls(
            url=url,
            title=title,
            language=language,
            refetch=refetch,
            assistant_ids=assistant_ids,
        )

        return create_url_source_request
