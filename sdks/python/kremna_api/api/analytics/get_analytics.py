import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_report import AnalyticsReport
from ...models.error import Error
from ...models.get_analytics_timezone import (
    GetAnalyticsTimezone,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: GetAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    json_timezone: str | Unset = UNSET
    if not isinstance(timezone, Unset):
        json_timezone = timezone

    params["timezone"] = json_timezone

    json_assistant_id: str | Unset = UNSET
    if not isinstance(assistant_id, Unset):
        json_assistant_id = str(assistant_id)
    params["assistant_id"] = json_assistant_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/analytics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AnalyticsReport | Error | None:
    if response.status_code == 200:
        response_200 = AnalyticsReport.from_dict(response.json())

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
) -> Response[AnalyticsReport | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: GetAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> Response[AnalyticsReport | Error]:
    """Usage for a range of days: totals, a per-day series, per-assistant and per-model
    figures with tokens, estimated cost, reply latency and failure rate.

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `analytics`.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        timezone (GetAnalyticsTimezone | Unset):
        assistant_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsReport | Error]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        timezone=timezone,
        assistant_id=assistant_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: GetAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> AnalyticsReport | Error | None:
    """Usage for a range of days: totals, a per-day series, per-assistant and per-model
    figures with tokens, estimated cost, reply latency and failure rate.

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `analytics`.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        timezone (GetAnalyticsTimezone | Unset):
        assistant_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsReport | Error
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        timezone=timezone,
        assistant_id=assistant_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: GetAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> Response[AnalyticsReport | Error]:
    """Usage for a range of days: totals, a per-day series, per-assistant and per-model
    figures with tokens, estimated cost, reply latency and failure rate.

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `analytics`.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        timezone (GetAnalyticsTimezone | Unset):
        assistant_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsReport | Error]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        timezone=timezone,
        assistant_id=assistant_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: GetAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> AnalyticsReport | Error | None:
    """Usage for a range of days: totals, a per-day series, per-assistant and per-model
    figures with tokens, estimated cost, reply latency and failure rate.

     **Who may call:** any member of the workspace (agent, admin or owner). API keys need `read` access
    to `analytics`.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        timezone (GetAnalyticsTimezone | Unset):
        assistant_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsReport | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            timezone=timezone,
            assistant_id=assistant_id,
        )
    ).parsed
