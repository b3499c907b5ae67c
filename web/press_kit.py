"""``GET /pressekit/<year>.zip``: the press kit of a year's public finalists page, for anyone.

It holds only what the public page shows (``prize.services.videos.press_kit``). The
database is read once, before the first byte; the zip is then written as it is
sent, the pictures read from storage in pieces, so a press kit costs the server
no more memory than one piece of a picture.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from prize.db import session_scope
from prize.errors import InvalidSetting
from prize.exports.press_kit import (MEDIA_TYPE, ROUTE_PREFIX, press_kit_filename, public_page_path,
                                     stream_press_kit)
from prize.i18n import DEFAULT_LOCALE, t_plain
from prize.services.videos import press_kit
from prize.settings import Settings
from prize.storage import storage_for
from web.files import content_disposition


def press_kit_route(*, load_settings: Callable[[], Settings], load_engine: Callable[[], Engine]) -> Route:
    """The route, reading the settings and the engine at each request, as the app does."""

    def serve_press_kit(request: Request) -> Response:  # a plain function: Starlette runs it in a worker thread
        try:
            settings = load_settings()
        except InvalidSetting:
            return _refusal(503, "material.link.unavailable", DEFAULT_LOCALE)
        year = request.path_params["year"]
        with session_scope(load_engine()) as session:
            kit = press_kit(session, year=year, settings=settings)
        if kit is None:
            return _refusal(404, "videos.press.not_found", settings.default_locale)
        pieces = stream_press_kit(kit, storage_for(settings.storage_dir),
                                  page_address=str(request.base_url).rstrip("/") + public_page_path(year),
                                  locale=settings.default_locale)
        headers = {"Content-Disposition": content_disposition(press_kit_filename(year), inline=False),
                   "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
        return StreamingResponse(pieces, media_type=MEDIA_TYPE, headers=headers)

    return Route(ROUTE_PREFIX + "{year:int}.zip", serve_press_kit, methods=["GET"], name="press_kit")


def _refusal(status: int, key: str, locale: str) -> Response:
    return PlainTextResponse(t_plain(key, locale), status_code=status,
                             headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
