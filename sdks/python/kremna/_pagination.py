"""One convention for every list: ``limit``, ``after`` (the previous page's
``next_cursor``), ``has_more``. Pages are fetched lazily, one when the previous
one is used up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def paginate(
    fetch_page: Callable[[str | None], Any], after: str | None = None
) -> Iterator[Any]:
    """``fetch_page(after)`` returns a page with ``data``, ``has_more`` and ``next_cursor``."""
    cursor = after
    while True:
        page = fetch_page(cursor)
        yield from page.data
        next_cursor = page.next_cursor if isinstance(page.next_cursor, str) else None
        if not page.has_more or not next_cursor:
            return
        cursor = next_cursor
