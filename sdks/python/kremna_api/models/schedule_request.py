from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.refetch_schedule import RefetchSchedule, check_refetch_schedule
from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduleRequest")


@_attrs_define
class ScheduleRequest:
    """A web source's refetch schedule.

    Attributes:
        refetch (None | RefetchSchedule | Unset): `daily` or `weekly`; absent: on demand only (the schedule is cleared).
    """

    refetch: None | RefetchSchedule | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        refetch: None | str | Unset
        if isinstance(self.refetch, Unset):
            refetch = UNSET
        elif isinstance(self.refetch, str):
            refetch = self.refetch
        else:
            refetch = self.refetch

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if refetch is not UNSET:
            field_dict["refetch"] = refetch

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

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

        schedule_request = cls(
            refetch=refetch,
        )

        return schedule_request
