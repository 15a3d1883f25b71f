from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation_message_request import ConversationMessageRequest
from ...models.error import Error
from ...models.feed_event_feed_delta import FeedEventFeedDelta
from ...models.feed_event_feed_error import FeedEventFeedError
from ...models.feed_event_feed_message import FeedEventFeedMessage
from ...models.feed_event_feed_state import FeedEventFeedState
from ...models.feed_event_feed_typing import FeedEventFeedTyping
from ...types import Response


def _get_kwargs(
    id: UUID,
    *,
    body: ConversationMessageRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/conversations/{id}/messages/stream".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Error
    | list[
        FeedEventFeedDelta
        | FeedEventFeedError
        | FeedEventFeedMessage
        | FeedEventFeedState
        | FeedEventFeedTyping
    ]
    | None
):
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.text
        for response_200_item_data in _response_200:

            def _parse_response_200_item(
                data: object,
            ) -> (
                FeedEventFeedDelta
                | FeedEventFeedError
                | FeedEventFeedMessage
                | FeedEventFeedState
                | FeedEventFeedTyping
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_feed_event_type_0 = (
                        FeedEventFeedMessage.from_dict(data)
                    )

                    return componentsschemas_feed_event_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_feed_event_type_1 = FeedEventFeedDelta.from_dict(
                        data
                    )

                    return componentsschemas_feed_event_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_feed_event_type_2 = FeedEventFeedTyping.from_dict(
                        data
                    )

                    return componentsschemas_feed_event_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_feed_event_type_3 = FeedEventFeedState.from_dict(
                        data
                    )

                    return componentsschemas_feed_event_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_feed_event_type_4 = FeedEventFeedError.from_dict(data)

                return componentsschemas_feed_event_type_4

            response_200_item = _parse_response_200_item(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Error
    | list[
        FeedEventFeedDelta
        | FeedEventFeedError
        | FeedEventFeedMessage
        | FeedEventFeedState
        | FeedEventFeedTyping
    ]
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConversationMessageRequest,
) -> Response[
    Error
    | list[
        FeedEventFeedDelta
        | FeedEventFeedError
        | FeedEventFeedMessage
        | FeedEventFeedState
        | FeedEventFeedTyping
    ]
]:
    """Post your user's message and stream the reply as Server-Sent Events: first the
    stored `message`, then `typing`, `delta`s and the final `message` (the reply),
    with `state` when a member takes over and `error` when the reply fails; the stream
    ends after the reply (or after 120 s without it).

     **Who may call:** an admin or owner of the workspace. API keys need `write` access to `chats`.

    Args:
        id (UUID):
        body (ConversationMessageRequest): `POST /conversations/{id}/messages`: the end user's
            message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[FeedEventFeedDelta | FeedEventFeedError | FeedEventFeedMessage | FeedEventFeedState | FeedEventFeedTyping]]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConversationMessageRequest,
) -> (
    Error
    | list[
        FeedEventFeedDelta
        | FeedEventFeedError
        | FeedEventFeedMessage
        | FeedEventFeedState
        | FeedEventFeedTyping
    ]
    | None
):
    """Post your user's message and stream the reply as Server-Sent Events: first the
    stored `message`, then `typing`, `delta`s and the final `message` (the reply),
    with `state` when a member takes over and `error` when the reply fails; the stream
    ends after the reply (or after 120 s without it).

     **Who may call:** an admin or owner of the workspace. API keys need `write` access to `chats`.

    Args:
        id (UUID):
        body (ConversationMessageRequest): `POST /conversations/{id}/messages`: the end user's
            message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[FeedEventFeedDelta | FeedEventFeedError | FeedEventFeedMessage | FeedEventFeedState | FeedEventFeedTyping]
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConversationMessageRequest,
) -> Response[
    Error
    | list[
        FeedEventFeedDelta
        | FeedEventFeedError
        | FeedEventFeedMessage
        | FeedEventFeedState
        | FeedEventFeedTyping
    ]
]:
    """Post your user's message and stream the reply as Server-Sent Events: first the
    stored `message`, then `typing`, `delta`s and the final `message` (the reply),
    with `state` when a member takes over and `error` when the reply fails; the stream
    ends after the reply (or after 120 s without it).

     **Who may call:** an admin or owner of the workspace. API keys need `write` access to `chats`.

    Args:
        id (UUID):
        body (ConversationMessageRequest): `POST /conversations/{id}/messages`: the end user's
            message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[FeedEventFeedDelta | FeedEventFeedError | FeedEventFeedMessage | FeedEventFeedState | FeedEventFeedTyping]]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: ConversationMessageRequest,
) -> (
    Error
    | list[
        FeedEventFeedDelta
        | FeedEventFeedError
        | FeedEventFeedMessage
        | FeedEventFeedState
        | FeedEventFeedTyping
    ]
    | None
):
    """Post your user's message and stream the reply as Server-Sent Events: first the
    stored `message`, then `typing`, `delta`s and the final `message` (the reply),
    with `state` when a member takes over and `error` when the reply fails; the stream
    ends after the reply (or after 120 s without it).

     **Who may call:** an admin or owner of the workspace. API keys need `write` access to `chats`.

    Args:
        id (UUID):
        body (ConversationMessageRequest): `POST /conversations/{id}/messages`: the end user's
            message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[FeedEventFeedDelta | FeedEventFeedError | FeedEventFeedMessage | FeedEventFeedState | FeedEventFeedTyping]
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
