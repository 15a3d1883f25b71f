from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_state import ChatState, check_chat_state
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_message import ConversationMessage


T = TypeVar("T", bound="ConversationExchange")


@_attrs_define
class ConversationExchange:
    """The end user's message and, when the assistant answered in time, its reply.

    Attributes:
        message (ConversationMessage): A stored message of a conversation.
        reply_pending (bool): True when a reply is still being written: read it later from the messages list.
        state (ChatState): Who is answering a chat (human handoff). `chats.status` is the seed's separate
            open/closed flag.
        reply (ConversationMessage | None | Unset): The assistant's reply (`failed` when it could not be written);
            absent when a
            member has the conversation (no AI reply) or the wait ran out (`reply_pending`).
    """

    message: ConversationMessage
    reply_pending: bool
    state: ChatState
    reply: ConversationMessage | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversation_message import ConversationMessage

        message = self.message.to_dict()

        reply_pending = self.reply_pending

        state: str = self.state

        reply: dict[str, Any] | None | Unset
        if isinstance(self.reply, Unset):
            reply = UNSET
        elif isinstance(self.reply, ConversationMessage):
            reply = self.reply.to_dict()
        else:
            reply = self.reply

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "reply_pending": reply_pending,
                "state": state,
            }
        )
        if reply is not UNSET:
            field_dict["reply"] = reply

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conversation_message import ConversationMessage

        d = dict(src_dict)
        message = ConversationMessage.from_dict(d.pop("message"))

        reply_pending = d.pop("reply_pending")

        state = check_chat_state(d.pop("state"))

        def _parse_reply(data: object) -> ConversationMessage | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reply_type_0 = ConversationMessage.from_dict(data)

                return reply_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversationMessage | None | Unset, data)

        reply = _parse_reply(d.pop("reply", UNSET))

        conversation_exchange = cls(
            message=message,
            reply_pending=reply_pending,
            state=state,
            reply=reply,
        )

        conversation_exchange.additional_properties = d
        return conversation_exchange

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
