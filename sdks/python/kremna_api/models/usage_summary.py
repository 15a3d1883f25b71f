from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.latency_stats import LatencyStats


T = TypeVar("T", bound="UsageSummary")


@_attrs_define
class UsageSummary:
    """
    Attributes:
        chats (int):
        messages (int): Visitor, agent and final (complete or failed) assistant messages.
        visitor_messages (int):
        agent_messages (int): Messages written by human agents.
        replies (int): Completed assistant replies.
        failed_replies (int):
        failure_rate (float): failed_replies / (replies + failed_replies); 0 when there were none.
        prompt_tokens (int):
        completion_tokens (int):
        estimated_cost_usd (float): USD, from the price table (`MODEL_PRICES`); unpriced models count 0 and are
            listed in `models` with no cost.
        latency (LatencyStats): Time from a visitor's message to the completed reply.
    """

    chats: int
    messages: int
    visitor_messages: int
    agent_messages: int
    replies: int
    failed_replies: int
    failure_rate: float
    prompt_tokens: int
    completion_tokens: int
    estimated_cost_usd: float
    latency: LatencyStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chats = self.chats

        messages = self.messages

        visitor_messages = self.visitor_messages

        agent_messages = self.agent_messages

        replies = self.replies

        failed_replies = self.failed_replies

        failure_rate = self.failure_rate

        prompt_tokens = self.prompt_tokens

        completion_tokens = self.completion_tokens

        estimated_cost_usd = self.estimated_cost_usd

        latency = self.latency.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chats": chats,
                "messages": messages,
                "visitor_messages": visitor_messages,
                "agent_messages": agent_messages,
                "replies": replies,
                "failed_replies": failed_replies,
                "failure_rate": failure_rate,
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "estimated_cost_usd": estimated_cost_usd,
                "latency": latency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.latency_stats import LatencyStats

        d = dict(src_dict)
        chats = d.pop("chats")

        messages = d.pop("messages")

        visitor_messages = d.pop("visitor_messages")

        agent_messages = d.pop("agent_messages")

        replies = d.pop("replies")

        failed_replies = d.pop("failed_replies")

        failure_rate = d.pop("failure_rate")

        prompt_tokens = d.pop("prompt_tokens")

        completion_tokens = d.pop("completion_tokens")

        estimated_cost_usd = d.pop("estimated_cost_usd")

        latency = LatencyStats.from_dict(d.pop("latency"))

        usage_summary = cls(
            chats=chats,
            messages=messages,
            visitor_messages=visitor_messages,
            agent_messages=agent_messages,
            replies=replies,
            failed_replies=failed_replies,
            failure_rate=failure_rate,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            estimated_cost_usd=estimated_cost_usd,
            latency=latency,
        )

        usage_summary.additional_properties = d
        return usage_summary

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
