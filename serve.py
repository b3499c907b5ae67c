"""Landsbyprisen's server: ``streamlit run serve.py``.

Streamlit finds ``app`` below and serves ``app.py`` (login, menu, pages) as
always, plus what ``web/`` adds: the route that streams stored files to holders
of a signed link (``/files/<token>``), and the security headers and page
language on every answer. The route reads the settings as the app does, so it
checks a link with the key the page signed it with.
"""

import streamlit as st
from starlette.middleware import Middleware

from prize.file_links import ROUTE_PREFIX
from ui.context import configured_locale, settings
from web.files import file_route
from web.headers import SecurityHeaders

app = st.App(
    "app.py",
    routes=[file_route(load_settings=settings)],
    middleware=[Middleware(SecurityHeaders, html_lang=configured_locale, uncompressed=(ROUTE_PREFIX,))],
)
