import datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.export_analytics_timezone import (
    ExportAnalyticsTimezone,
)
from ...models.export_format import ExportFormat
from ...models.export_kind import ExportKind
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    kind: ExportKind,
    format_: ExportFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: ExportAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str = kind
    params["kind"] = json_kind

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

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
        "url": "/analytics/export",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.text))

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
) -> Response[Error | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: ExportKind,
    format_: ExportFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: ExportAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> Response[Error | File]:
    """Export the workspace's messages, or its hourly usage, for a range of days as CSV
    or NDJSON. Streamed: any range size is fine.

     **Who may call:** an admin or owner of the workspace.

    Args:
        kind (ExportKind): What to export.
        format_ (ExportFormat | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        timezone (ExportAnalyticsTimezone | Unset):
        assistant_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        kind=kind,
        format_=format_,
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
    kind: ExportKind,
    format_: ExportFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: ExportAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> Error | File | None:
    """Export the workspace's messages, or its hourly usage, for a range of days as CSV
    or NDJSON. Streamed: any range size is fine.

     **Who may call:** an admin or owner of the workspace.

    Args:
        kind (ExportKind): What to export.
        format_ (ExportFormat | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        timezone (ExportAnalyticsTimezone | Unset):
        assistant_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return sync_detailed(
        client=client,
        kind=kind,
        format_=format_,
        from_=from_,
        to=to,
        timezone=timezone,
        assistant_id=assistant_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: ExportKind,
    format_: ExportFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: ExportAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> Response[Error | File]:
    """Export the workspace's messages, or its hourly usage, for a range of days as CSV
    or NDJSON. Streamed: any range size is fine.

     **Who may call:** an admin or owner of the workspace.

    Args:
        kind (ExportKind): What to export.
        format_ (ExportFormat | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        timezone (ExportAnalyticsTimezone | Unset):
        assistant_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        kind=kind,
        format_=format_,
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
    kind: ExportKind,
    format_: ExportFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    timezone: ExportAnalyticsTimezone | Unset = UNSET,
    assistant_id: UUID | Unset = UNSET,
) -> Error | File | None:
    """Export the workspace's messages, or its hourly usage, for a range of days as CSV
    or NDJSON. Streamed: any range size is fine.

     **Who may call:** an admin or owner of the workspace.

    Args:
        kind (ExportKind): What to export.
        format_ (ExportFormat | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        timezone (ExportAnalyticsTimezone | Unset):
        assistant_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            format_=format_,
            from_=from_,
            to=to,
            timezone=timezone,
            assistant_id=assistant_id,
        )
    ).parsed
