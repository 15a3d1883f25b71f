from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="UploadFileSourceBody")


@_attrs_define
class UploadFileSourceBody:
    """
    Attributes:
        file (File):
        title (None | str | Unset): Defaults to the file's name.
        language (None | str | Unset): `en`, `tr` or `simple`; detected when absent.
        assistant_ids (None | str | Unset): Comma-separated assistant ids to attach it to.
    """

    file: File
    title: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    assistant_ids: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        assistant_ids: None | str | Unset
        if isinstance(self.assistant_ids, Unset):
            assistant_ids = UNSET
        else:
            assistant_ids = self.assistant_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if language is not UNSET:
            field_dict["language"] = language
        if assistant_ids is not UNSET:
            field_dict["assistant_ids"] = assistant_ids

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.title, Unset):
            if isinstance(self.title, str):
                files.append(("title", (None, str(self.title).encode(), "text/plain")))
            else:
                files.append(("title", (None, str(self.title).encode(), "text/plain")))

        if not isinstance(self.language, Unset):
            if isinstance(self.language, str):
                files.append(
                    ("language", (None, str(self.language).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("language", (None, str(self.language).encode(), "text/plain"))
                )

        if not isinstance(self.assistant_ids, Unset):
            if isinstance(self.assistant_ids, str):
                files.append(
                    (
                        "assistant_ids",
                        (None, str(self.assistant_ids).encode(), "text/plain"),
                    )
                )
            else:
                files.append(
                    (
                        "assistant_ids",
                        (None, str(self.assistant_ids).encode(), "text/plain"),
                    )
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_assistant_ids(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assistant_ids = _parse_assistant_ids(d.pop("assistant_ids", UNSET))

        upload_file_source_body = cls(
            file=file,
            title=title,
            language=language,
            assistant_ids=assistant_ids,
        )

        upload_file_source_body.additional_properties = d
        return upload_file_source_body

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
