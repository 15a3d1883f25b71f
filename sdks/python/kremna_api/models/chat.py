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
    from ..models.chat_event import ChatEvent
    from ..models.chat_identity import ChatIdentity
    from ..models.linked_chat import LinkedChat
    from ..models.message import Message


T = TypeVar("T", bound="Chat")


@_attrs_define
class Chat:
    """A chat with its whole transcript.

    Attributes:
        id (UUID):
        assistant_id (UUID):
        assistant_name (str):
        visitor_id (str):
        title (str):
        status (ChatStatus):
        created_at (datetime.datetime):
        last_message_at (datetime.datetime):
        state (ChatState): Who is answering a chat (human handoff). `chats.status` is the seed's separate
            open/closed flag.
        state_changed_at (datetime.datetime):
        messages (list[Message]): Oldest first.
        history (list[ChatEvent]): Every change of the handoff state, oldest first.
        verified_user_chats (list[LinkedChat]): The same verified user's other chats in this workspace, newest activity
            first
            (at most 20). Always empty unless `identity.verified`.
        origin (None | str | Unset):
        assignee_id (None | Unset | UUID):
        assignee_name (None | str | Unset):
        visitor_email (None | str | Unset): An address the visitor left for a reply.
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
    state: ChatState
    state_changed_at: datetime.datetime
    messages: list[Message]
    history: list[ChatEvent]
    verified_user_chats: list[LinkedChat]
    origin: None | str | Unset = UNSET
    assignee_id: None | Unset | UUID = UNSET
    assignee_name: None | str | Unset = UNSET
    visitor_email: None | str | Unset = UNSET
    identity: ChatIdentity | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.chat_identity import ChatIdentity

        id = str(self.id)

        assistant_id = str(self.assistant_id)

        assistant_name = self.assistant_name

        visitor_id = self.visitor_id

        title = self.title

        status: str = self.status

        created_at = self.created_at.isoformat()

        last_message_at = self.last_message_at.isoformat()

        state: str = self.state

        state_changed_at = self.state_changed_at.isoformat()

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        verified_user_chats = []
        for verified_user_chats_item_data in self.verified_user_chats:
            verified_user_chats_item = verified_user_chats_item_data.to_dict()
            verified_user_chats.append(verified_user_chats_item)

        origin: None | str | Unset
        if isinstance(self.origin, Unset):
            origin = UNSET
        else:
            origin = self.origin

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
                "state": state,
                "state_changed_at": state_changed_at,
                "messages": messages,
                "history": history,
                "verified_user_chats": verified_user_chats,
            }
        )
        if origin is not UNSET:
            field_dict["origin"] = origin
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if assignee_name is not UNSET:
            field_dict["assignee_name"] = assignee_name
        if visitor_email is not UNSET:
            field_dict["visitor_email"] = visitor_email
        if identity is not UNSET:
            field_dict["identity"] = identity

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_event import ChatEvent
        from ..models.chat_identity import ChatIdentity
        from ..models.linked_chat import LinkedChat
        from ..models.message import Message

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        assistant_id = UUID(d.pop("assistant_id"))

        assistant_name = d.pop("assistant_name")

        visitor_id = d.pop("visitor_id")

        title = d.pop("title")

        status = check_chat_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_message_at = datetime.datetime.fromisoformat(d.pop("last_message_at"))

        state = check_chat_state(d.pop("state"))

        state_changed_at = datetime.datetime.fromisoformat(d.pop("state_changed_at"))

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = Message.from_dict(messages_item_data)

            messages.append(messages_item)

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = ChatEvent.from_dict(history_item_data)

            history.append(history_item)

        verified_user_chats = []
        _verified_user_chats = d.pop("verified_user_chats")
        for verified_user_chats_item_data in _verified_user_chats:
            verified_user_chats_item = LinkedChat.from_dict(
                verified_user_chats_item_data
            )

            verified_user_chats.append(verified_user_chats_item)

        def _parse_origin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin = _parse_origin(d.pop("origin", UNSET))

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

        chat = cls(
            id=id,
            assistant_id=assistant_id,
            assistant_name=assistant_name,
            visitor_id=visitor_id,
            title=title,
            status=status,
            created_at=created_at,
            last_message_at=last_message_at,
            state=state,
            state_changed_at=state_changed_at,
            messages=messages,
            history=history,
            verified_user_chats=verified_user_chats,
            origin=origin,
            assignee_id=assignee_id,
            assignee_name=assignee_name,
            visitor_email=visitor_email,
            identity=identity,
        )

        chat.additional_properties = d
        return chat

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
