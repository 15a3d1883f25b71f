from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_state import ChatState, check_chat_state
from ..models.chat_status import ChatStatus, check_chat_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message_preview import MessagePreview


T = TypeVar("T", bound="ChatSummary")


@_attrs_define
class ChatSummary:
    """A chat as listed: enough to pick one out without opening it.

    Attributes:
        id (UUID):
        assistant_id (UUID):
        assistant_name (str):
        visitor_id (str): The widget's random id for the visitor's browser.
        title (str):
        status (ChatStatus):
        created_at (datetime.datetime):
        last_message_at (datetime.datetime):
        message_count (int):
        state (ChatState): Who is answering a chat (human handoff). `chats.status` is the seed's separate
            open/closed flag.
        origin (str | Unset): The page origin the chat was started from.
        last_message (MessagePreview | Unset):
        assignee_id (UUID | Unset):
        assignee_name (str | Unset):
        visitor_email (str | Unset): An address the visitor left for a reply.
    """

    id: UUID
    assistant_id: UUID
    assistant_name: str
    visitor_id: str
    title: str
    status: ChatStatus
    created_at: datetime.datetime
    last_message_at: datetime.datetime
    message_count: int
    state: ChatState
    origin: str | Unset = UNSET
    last_message: MessagePreview | Unset = UNSET
    assignee_id: UUID | Unset = UNSET
    assignee_name: str | Unset = UNSET
    visitor_email: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        assistant_id = str(self.assistant_id)

        assistant_name = self.assistant_name

        visitor_id = self.visitor_id

        title = self.title

        status: str = self.status

        created_at = self.created_at.isoformat()

        last_message_at = self.last_message_at.isoformat()

        message_count = self.message_count

        state: str = self.state

        origin = self.origin

        last_message: dict[str, Any] | Unset = UNSET
        if not isinstance(self.last_message, Unset):
            last_message = self.last_message.to_dict()

        assignee_id: str | Unset = UNSET
        if not isinstance(self.assignee_id, Unset):
            assignee_id = str(self.assignee_id)

        assignee_name = self.assignee_name

        visitor_email = self.visitor_email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "assistant_id": assistant_id,
                "assistant_name": assistant_name,
                "visitor_id": visitor_id,
                "title": title,
                "status": status,
                "created_at": created_at,
                "last_message_at": last_message_at,
                "message_count": message_count,
                "state": state,
            }
        )
        if origin is not UNSET:
            field_dict["origin"] = origin
        if last_message is not UNSET:
            field_dict["last_message"] = last_message
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if assignee_name is not UNSET:
            field_dict["assignee_name"] = assignee_name
        if visitor_email is not UNSET:
            field_dict["visitor_email"] = visitor_email

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.message_preview import MessagePreview

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        assistant_id = UUID(d.pop("assistant_id"))

        assistant_name = d.pop("assistant_name")

        visitor_id = d.pop("visitor_id")

        title = d.pop("title")

        status = check_chat_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_message_at = datetime.datetime.fromisoformat(d.pop("last_message_at"))

        message_count = d.pop("message_count")

        state = check_chat_state(d.pop("state"))

        origin = d.pop("origin", UNSET)

        _last_message = d.pop("last_message", UNSET)
        last_message: MessagePreview | Unset
        if isinstance(_last_message, Unset):
            last_message = UNSET
        else:
            last_message = MessagePreview.from_dict(_last_message)

        _assignee_id = d.pop("assignee_id", UNSET)
        assignee_id: UUID | Unset
        if isinstance(_assignee_id, Unset):
            assignee_id = UNSET
        else:
            assignee_id = UUID(_assignee_id)

        assignee_name = d.pop("assignee_name", UNSET)

        visitor_email = d.pop("visitor_email", UNSET)

        chat_summary = cls(
            id=id,
            assistant_id=assistant_id,
            assistant_name=assistant_name,
            visitor_id=visitor_id,
            title=title,
            status=status,
            created_at=created_at,
            last_message_at=last_message_at,
            message_count=message_count,
            state=state,
            origin=origin,
            last_message=last_message,
            assignee_id=assignee_id,
            assignee_name=assignee_name,
            visitor_email=visitor_email,
        )

        chat_summary.additional_properties = d
        return chat_summary

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
