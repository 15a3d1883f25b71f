from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chat_list import ChatList
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    assistant_id: UUID,
    *,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/chats/assistant/{assistant_id}".format(
            assistant_id=quote(str(assistant_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChatList | Error | None:
    if response.status_code == 200:
        response_200 = ChatList.from_dict(response.json())

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
) -> Response[ChatList | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    assistant_id: UUID,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ChatList | Error]:
    """List one assistant's chats (the original product's path).

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `chats`.

    Args:
        assistant_id (UUID):
        after (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatList | Error]
    """

    kwargs = _get_kwargs(
        assistant_id=assistant_id,
        after=after,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    assistant_id: UUID,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ChatList | Error | None:
    """List one assistant's chats (the original product's path).

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `chats`.

    Args:
        assistant_id (UUID):
        after (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatList | Error
    """

    return sync_detailed(
        assistant_id=assistant_id,
        client=client,
        after=after,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    assistant_id: UUID,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ChatList | Error]:
    """List one assistant's chats (the original product's path).

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `chats`.

    Args:
        assistant_id (UUID):
        after (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatList | Error]
    """

    kwargs = _get_kwargs(
        assistant_id=assistant_id,
        after=after,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    assistant_id: UUID,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ChatList | Error | None:
    """List one assistant's chats (the original product's path).

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `chats`.

    Args:
        assistant_id (UUID):
        after (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatList | Error
    """

    return (
        await asyncio_detailed(
            assistant_id=assistant_id,
            client=client,
            after=after,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
