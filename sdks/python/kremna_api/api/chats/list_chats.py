import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chat_list import ChatList
from ...models.chat_state import ChatState
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    assistant_id: UUID | Unset = UNSET,
    state: ChatState | Unset = UNSET,
    assignee_id: UUID | Unset = UNSET,
    active_from: datetime.datetime | Unset = UNSET,
    active_to: datetime.datetime | Unset = UNSET,
    verified: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_assistant_id: str | Unset = UNSET
    if not isinstance(assistant_id, Unset):
        json_assistant_id = str(assistant_id)
    params["assistant_id"] = json_assistant_id

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state

    params["state"] = json_state

    json_assignee_id: str | Unset = UNSET
    if not isinstance(assignee_id, Unset):
        json_assignee_id = str(assignee_id)
    params["assignee_id"] = json_assignee_id

    json_active_from: str | Unset = UNSET
    if not isinstance(active_from, Unset):
        json_active_from = active_from.isoformat()
    params["active_from"] = json_active_from

    json_active_to: str | Unset = UNSET
    if not isinstance(active_to, Unset):
        json_active_to = active_to.isoformat()
    params["active_to"] = json_active_to

    params["verified"] = verified

    params["q"] = q

    params["after"] = after

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/chats",
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
    *,
    client: AuthenticatedClient,
    assistant_id: UUID | Unset = UNSET,
    state: ChatState | Unset = UNSET,
    assignee_id: UUID | Unset = UNSET,
    active_from: datetime.datetime | Unset = UNSET,
    active_to: datetime.datetime | Unset = UNSET,
    verified: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ChatList | Error]:
    """List the workspace's chats, newest activity first.

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `chats`.

    Args:
        assistant_id (UUID | Unset):
        state (ChatState | Unset): Who is answering a chat (human handoff). `chats.status` is the
            seed's separate
            open/closed flag.
        assignee_id (UUID | Unset):
        active_from (datetime.datetime | Unset):
        active_to (datetime.datetime | Unset):
        verified (bool | Unset):
        q (str | Unset):
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
        state=state,
        assignee_id=assignee_id,
        active_from=active_from,
        active_to=active_to,
        verified=verified,
        q=q,
        after=after,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    assistant_id: UUID | Unset = UNSET,
    state: ChatState | Unset = UNSET,
    assignee_id: UUID | Unset = UNSET,
    active_from: datetime.datetime | Unset = UNSET,
    active_to: datetime.datetime | Unset = UNSET,
    verified: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ChatList | Error | None:
    """List the workspace's chats, newest activity first.

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `chats`.

    Args:
        assistant_id (UUID | Unset):
        state (ChatState | Unset): Who is answering a chat (human handoff). `chats.status` is the
            seed's separate
            open/closed flag.
        assignee_id (UUID | Unset):
        active_from (datetime.datetime | Unset):
        active_to (datetime.datetime | Unset):
        verified (bool | Unset):
        q (str | Unset):
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
        client=client,
        assistant_id=assistant_id,
        state=state,
        assignee_id=assignee_id,
        active_from=active_from,
        active_to=active_to,
        verified=verified,
        q=q,
        after=after,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    assistant_id: UUID | Unset = UNSET,
    state: ChatState | Unset = UNSET,
    assignee_id: UUID | Unset = UNSET,
    active_from: datetime.datetime | Unset = UNSET,
    active_to: datetime.datetime | Unset = UNSET,
    verified: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ChatList | Error]:
    """List the workspace's chats, newest activity first.

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `chats`.

    Args:
        assistant_id (UUID | Unset):
        state (ChatState | Unset): Who is answering a chat (human handoff). `chats.status` is the
            seed's separate
            open/closed flag.
        assignee_id (UUID | Unset):
        active_from (datetime.datetime | Unset):
        active_to (datetime.datetime | Unset):
        verified (bool | Unset):
        q (str | Unset):
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
        state=state,
        assignee_id=assignee_id,
        active_from=active_from,
        active_to=active_to,
        verified=verified,
        q=q,
        after=after,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    assistant_id: UUID | Unset = UNSET,
    state: ChatState | Unset = UNSET,
    assignee_id: UUID | Unset = UNSET,
    active_from: datetime.datetime | Unset = UNSET,
    active_to: datetime.datetime | Unset = UNSET,
    verified: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    after: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ChatList | Error | None:
    """List the workspace's chats, newest activity first.

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `chats`.

    Args:
        assistant_id (UUID | Unset):
        state (ChatState | Unset): Who is answering a chat (human handoff). `chats.status` is the
            seed's separate
            open/closed flag.
        assignee_id (UUID | Unset):
        active_from (datetime.datetime | Unset):
        active_to (datetime.datetime | Unset):
        verified (bool | Unset):
        q (str | Unset):
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
            client=client,
            assistant_id=assistant_id,
            state=state,
            assignee_id=assignee_id,
            active_from=active_from,
            active_to=active_to,
            verified=verified,
            q=q,
            after=after,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
