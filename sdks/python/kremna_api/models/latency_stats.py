from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LatencyStats")


@_attrs_define
class LatencyStats:
    """Time from a visitor's message to the completed reply.

    Attributes:
        samples (int): Completed replies measured.
        average_ms (float | None | Unset): Absent when there were no samples.
        p95_ms (float | None | Unset): 95th percentile, from a histogram: within its bin of the exact value
            (bins grow by ~25 %). Absent when there were no samples.
    """

    samples: int
    average_ms: float | None | Unset = UNSET
    p95_ms: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        samples = self.samples

        average_ms: float | None | Unset
        if isinstance(self.average_ms, Unset):
            average_ms = UNSET
        else:
            average_ms = self.average_ms

        p95_ms: float | None | Unset
        if isinstance(self.p95_ms, Unset):
            p95_ms = UNSET
        else:
            p95_ms = self.p95_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "samples": samples,
            }
        )
        if average_ms is not UNSET:
            field_dict["average_ms"] = average_ms
        if p95_ms is not UNSET:
            field_dict["p95_ms"] = p95_ms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        samples = d.pop("samples")

        def _parse_average_ms(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        average_ms = _parse_average_ms(d.pop("average_ms", UNSET))

        def _parse_p95_ms(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        p95_ms = _parse_p95_ms(d.pop("p95_ms", UNSET))

        latency_stats = cls(
            samples=samples,
            average_ms=average_ms,
            p95_ms=p95_ms,
        )

        latency_stats.additional_properties = d
        return latency_stats

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
