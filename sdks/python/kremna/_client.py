"""The hand-written layer over the generated client (``kremna_api``): auth, retries,
idempotency keys, auto-pagination and streamed replies. Every other operation is
the generated module's ``sync_detailed(client=kremna.client, ...)``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Self, TypeVar
from uuid import UUID

import httpx

from kremna_api.api.api_keys import create_api_key, list_api_keys
from kremna_api.api.assistants import create_assistant, get_assistant, list_assistants
from kremna_api.api.chats import get_chat, list_chats
from kremna_api.api.conversations import (
    get_conversation,
    list_conversation_messages,
    list_conversations,
    post_conversation_message,
    start_conversation,
)
from kremna_api.client import AuthenticatedClient
from kremna_api.models import (
    ApiKey,
    Assistant,
    Chat,
    ChatState,
    ChatSummary,
    Conversation,
    ConversationExchange,
    ConversationMessage,
    ConversationMessageRequest,
    CreateApiKeyRequest,
    CreateAssistantRequest,
    CreatedApiKey,
    FeedEventFeedDelta,
    FeedEventFeedError,
    FeedEventFeedMessage,
    FeedEventFeedState,
    FeedEventFeedTyping,
    StartConversationRequest,
)
from kremna_api.types import UNSET, Response

from ._errors import KremnaError
from ._pagination import paginate
from ._retry import RetryTransport
from ._sse import parse_sse

T = TypeVar("T")

FeedEvent = (
    FeedEventFeedMessage
    | FeedEventFeedDelta
    | FeedEventFeedTyping
    | FeedEventFeedState
    | FeedEventFeedError
)

_EVENT_TYPES: dict[str, Any] = {
    "message": FeedEventFeedMessage,
    "delta": FeedEventFeedDelta,
    "typing": FeedEventFeedTyping,
    "state": FeedEventFeedState,
    "error": FeedEventFeedError,
}


def _unwrap(response: Response[Any]) -> Any:
    """The parsed answer of a generated call, or a KremnaError with the API's code."""
    if int(response.status_code) >= 400 or response.parsed is None:
        raise KremnaError.from_body(int(response.status_code), response.content)
    return response.parsed


def _api_base(base_url: str) -> str:
    trimmed = base_url.rstrip("/")
    return trimmed if trimmed.endswith("/api/v1") else f"{trimmed}/api/v1"


def _opt(value: Any) -> Any:
    return UNSET if value is None else value


class Kremna:
    """``Kremna(api_key="kr_live_…", base_url="https://kremna.example.com")``.

    ``api_key`` may also be a dashboard access token (both go in ``Authorization: Bearer``).
    """

    def __init__(
        self,
        api_key: str,
        base_url: str,
        *,
        max_retries: int = 2,
        base_delay: float = 0.5,
        max_delay: float = 8.0,
        max_retry_after: float = 60.0,
        timeout: float = 150.0,
        transport: httpx.BaseTransport | None = None,
        **retry_seams: Any,
    ) -> None:
        if not api_key:
            raise ValueError("Kremna: api_key is required")
        retrying = RetryTransport(
            transport or httpx.HTTPTransport(),
            max_retries=max_retries,
            base_delay=base_delay,
            max_delay=max_delay,
            max_retry_after=max_retry_after,
            **retry_seams,
        )
        # The stream waits up to 120 s for a reply, so the read timeout is longer.
        self.client = AuthenticatedClient(
            base_url=_api_base(base_url),
            token=api_key,
            timeout=httpx.Timeout(timeout, connect=10.0),
            httpx_args={"transport": retrying},
        )
        self.api_keys = _ApiKeys(self.client)
        self.assistants = _Assistants(self.client)
        self.chats = _Chats(self.client)
        self.conversations = _Conversations(self.client)

    def stream_reply(
        self,
        conversation_id: UUID | str,
        content: str,
        *,
        client_message_id: str | None = None,
    ) -> Iterator[FeedEvent]:
        """Posts the user's message and yields the reply's events as they come: the
        stored ``message``, ``typing``, ``delta``s, then the reply's ``message`` (or
        ``state`` when a member takes over, ``error`` when the reply fails). A retry
        before the stream starts reuses the same Idempotency-Key, so the message is
        stored once."""
        body: dict[str, Any] = {"content": content}
        if client_message_id is not None:
            body["client_message_id"] = client_message_id
        http = self.client.get_httpx_client()
        with http.stream(
            "POST",
            f"/conversations/{conversation_id}/messages/stream",
            json=body,
            headers={"Accept": "text/event-stream"},
        ) as response:
            if response.status_code >= 400:
                raise KremnaError.from_body(response.status_code, response.read())
            for message in parse_sse(response.iter_bytes()):
                data = json.loads(message.data)
                kind = _EVENT_TYPES.get(message.event)
                if (
                    kind is None
                    or not isinstance(data, dict)
                    or data.get("type") != message.event
                ):
                    raise KremnaError(
                        502, "malformed_event", f"unexpected {message.event} event"
                    )
                yield kind.from_dict(data)

    def close(self) -> None:
        self.client.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class _ApiKeys:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def create(self, name: str, **fields: Any) -> CreatedApiKey:
        """Needs a dashboard token of an admin: keys never make keys."""
        body = CreateApiKeyRequest.from_dict({"name": name, **fields})
        return _unwrap(create_api_key.sync_detailed(client=self._client, body=body))

    def list(self) -> list[ApiKey]:
        return _unwrap(list_api_keys.sync_detailed(client=self._client)).data


class _Assistants:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def create(self, name: str, **fields: Any) -> Assistant:
        body = CreateAssistantRequest.from_dict({"name": name, **fields})
        return _unwrap(create_assistant.sync_detailed(client=self._client, body=body))

    def get(self, assistant_id: UUID | str) -> Assistant:
        return _unwrap(
            get_assistant.sync_detailed(UUID(str(assistant_id)), client=self._client)
        )

    def list(self) -> list[Assistant]:
        return _unwrap(list_assistants.sync_detailed(client=self._client)).data


class _Chats:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def list(
        self,
        *,
        assistant_id: UUID | str | None = None,
        state: ChatState | str | None = None,
        q: str | None = None,
        limit: int | None = None,
        after: str | None = None,
    ) -> Iterator[ChatSummary]:
        """Every chat of the workspace (widget and API), newest activity first."""
        assistant = UUID(str(assistant_id)) if assistant_id is not None else None
        chat_state = ChatState(state) if state is not None else None
        return paginate(
            lambda cursor: _unwrap(
                list_chats.sync_detailed(
                    client=self._client,
                    assistant_id=_opt(assistant),
                    state=_opt(chat_state),
                    q=_opt(q),
                    limit=_opt(limit),
                    after=_opt(cursor),
                )
            ),
            after,
        )

    def get(self, chat_id: UUID | str) -> Chat:
        """A chat with its messages, oldest first."""
        return _unwrap(get_chat.sync_detailed(UUID(str(chat_id)), client=self._client))


class _Conversations:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def start(self, assistant_id: UUID | str, user_id: str) -> Conversation:
        body = StartConversationRequest(
            assistant_id=UUID(str(assistant_id)), user_id=user_id
        )
        return _unwrap(start_conversation.sync_detailed(client=self._client, body=body))

    def get(self, conversation_id: UUID | str) -> Conversation:
        return _unwrap(
            get_conversation.sync_detailed(
                UUID(str(conversation_id)), client=self._client
            )
        )

    def list(
        self,
        *,
        assistant_id: UUID | str | None = None,
        user_id: str | None = None,
        limit: int | None = None,
        after: str | None = None,
    ) -> Iterator[Conversation]:
        """Every conversation (newest first), fetched a page at a time."""
        assistant = UUID(str(assistant_id)) if assistant_id is not None else None
        return paginate(
            lambda cursor: _unwrap(
                list_conversations.sync_detailed(
                    client=self._client,
                    assistant_id=_opt(assistant),
                    user_id=_opt(user_id),
                    limit=_opt(limit),
                    after=_opt(cursor),
                )
            ),
            after,
        )

    def messages(
        self,
        conversation_id: UUID | str,
        *,
        limit: int | None = None,
        after: str | None = None,
    ) -> Iterator[ConversationMessage]:
        """A conversation's messages, oldest first, a page at a time."""
        cid = UUID(str(conversation_id))
        return paginate(
            lambda cursor: _unwrap(
                list_conversation_messages.sync_detailed(
                    cid, client=self._client, limit=_opt(limit), after=_opt(cursor)
                )
            ),
            after,
        )

    def send(
        self,
        conversation_id: UUID | str,
        content: str,
        *,
        client_message_id: str | None = None,
    ) -> ConversationExchange:
        """Posts the user's message and waits for the reply as one JSON answer."""
        body = ConversationMessageRequest(
            content=content, client_message_id=_opt(client_message_id)
        )
        return _unwrap(
            post_conversation_message.sync_detailed(
                UUID(str(conversation_id)), client=self._client, body=body
            )
        )
