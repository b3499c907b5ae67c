"""Settings, the engine, the session and the language of the current visitor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.db import make_engine, session_scope
from prize.errors import InvalidSetting, PrizeError
from prize.i18n import DEFAULT_LOCALE, normalise_locale, t
from prize.settings import Settings

ACTOR_KEY = "actor"
LOCALE_KEY = "locale"


def settings() -> Settings:
    """The settings from the environment and Streamlit's secrets; raises ``InvalidSetting``."""
    return Settings.load(secrets=_prize_secrets())


def _prize_secrets() -> dict:
    try:
        return dict(st.secrets.get("prize", {}))
    except FileNotFoundError:  # no secrets.toml: the environment carries the settings
        return {}


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def engine() -> Engine:
    """The process's engine for the configured database, created once."""
    return _engine_for(settings().database_url)


@contextmanager
def db() -> Iterator[Session]:
    with session_scope(engine()) as session:
        yield session


def locale() -> str:
    return normalise_locale(st.session_state.get(LOCALE_KEY) or _configured_locale())


def _configured_locale() -> str:
    """The configured language for a new visitor; Danish while the settings do not
    load, so that the page saying which setting is wrong can still be drawn."""
    try:
        return settings().default_locale
    except InvalidSetting:
        return DEFAULT_LOCALE


def tr(key: str, **params: object) -> str:
    """The message ``key`` in the visitor's language."""
    return t(key, locale(), **params)


def current_actor() -> Actor | None:
    """The logged-in actor that app.py put in the session this run, if any."""
    actor = st.session_state.get(ACTOR_KEY)
    if actor is None or not st.session_state.get("authentication_status"):
        return None
    return actor


# What formats text in the middle of a line: emphasis, code, links and images,
# LaTeX, Streamlit's :colour[] and :icon:, strikethrough, tables, HTML-like tags.
_MARKDOWN_SPECIALS = str.maketrans({char: "\\" + char for char in "\\`*_[]$:~|<>"})


def plain(text: str) -> str:
    """``text`` escaped for Markdown: a stored name or title is drawn as written,
    never as a link, an image (which the browser would fetch), LaTeX or colour."""
    return str(text).translate(_MARKDOWN_SPECIALS)


def show_error(error: PrizeError) -> None:
    st.error(error.message(locale()), icon=":material/error:")
