"""``GET /backup/<token>``: a backup of the database and its files, for the secretariat.

The secretariat's page made the link (``prize.services.backup.backup_link``); the
link names the user and the session version of their login, and the route checks
both against the database before it sends a byte (``download_by_link``). The
archive is streamed as it is written, never built in memory or on disk. Every
refusal (expired, altered, foreign, another user's or an ended login, a user no
longer active or no longer of the secretariat) is the same 403 with the same text.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from prize.backup_links import ROUTE_PREFIX, LinkRefused, verify
from prize.db import session_scope
from prize.errors import InvalidSetting, PrizeError
from prize.i18n import DEFAULT_LOCALE, t_plain
from prize.models.base import utcnow
from prize.services.backup import BackupDownload, download_by_link
from prize.settings import Settings
from prize.storage import storage_for
from web.files import content_disposition


def backup_route(*, load_settings: Callable[[], Settings], load_engine: Callable[[], Engine],
                 now: Callable[[], datetime] = utcnow) -> Route:
    """The route, reading the settings and the engine at each request, as the app does."""

    def serve_backup(request: Request) -> Response:  # a plain function: Starlette runs it in a worker thread
        try:
            settings = load_settings()
        except InvalidSetting:
            return _refusal(503, "backup.link.unavailable", DEFAULT_LOCALE)
        try:
            grant = verify(request.path_params["token"], cookie_key=settings.cookie_key, now=now())
            engine = load_engine()
            with session_scope(engine) as session:
                download = download_by_link(session, engine, storage_for(settings.storage_dir), grant=grant,
                                            now=now())
        except (LinkRefused, PrizeError):
            return _refusal(403, "backup.link.refused", settings.default_locale)
        return _archive_response(download)

    return Route(ROUTE_PREFIX + "{token}", serve_backup, methods=["GET"], name="backup")


def _archive_response(download: BackupDownload) -> StreamingResponse:
    headers = {"Content-Disposition": content_disposition(download.filename, inline=False),
               "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    return StreamingResponse(in_one_thread(download.pieces), media_type=download.media_type, headers=headers)


async def in_one_thread(pieces: Iterator[bytes]) -> AsyncIterator[bytes]:
    """The pieces of ``pieces``, each one made in the same worker thread: the stream holds
    a database connection (SQLite's may be used by the thread that opened it only).
    A client that goes away ends the stream, and its read transaction, in that thread too."""
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup") as worker:
        try:
            while (piece := await loop.run_in_executor(worker, next, pieces, None)) is not None:
                yield piece
        finally:
            await asyncio.shield(loop.run_in_executor(worker, pieces.close))


def _refusal(status: int, key: str, locale: str) -> Response:
    return PlainTextResponse(t_plain(key, locale), status_code=status,
                             headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
