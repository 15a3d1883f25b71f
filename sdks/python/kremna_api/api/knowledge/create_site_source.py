from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_site_source_request import CreateSiteSourceRequest
from ...models.error import Error
from ...models.source_view import SourceView
from ...types import Response


def _get_kwargs(
    *,
    body: CreateSiteSourceRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/knowledge/sources/site",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

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
    body: CreateSiteSourceRequest,
) -> Response[Error | SourceView]:
    """Add a site: the pages of a sitemap (or sitemap index), or those reached by links
    from a start page, on the same site, as its robots.txt allows, up to the page
    limit. Each page is read like a web page; one that fails (a 404, over the size
    limit) is listed with its reason and the others still answer.

     **Who may call:** an admin or owner of the workspace.

    Args:
        body (CreateSiteSourceRequest): A site to read page by page: a sitemap's pages or a crawl
            from a start page, up to
            a page limit, as the site's robots.txt allows, on the same site only.

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
    body: CreateSiteSourceRequest,
) -> Error | SourceView | None:
    """Add a site: the pages of a sitemap (or sitemap index), or those reached by links
    from a start page, on the same site, as its robots.txt allows, up to the page
    limit. Each page is read like a web page; one that fails (a 404, over the size
    limit) is listed with its reason and the others still answer.

     **Who may call:** an admin or owner of the workspace.

    Args:
        body (CreateSiteSourceRequest): A site to read page by page: a sitemap's pages or a crawl
            from a start page, up to
            a page limit, as the site's robots.txt allows, on the same site only.

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
    body: CreateSiteSourceRequest,
) -> Response[Error | SourceView]:
    """Add a site: the pages of a sitemap (or sitemap index), or those reached by links
    from a start page, on the same site, as its robots.txt allows, up to the page
    limit. Each page is read like a web page; one that fails (a 404, over the size
    limit) is listed with its reason and the others still answer.

     **Who may call:** an admin or owner of the workspace.

    Args:
        body (CreateSiteSourceRequest): A site to read page by page: a sitemap's pages or a crawl
            from a start page, up to
            a page limit, as the site's robots.txt allows, on the same site only.

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
    body: CreateSiteSourceRequest,
) -> Error | SourceView | None:
    """Add a site: the pages of a sitemap (or sitemap index), or those reached by links
    from a start page, on the same site, as its robots.txt allows, up to the page
    limit. Each page is read like a web page; one that fails (a 404, over the size
    limit) is listed with its reason and the others still answer.

     **Who may call:** an admin or owner of the workspace.

    Args:
        body (CreateSiteSourceRequest): A site to read page by page: a sitemap's pages or a crawl
            from a start page, up to
            a page limit, as the site's robots.txt allows, on the same site only.

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
