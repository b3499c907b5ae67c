"""Landsbyprisen's server: ``streamlit run serve.py``.

Streamlit finds ``app`` below and serves ``app.py`` (login, menu, pages) as
always, plus what ``web/`` adds: the route that streams stored files to holders
of a signed link (``/files/<token>``), and the security headers and page
language on every answer, and the secretariat's backup download
(``/backup/<token>``), checked against the database at download time, and the
press kit of a year's public finalists page (``/pressekit/<year>.zip``). The routes
read the settings as the app does, so they check a link with the key the page
signed it with.
"""

import streamlit as st
from starlette.middleware import Middleware

from prize.backup_links import ROUTE_PREFIX as BACKUP_PREFIX
from prize.file_links import ROUTE_PREFIX
from ui.context import configured_locale, engine, settings
from web.backup import backup_route
from web.files import file_route
from web.headers import SecurityHeaders
from web.press_kit import ROUTE_PREFIX as PRESS_KIT_PREFIX
from web.press_kit import press_kit_route

app = st.App(
    "app.py",
    routes=[file_route(load_settings=settings), backup_route(load_settings=settings, load_engine=engine),
            press_kit_route(load_settings=settings, load_engine=engine)],
    middleware=[Middleware(SecurityHeaders, html_lang=configured_locale,
                           uncompressed=(ROUTE_PREFIX, BACKUP_PREFIX, PRESS_KIT_PREFIX))],
)
