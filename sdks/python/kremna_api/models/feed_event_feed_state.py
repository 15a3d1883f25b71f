from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_state import ChatState, check_chat_state
from ..models.feed_event_feed_state_type import (
    FeedEventFeedStateType,
    check_feed_event_feed_state_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedEventFeedState")


@_attrs_define
class FeedEventFeedState:
    """One event of a chat, as the conversation API streams it (snake_case, like the REST
    API; the socket's camelCase payloads carry the same facts).

        Attributes:
            chat_id (UUID):
            state (ChatState): Who is answering a chat (human handoff). `chats.status` is the seed's separate
                open/closed flag.
            type_ (FeedEventFeedStateType):  Example: state.
            agent_name (None | str | Unset): With `assigned`: the member who answers now.
    """

    chat_id: UUID
    state: ChatState
    type_: FeedEventFeedStateType
    agent_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chat_id = str(self.chat_id)

        state: str = self.state

        type_: str = self.type_

        agent_name: None | str | Unset
        if isinstance(self.agent_name, Unset):
            agent_name = UNSET
        else:
            agent_name = self.agent_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chat_id": chat_id,
                "state": state,
                "type": type_,
            }
        )
        if agent_name is not UNSET:
            field_dict["agent_name"] = agent_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        chat_id = UUID(d.pop("chat_id"))

        state = check_chat_state(d.pop("state"))

        type_ = check_feed_event_feed_state_type(d.pop("type"))

        def _parse_agent_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_name = _parse_agent_name(d.pop("agent_name", UNSET))

        feed_event_feed_state = cls(
            chat_id=chat_id,
            state=state,
            type_=type_,
            agent_name=agent_name,
        )

        feed_event_feed_state.additional_properties = d
        return feed_event_feed_state

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
