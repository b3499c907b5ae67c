"""``GET /files/<token>``: a stored file for whoever holds a valid signed link.

The page made the link after the rule book let the visitor see the nomination
(``prize.services.material.file_link``); the route itself needs neither the
database nor a login. It streams the file from storage in pieces, never whole
into memory, answers a byte range (a video that seeks) with 206, names the
file for saving (RFC 5987), and refuses an expired, altered or foreign link with 403.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from prize.errors import InvalidSetting
from prize.file_links import ROUTE_PREFIX, FileGrant, LinkRefused, verify
from prize.filetypes import of_media_type
from prize.i18n import DEFAULT_LOCALE, t_plain
from prize.models.base import utcnow
from prize.settings import Settings
from prize.storage import Storage, UnknownKey, storage_for

# Small pieces: a video player asks for many ranges, and each piece costs memory only while it is sent.
PIECE = 256 * 1024
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def file_route(*, load_settings: Callable[[], Settings], now: Callable[[], datetime] = utcnow) -> Route:
    """The route, reading the settings (signing key, storage folder) at each request, as the app does."""

    def serve_file(request: Request) -> Response:  # a plain function: Starlette runs it in a worker thread
        try:
            settings = load_settings()
        except InvalidSetting:
            return _refusal(503, "material.link.unavailable", DEFAULT_LOCALE)
        try:
            grant = verify(request.path_params["token"], cookie_key=settings.cookie_key, now=now())
        except LinkRefused:
            return _refusal(403, "material.link.refused", settings.default_locale)
        return _file_response(request, grant, storage=storage_for(settings.storage_dir), now=now(),
                              locale=settings.default_locale)

    return Route(ROUTE_PREFIX + "{token}", serve_file, methods=["GET", "HEAD"], name="files")


def _file_response(request: Request, grant: FileGrant, *, storage: Storage, now: datetime,
                   locale: str) -> Response:
    try:
        size = storage.size(grant.storage_key)
    except UnknownKey:
        return _refusal(404, "material.link.missing", locale)
    headers = file_headers(grant, now=now)
    asked = request.headers.get("range")
    span = (0, size - 1) if asked is None else byte_range(asked, size=size)
    if span is None:
        return Response(status_code=416, headers=headers | {"Content-Range": f"bytes */{size}"})
    start, end = span
    headers["Content-Length"] = str(end - start + 1)
    status = 200
    if asked is not None:
        status, headers["Content-Range"] = 206, f"bytes {start}-{end}/{size}"
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers, media_type=grant.media_type)
    return StreamingResponse(_pieces(storage, grant.storage_key, start=start, end=end), status_code=status,
                             headers=headers, media_type=grant.media_type)


def file_headers(grant: FileGrant, *, now: datetime) -> dict[str, str]:
    """The headers of every answer with the file: how to show it, and that only this
    browser may keep it, for as long as the link is valid."""
    found = of_media_type(grant.media_type)
    seconds_left = max(0, int((grant.expires_at - now).total_seconds()))
    return {"Accept-Ranges": "bytes",
            "Content-Disposition": content_disposition(grant.download_name, inline=bool(found and found.inline)),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": f"private, max-age={seconds_left}"}


def byte_range(header: str, *, size: int) -> tuple[int, int] | None:
    """The first and last byte of a single range ``bytes=a-b``, ``bytes=a-`` or ``bytes=-n``
    within a file of ``size`` bytes; None for several ranges, another unit, nonsense,
    or a range that starts past the end (416)."""
    match = _RANGE.fullmatch(header.strip())
    if match is None or size == 0 or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":
        length = int(last)
        return (max(0, size - length), size - 1) if length > 0 else None
    start = int(first)
    end = size - 1 if last == "" else min(int(last), size - 1)
    return (start, end) if start <= end and start < size else None


def content_disposition(name: str, *, inline: bool) -> str:
    """``inline`` or ``attachment`` with the name twice: ASCII for old clients, UTF-8 (RFC 5987) for the rest.
    The name is the display name (no control characters); a path separator in it is only text."""
    fallback = "".join(char if char.isascii() and char.isprintable() and char not in '"\\/' else "_"
                       for char in name)
    encoded = quote(name, safe="!#$&+^`|~")
    return f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def _pieces(storage: Storage, key: str, *, start: int, end: int) -> Iterator[bytes]:
    with storage.open(key) as file:
        file.seek(start)
        left = end - start + 1
        while left > 0 and (piece := file.read(min(PIECE, left))):
            left -= len(piece)
            yield piece


def _refusal(status: int, key: str, locale: str) -> Response:
    return PlainTextResponse(t_plain(key, locale), status_code=status,
                             headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
