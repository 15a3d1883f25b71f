from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.assistant_status import AssistantStatus, check_assistant_status
from ..models.handoff_policy import HandoffPolicy, check_handoff_policy
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.theme import Theme


T = TypeVar("T", bound="CreateAssistantRequest")


@_attrs_define
class CreateAssistantRequest:
    """A new assistant. Only `name` is required.

    Attributes:
        name (str):
        description (None | str | Unset):
        model (None | str | Unset): The provider's model id; default `mistral-small-latest`.
        instructions (None | str | Unset): System instructions: who the assistant is and how it answers.
        temperature (float | None | Unset): 0 to 1.5; default 0.7.
        greeting (None | str | Unset): The first message the widget shows.
        allowed_origins (list[str] | None | Unset): Origins (`https://shop.example.com`, `https://*.example.com`) whose
            pages may
            embed the widget. Empty: only the dashboard's own preview.
        theme (None | Theme | Unset):
        status (AssistantStatus | None | Unset): Default `active`.
        handoff_policy (HandoffPolicy | None | Unset): When a chat goes to a person: `never` (default), `on_request`
            (the widget offers
            "talk to a person"), `model` (that, or when the model decides).
        offline_message (None | str | Unset): Shown to a visitor who asked for a person while no member is online.
    """

    name: str
    description: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    instructions: None | str | Unset = UNSET
    temperature: float | None | Unset = UNSET
    greeting: None | str | Unset = UNSET
    allowed_origins: list[str] | None | Unset = UNSET
    theme: None | Theme | Unset = UNSET
    status: AssistantStatus | None | Unset = UNSET
    handoff_policy: HandoffPolicy | None | Unset = UNSET
    offline_message: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.theme import Theme

        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        greeting: None | str | Unset
        if isinstance(self.greeting, Unset):
            greeting = UNSET
        else:
            greeting = self.greeting

        allowed_origins: list[str] | None | Unset
        if isinstance(self.allowed_origins, Unset):
            allowed_origins = UNSET
        elif isinstance(self.allowed_origins, list):
            allowed_origins = self.allowed_origins

        else:
            allowed_origins = self.allowed_origins

        theme: dict[str, Any] | None | Unset
        if isinstance(self.theme, Unset):
            theme = UNSET
        elif isinstance(self.theme, Theme):
            theme = self.theme.to_dict()
        else:
            theme = self.theme

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        handoff_policy: None | str | Unset
        if isinstance(self.handoff_policy, Unset):
            handoff_policy = UNSET
        elif isinstance(self.handoff_policy, str):
            handoff_policy = self.handoff_policy
        else:
            handoff_policy = self.handoff_policy

        offline_message: None | str | Unset
        if isinstance(self.offline_message, Unset):
            offline_message = UNSET
        else:
            offline_message = self.offline_message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
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
        name = d.pop("name")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        def _parse_greeting(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        greeting = _parse_greeting(d.pop("greeting", UNSET))

        def _parse_allowed_origins(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_origins_type_0 = cast(list[str], data)

                return allowed_origins_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_origins = _parse_allowed_origins(d.pop("allowed_origins", UNSET))

        def _parse_theme(data: object) -> None | Theme | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                theme_type_0 = Theme.from_dict(data)

                return theme_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Theme | Unset, data)

        theme = _parse_theme(d.pop("theme", UNSET))

        def _parse_status(data: object) -> AssistantStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_assistant_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssistantStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_handoff_policy(data: object) -> HandoffPolicy | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                handoff_policy_type_0 = check_handoff_policy(data)

                return handoff_policy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HandoffPolicy | None | Unset, data)

        handoff_policy = _parse_handoff_policy(d.pop("handoff_policy", UNSET))

        def _parse_offline_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        offline_message = _parse_offline_message(d.pop("offline_message", UNSET))

        create_assistant_request = cls(
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

        return create_assistant_request
