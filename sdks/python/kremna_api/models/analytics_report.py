from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assistant_usage import AssistantUsage
    from ..models.daily_usage import DailyUsage
    from ..models.model_usage import ModelUsage
    from ..models.usage_summary import UsageSummary


T = TypeVar("T", bound="AnalyticsReport")


@_attrs_define
class AnalyticsReport:
    """Usage of a workspace (or one assistant) over a range of local days.

    Attributes:
        from_ (str): First local day of the range.
        to (str): Last local day of the range (inclusive).
        timezone (str): IANA timezone the days are counted in.
        total_assistants (int): Assistants in the workspace now (1 when filtered).
        active_assistants (int): Of those, how many are active (not paused).
        total_chats (int): Chats ever started (all time, like the original dashboard).
        total_messages (int): Messages ever exchanged (all time): visitor, agent and final replies.
        summary (UsageSummary):
        traffic_data (list[DailyUsage]): One entry per local day of the range, oldest first, zeros included.
        assistants (list[AssistantUsage]): Usage per assistant in the range, busiest first.
        models (list[ModelUsage]): Tokens and estimated cost per model in the range, costliest first.
        generated_at (datetime.datetime): Rollups fold new messages in every few seconds (`ANALYTICS_ROLLUP_SCHEDULE`);
            figures are exact up to that lag.
        assistant_id (None | Unset | UUID): The assistant the report is limited to, if any.
    """

    from_: str
    to: str
    timezone: str
    total_assistants: int
    active_assistants: int
    total_chats: int
    total_messages: int
    summary: UsageSummary
    traffic_data: list[DailyUsage]
    assistants: list[AssistantUsage]
    models: list[ModelUsage]
    generated_at: datetime.datetime
    assistant_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_

        to = self.to

        timezone = self.timezone

        total_assistants = self.total_assistants

        active_assistants = self.active_assistants

        total_chats = self.total_chats

        total_messages = self.total_messages

        summary = self.summary.to_dict()

        traffic_data = []
        for traffic_data_item_data in self.traffic_data:
            traffic_data_item = traffic_data_item_data.to_dict()
            traffic_data.append(traffic_data_item)

        assistants = []
        for assistants_item_data in self.assistants:
            assistants_item = assistants_item_data.to_dict()
            assistants.append(assistants_item)

        models = []
        for models_item_data in self.models:
            models_item = models_item_data.to_dict()
            models.append(models_item)

        generated_at = self.generated_at.isoformat()

        assistant_id: None | str | Unset
        if isinstance(self.assistant_id, Unset):
            assistant_id = UNSET
        elif isinstance(self.assistant_id, UUID):
            assistant_id = str(self.assistant_id)
        else:
            assistant_id = self.assistant_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "timezone": timezone,
                "total_assistants": total_assistants,
                "active_assistants": active_assistants,
                "total_chats": total_chats,
                "total_messages": total_messages,
                "summary": summary,
                "traffic_data": traffic_data,
                "assistants": assistants,
                "models": models,
                "generated_at": generated_at,
            }
        )
        if assistant_id is not UNSET:
            field_dict["assistant_id"] = assistant_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assistant_usage import AssistantUsage
        from ..models.daily_usage import DailyUsage
        from ..models.model_usage import ModelUsage
        from ..models.usage_summary import UsageSummary

        d = dict(src_dict)
        from_ = d.pop("from")

        to = d.pop("to")

        timezone = d.pop("timezone")

        total_assistants = d.pop("total_assistants")

        active_assistants = d.pop("active_assistants")

        total_chats = d.pop("total_chats")

        total_messages = d.pop("total_messages")

        summary = UsageSummary.from_dict(d.pop("summary"))

        traffic_data = []
        _traffic_data = d.pop("traffic_data")
        for traffic_data_item_data in _traffic_data:
            traffic_data_item = DailyUsage.from_dict(traffic_data_item_data)

            traffic_data.append(traffic_data_item)

        assistants = []
        _assistants = d.pop("assistants")
        for assistants_item_data in _assistants:
            assistants_item = AssistantUsage.from_dict(assistants_item_data)

            assistants.append(assistants_item)

        models = []
        _models = d.pop("models")
        for models_item_data in _models:
            models_item = ModelUsage.from_dict(models_item_data)

            models.append(models_item)

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        def _parse_assistant_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assistant_id_type_0 = UUID(data)

                return assistant_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        assistant_id = _parse_assistant_id(d.pop("assistant_id", UNSET))

        analytics_report = cls(
            from_=from_,
            to=to,
            timezone=timezone,
            total_assistants=total_assistants,
            active_assistants=active_assistants,
            total_chats=total_chats,
            total_messages=total_messages,
            summary=summary,
            traffic_data=traffic_data,
            assistants=assistants,
            models=models,
            generated_at=generated_at,
            assistant_id=assistant_id,
        )

        analytics_report.additional_properties = d
        return analytics_report

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
