from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.assistant_status import AssistantStatus, check_assistant_status
from ..models.handoff_policy import HandoffPolicy, check_handoff_policy
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.theme import Theme


T = TypeVar("T", bound="UpdateAssistantRequest")


@_attrs_define
class UpdateAssistantRequest:
    """Changes to an assistant; absent fields stay as they are.

    Attributes:
        name (str | Unset):
        description (str | Unset):
        model (str | Unset):
        instructions (str | Unset):
        temperature (float | Unset):
        greeting (str | Unset):
        allowed_origins (list[str] | Unset):
        theme (Theme | Unset): How the widget looks.
        status (AssistantStatus | Unset): Whether an assistant answers visitors.
        handoff_policy (HandoffPolicy | Unset): When an assistant hands a chat to a person.
        offline_message (str | Unset):
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    model: str | Unset = UNSET
    instructions: str | Unset = UNSET
    temperature: float | Unset = UNSET
    greeting: str | Unset = UNSET
    allowed_origins: list[str] | Unset = UNSET
    theme: Theme | Unset = UNSET
    status: AssistantStatus | Unset = UNSET
    handoff_policy: HandoffPolicy | Unset = UNSET
    offline_message: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        model = self.model

        instructions = self.instructions

        temperature = self.temperature

        greeting = self.greeting

        allowed_origins: list[str] | Unset = UNSET
        if not isinstance(self.allowed_origins, Unset):
            allowed_origins = self.allowed_origins

        theme: dict[str, Any] | Unset = UNSET
        if not isinstance(self.theme, Unset):
            theme = self.theme.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        handoff_policy: str | Unset = UNSET
        if not isinstance(self.handoff_policy, Unset):
            handoff_policy = self.handoff_policy

        offline_message = self.offline_message

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if model is not UNSET:
            field_dict["model"] = model
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if greeting is not UNSET:
            field_dict["greeting"] = greeting
        if allowed_origins is not UNSET:
            field_dict["allowed_origins"] = allowed_origins
        if theme is not UNSET:
            field_dict["theme"] = theme
        if status is not UNSET:
            field_dict["status"] = status
        if handoff_policy is not UNSET:
            field_dict["handoff_policy"] = handoff_policy
        if offline_message is not UNSET:
            field_dict["offline_message"] = offline_message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.theme import Theme

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        model = d.pop("model", UNSET)

        instructions = d.pop("instructions", UNSET)

        temperature = d.pop("temperature", UNSET)

        greeting = d.pop("greeting", UNSET)

        allowed_origins = cast(list[str], d.pop("allowed_origins", UNSET))

        _theme = d.pop("theme", UNSET)
        theme: Theme | Unset
        if isinstance(_theme, Unset):
            theme = UNSET
        else:
            theme = Theme.from_dict(_theme)

        _status = d.pop("status", UNSET)
        status: AssistantStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_assistant_status(_status)

        _handoff_policy = d.pop("handoff_policy", UNSET)
        handoff_policy: HandoffPolicy | Unset
        if isinstance(_handoff_policy, Unset):
            handoff_policy = UNSET
        else:
            handoff_policy = check_handoff_policy(_handoff_policy)

        offline_message = d.pop("offline_message", UNSET)

        update_assistant_request = cls(
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
        )

        return update_assistant_request
