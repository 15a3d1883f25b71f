from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_event_kind import ChatEventKind, check_chat_event_kind
from ..models.chat_state import ChatState, check_chat_state
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatEvent")


@_attrs_define
class ChatEvent:
    """One change of a chat's handoff state: "Ayşe took over at 14:02".

    Attributes:
        id (UUID):
        kind (ChatEventKind): What happened to a chat's state, as stored in its history.
        from_state (ChatState): Who is answering a chat (human handoff). `chats.status` is the seed's separate
            open/closed flag.
        to_state (ChatState): Who is answering a chat (human handoff). `chats.status` is the seed's separate
            open/closed flag.
        created_at (datetime.datetime):
        actor_id (UUID | Unset): The member who acted; absent for the visitor, the model, or a removed member.
        actor_name (str | Unset):
        assignee_id (UUID | Unset):
        assignee_name (str | Unset):
    """

    id: UUID
    kind: ChatEventKind
    from_state: ChatState
    to_state: ChatState
    created_at: datetime.datetime
    actor_id: UUID | Unset = UNSET
    actor_name: str | Unset = UNSET
    assignee_id: UUID | Unset = UNSET
    assignee_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind: str = self.kind

        from_state: str = self.from_state

        to_state: str = self.to_state

        created_at = self.created_at.isoformat()

        actor_id: str | Unset = UNSET
        if not isinstance(self.actor_id, Unset):
            actor_id = str(self.actor_id)

        actor_name = self.actor_name

        assignee_id: str | Unset = UNSET
        if not isinstance(self.assignee_id, Unset):
            assignee_id = str(self.assignee_id)

        assignee_name = self.assignee_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "from_state": from_state,
                "to_state": to_state,
                "created_at": created_at,
            }
        )
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id
        if actor_name is not UNSET:
            field_dict["actor_name"] = actor_name
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if assignee_name is not UNSET:
            field_dict["assignee_name"] = assignee_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = check_chat_event_kind(d.pop("kind"))

        from_state = check_chat_state(d.pop("from_state"))

        to_state = check_chat_state(d.pop("to_state"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _actor_id = d.pop("actor_id", UNSET)
        actor_id: UUID | Unset
        if isinstance(_actor_id, Unset):
            actor_id = UNSET
        else:
            actor_id = UUID(_actor_id)

        actor_name = d.pop("actor_name", UNSET)

        _assignee_id = d.pop("assignee_id", UNSET)
        assignee_id: UUID | Unset
        if isinstance(_assignee_id, Unset):
            assignee_id = UNSET
        else:
            assignee_id = UUID(_assignee_id)

        assignee_name = d.pop("assignee_name", UNSET)

        chat_event = cls(
            id=id,
            kind=kind,
            from_state=from_state,
            to_state=to_state,
            created_at=created_at,
            actor_id=actor_id,
            actor_name=actor_name,
            assignee_id=assignee_id,
            assignee_name=assignee_name,
        )

        chat_event.additional_properties = d
        return chat_event

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
