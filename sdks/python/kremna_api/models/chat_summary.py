from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_state import ChatState, check_chat_state
from ..models.chat_status import ChatStatus, check_chat_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_identity import ChatIdentity
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
        origin (None | str | Unset): The page origin the chat was started from.
        last_message (MessagePreview | None | Unset):
        assignee_id (None | Unset | UUID):
        assignee_name (None | str | Unset):
        visitor_email (None | str | Unset): An address the visitor left for a reply.
        unread_count (int | None | Unset): Visitor messages the signed-in member has not read yet (absent for API keys,
            which read nothing).
        identity (ChatIdentity | None | Unset): Who the host page said the visitor is (`Kremna.identify`), if it said.
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
    origin: None | str | Unset = UNSET
    last_message: MessagePreview | None | Unset = UNSET
    assignee_id: None | Unset | UUID = UNSET
    assignee_name: None | str | Unset = UNSET
    visitor_email: None | str | Unset = UNSET
    unread_count: int | None | Unset = UNSET
    identity: ChatIdentity | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.chat_identity import ChatIdentity
        from ..models.message_preview import MessagePreview

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

        origin: None | str | Unset
        if isinstance(self.origin, Unset):
            origin = UNSET
        else:
            origin = self.origin

        last_message: dict[str, Any] | None | Unset
        if isinstance(self.last_message, Unset):
            last_message = UNSET
        elif isinstance(self.last_message, MessagePreview):
            last_message = self.last_message.to_dict()
        else:
            last_message = self.last_message

        assignee_id: None | str | Unset
        if isinstance(self.assignee_id, Unset):
            assignee_id = UNSET
        elif isinstance(self.assignee_id, UUID):
            assignee_id = str(self.assignee_id)
        else:
            assignee_id = self.assignee_id

        assignee_name: None | str | Unset
        if isinstance(self.assignee_name, Unset):
            assignee_name = UNSET
        else:
            assignee_name = self.assignee_name

        visitor_email: None | str | Unset
        if isinstance(self.visitor_email, Unset):
            visitor_email = UNSET
        else:
            visitor_email = self.visitor_email

        unread_count: int | None | Unset
        if isinstance(self.unread_count, Unset):
            unread_count = UNSET
        else:
            unread_count = self.unread_count

        identity: dict[str, Any] | None | Unset
        if isinstance(self.identity, Unset):
            identity = UNSET
        elif isinstance(self.identity, ChatIdentity):
            identity = self.identity.to_dict()
        else:
            identity = self.identity

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
        if unread_count is not UNSET:
            field_dict["unread_count"] = unread_count
        if identity is not UNSET:
            field_dict["identity"] = identity

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_identity import ChatIdentity
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

        def _parse_origin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin = _parse_origin(d.pop("origin", UNSET))

        def _parse_last_message(data: object) -> MessagePreview | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_message_type_0 = MessagePreview.from_dict(data)

                return last_message_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessagePreview | None | Unset, data)

        last_message = _parse_last_message(d.pop("last_message", UNSET))

        def _parse_assignee_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignee_id_type_0 = UUID(data)

                return assignee_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id", UNSET))

        def _parse_assignee_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee_name = _parse_assignee_name(d.pop("assignee_name", UNSET))

        def _parse_visitor_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        visitor_email = _parse_visitor_email(d.pop("visitor_email", UNSET))

        def _parse_unread_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        unread_count = _parse_unread_count(d.pop("unread_count", UNSET))

        def _parse_identity(data: object) -> ChatIdentity | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                identity_type_0 = ChatIdentity.from_dict(data)

                return identity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChatIdentity | None | Unset, data)

        identity = _parse_identity(d.pop("identity", UNSET))

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
            unread_count=unread_count,
            identity=identity,
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
