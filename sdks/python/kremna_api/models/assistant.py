from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assistant_status import AssistantStatus, check_assistant_status
from ..models.handoff_policy import HandoffPolicy, check_handoff_policy
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.theme import Theme


T = TypeVar("T", bound="Assistant")


@_attrs_define
class Assistant:
    """
    Attributes:
        id (UUID):
        name (str):
        description (str):
        model (str):
        instructions (str):
        temperature (float):
        greeting (str):
        allowed_origins (list[str]):
        theme (Theme): How the widget looks.
        status (AssistantStatus): Whether an assistant answers visitors.
        handoff_policy (HandoffPolicy): When an assistant hands a chat to a person.
        offline_message (str):
        identity_verification (bool): Whether visitor identities can be verified: the assistant has an identity secret
            (`GET /assistants/{id}/identity-secret`).
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        embed_snippet (str): Paste this before `</body>` on a page of an allowed origin.
        created_by (None | Unset | UUID):
    """

    id: UUID
    name: str
    description: str
    model: str
    instructions: str
    temperature: float
    greeting: str
    allowed_origins: list[str]
    theme: Theme
    status: AssistantStatus
    handoff_policy: HandoffPolicy
    offline_message: str
    identity_verification: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    embed_snippet: str
    created_by: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        description = self.description

        model = self.model

        instructions = self.instructions

        temperature = self.temperature

        greeting = self.greeting

        allowed_origins = self.allowed_origins

        theme = self.theme.to_dict()

        status: str = self.status

        handoff_policy: str = self.handoff_policy

        offline_message = self.offline_message

        identity_verification = self.identity_verification

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        embed_snippet = self.embed_snippet

        created_by: None | str | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        elif isinstance(self.created_by, UUID):
            created_by = str(self.created_by)
        else:
            created_by = self.created_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "model": model,
                "instructions": instructions,
                "temperature": temperature,
                "greeting": greeting,
                "allowed_origins": allowed_origins,
                "theme": theme,
                "status": status,
                "handoff_policy": handoff_policy,
                "offline_message": offline_message,
                "identity_verification": identity_verification,
                "created_at": created_at,
                "updated_at": updated_at,
                "embed_snippet": embed_snippet,
            }
        )
        if created_by is not UNSET:
            field_dict["created_by"] = created_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.theme import Theme

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        description = d.pop("description")

        model = d.pop("model")

        instructions = d.pop("instructions")

        temperature = d.pop("temperature")

        greeting = d.pop("greeting")

        allowed_origins = cast(list[str], d.pop("allowed_origins"))

        theme = Theme.from_dict(d.pop("theme"))

        status = check_assistant_status(d.pop("status"))

        handoff_policy = check_handoff_policy(d.pop("handoff_policy"))

        offline_message = d.pop("offline_message")

        identity_verification = d.pop("identity_verification")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        embed_snippet = d.pop("embed_snippet")

        def _parse_created_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_by_type_0 = UUID(data)

                return created_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        created_by = _parse_created_by(d.pop("created_by", UNSET))

        assistant = cls(
            id=id,
            name=name,
            description=description,
            model=model,
            instructions=instructions,
            temperature=temperature,
            greeting=greeting,
            allowed_origins=allowed_origins,
            theme=theme,
            status=status,
            handoff_policy=handoff_policy,
            offline_message=offline_message,
            identity_verification=identity_verification,
            created_at=created_at,
            updated_at=updated_at,
            embed_snippet=embed_snippet,
            created_by=created_by,
        )

        assistant.additional_properties = d
        return assistant

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
