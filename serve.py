"""Landsbyprisen's server: ``streamlit run serve.py``.

Streamlit finds ``app`` below and serves ``app.py`` (login, menu, pages) as
always, plus what ``web/`` adds: the route that streams stored files to holders
of a signed link (``/files/<token>``), and the security headers and page
language on every answer, and the secretariat's backup download
(``/backup/<token>``), checked against the database at download time, and the
press kit of a year's public finalists page (``/pressekit/<year>.zip``). The routes
read the settings as the app does, so they check a link with the key the page
signed it with.

The server's lifespan runs the outbox's sender (``prize.mail.worker``): one
thread per server process, started when the server starts and stopped when it
stops. Here rather than in an ``st.cache_resource`` of app.py: it runs before
the first visitor (a mail written by the command line goes out without one),
exactly once per process whatever the caches do, and it is stopped cleanly.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from prize.backup_links import ROUTE_PREFIX as BACKUP_PREFIX
from prize.file_links import ROUTE_PREFIX
from prize.mail.worker import OutboxWorker
from ui.context import configured_locale, engine, settings
from web.backup import backup_route
from web.files import file_route
from web.headers import SecurityHeaders
from web.press_kit import ROUTE_PREFIX as PRESS_KIT_PREFIX
from web.press_kit import press_kit_route


@asynccontextmanager
async def lifespan(_app):
    worker = OutboxWorker(load_settings=settings)
    worker.start()
    try:
        yield
    finally:
        worker.stop()


app = st.App(
    "app.py",
    routes=[file_route(load_settings=settings), backup_route(load_settings=settings, load_engine=engine),
            press_kit_route(load_settings=settings, load_engine=engine)],
    middleware=[Middleware(SecurityHeaders, html_lang=configured_locale,
                           uncompressed=(ROUTE_PREFIX, BACKUP_PREFIX, PRESS_KIT_PREFIX))],
    lifespan=lifespan,
)
