from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.source_view import SourceView
from ...models.upload_file_source_body import UploadFileSourceBody
from ...types import Response


def _get_kwargs(
    *,
    body: UploadFileSourceBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/knowledge/sources/file",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SourceView | None:
    if response.status_code == 201:
        response_201 = SourceView.from_dict(response.json())

        return response_201

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
) -> Response[Error | SourceView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadFileSourceBody,
) -> Response[Error | SourceView]:
    """Upload a file: Markdown, plain text, HTML or PDF, up to `max_file_bytes` of
    `GET /knowledge/limits` (and a PDF up to `KNOWLEDGE_MAX_PDF_PAGES` pages, checked
    when it is read: `too_many_pages`). The type is read from the part's file name
    (`.md`, `.txt`, `.html`, `.pdf`) or media type, and the file must not be blank: facts about the
    multipart part the schema cannot state.

     **Who may call:** an admin or owner of the workspace.

    Args:
        body (UploadFileSourceBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SourceView]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: UploadFileSourceBody,
) -> Error | SourceView | None:
    """Upload a file: Markdown, plain text, HTML or PDF, up to `max_file_bytes` of
    `GET /knowledge/limits` (and a PDF up to `KNOWLEDGE_MAX_PDF_PAGES` pages, checked
    when it is read: `too_many_pages`). The type is read from the part's file name
    (`.md`, `.txt`, `.html`, `.pdf`) or media type, and the file must not be blank: facts about the
    multipart part the schema cannot state.

     **Who may call:** an admin or owner of the workspace.

    Args:
        body (UploadFileSourceBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SourceView
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadFileSourceBody,
) -> Response[Error | SourceView]:
    """Upload a file: Markdown, plain text, HTML or PDF, up to `max_file_bytes` of
    `GET /knowledge/limits` (and a PDF up to `KNOWLEDGE_MAX_PDF_PAGES` pages, checked
    when it is read: `too_many_pages`). The type is read from the part's file name
    (`.md`, `.txt`, `.html`, `.pdf`) or media type, and the file must not be blank: facts about the
    multipart part the schema cannot state.

     **Who may call:** an admin or owner of the workspace.

    Args:
        body (UploadFileSourceBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SourceView]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadFileSourceBody,
) -> Error | SourceView | None:
    """Upload a file: Markdown, plain text, HTML or PDF, up to `max_file_bytes` of
    `GET /knowledge/limits` (and a PDF up to `KNOWLEDGE_MAX_PDF_PAGES` pages, checked
    when it is read: `too_many_pages`). The type is read from the part's file name
    (`.md`, `.txt`, `.html`, `.pdf`) or media type, and the file must not be blank: facts about the
    multipart part the schema cannot state.

     **Who may call:** an admin or owner of the workspace.

    Args:
        body (UploadFileSourceBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SourceView
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
