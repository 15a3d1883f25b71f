"""Server-Sent Events as the HTML standard parses them: lines end in CRLF, LF or CR;
a line starting with ':' is a comment (the server's keep-alives); ``data`` lines join
with '\\n'; a blank line dispatches the event. Chunks may split a line (or a
multi-byte character) anywhere.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_LINE_END = re.compile(r"\r\n|\n|\r")


@dataclass(frozen=True)
class SseMessage:
    event: str
    data: str
    id: str | None = None


def parse_sse(chunks: Iterable[bytes]) -> Iterator[SseMessage]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    buffer = ""
    event = ""
    data: list[str] = []
    last_id: str | None = None

    def take_lines(final: bool) -> Iterator[SseMessage]:
        nonlocal buffer, event, data, last_id
        while True:
            match = _LINE_END.search(buffer)
            # A trailing CR may be the first half of CRLF: wait for the next chunk.
            if match is None or (
                not final and match.group() == "\r" and match.start() == len(buffer) - 1
            ):
                return
            line, buffer = buffer[: match.start()], buffer[match.end() :]
            if line == "":
                if data:
                    yield SseMessage(event or "message", "\n".join(data), last_id)
                event, data = "", []
                continue
            if line.startswith(":"):
                continue
            field, colon, value = line.partition(":")
            if colon and value.startswith(" "):
                value = value[1:]
            if field == "event":
                event = value
            elif field == "data":
                data.append(value)
            elif field == "id" and "\0" not in value:
                last_id = value

    for chunk in chunks:
        buffer += decoder.decode(chunk)
        yield from take_lines(False)
    buffer += decoder.decode(b"", final=True)
    yield from take_lines(True)
    # The standard drops an event that is not ended by a blank line.
