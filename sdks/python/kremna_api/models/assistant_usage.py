from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assistant_status import AssistantStatus, check_assistant_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage_summary import UsageSummary


T = TypeVar("T", bound="AssistantUsage")


@_attrs_define
class AssistantUsage:
    """
    Attributes:
        assistant_id (UUID):
        name (str):
        usage (UsageSummary):
        status (AssistantStatus | None | Unset): Absent for an assistant deleted since (its usage leaves at the next
            rollup).
    """

    assistant_id: UUID
    name: str
    usage: UsageSummary
    status: AssistantStatus | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assistant_id = str(self.assistant_id)

        name = self.name

        usage = self.usage.to_dict()

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assistant_id": assistant_id,
                "name": name,
                "usage": usage,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.usage_summary import UsageSummary

        d = dict(src_dict)
        assistant_id = UUID(d.pop("assistant_id"))

        name = d.pop("name")

        usage = UsageSummary.from_dict(d.pop("usage"))

        def _parse_status(data: object) -> AssistantStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_assistant_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssistantStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        assistant_usage = cls(
            assistant_id=assistant_id,
            name=name,
            usage=usage,
            status=status,
        )

        assistant_usage.additional_properties = d
        return assistant_usage

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
