"""Landsbyprisen's server: ``streamlit run serve.py``.

Streamlit finds ``app`` below and serves ``app.py`` (login, menu, pages) as
always, plus what ``web/`` adds: the route that streams stored files to holders
of a signed link (``/files/<token>``), and the security headers and page
language on every answer. The route reads the settings as the app does, so it
checks a link with the key the page signed it with.

The server's lifespan runs the outbox's sender (``prize.mail.worker``): one
thread per server process, started when the server starts and stopped when it
stops. Here rather than in an ``st.cache_resource`` of app.py: it runs before
the first visitor (a mail written by the command line goes out without one),
exactly once per process whatever the caches do, and it is stopped cleanly.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from prize.file_links import ROUTE_PREFIX
from prize.mail.worker import OutboxWorker
from ui.context import configured_locale, settings
from web.files import file_route
from web.headers import SecurityHeaders


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
    routes=[file_route(load_settings=settings)],
    middleware=[Middleware(SecurityHeaders, html_lang=configured_locale, uncompressed=(ROUTE_PREFIX,))],
    lifespan=lifespan,
)
