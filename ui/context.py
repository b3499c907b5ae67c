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
from prize.i18n import DEFAULT_LOCALE, LANGUAGE_COOKIE, LOCALES, normalise_locale, t
from prize.settings import Settings
from prize.text import Markup, escape_markdown
from ui.components import flash

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
    """The visitor's language: the one of this session (chosen here, or the user's own),
    else the one the browser's language cookie keeps from an earlier visit (the server
    served the page with that ``lang``), else the configured default."""
    if chosen := st.session_state.get(LOCALE_KEY):
        return normalise_locale(chosen)
    kept = st.context.cookies.get(LANGUAGE_COOKIE)
    return kept if kept in LOCALES else configured_locale()


def configured_locale() -> str:
    """The configured language for a new visitor; Danish while the settings do not
    load, so that the page saying which setting is wrong can still be drawn."""
    try:
        return settings().default_locale
    except InvalidSetting:
        return DEFAULT_LOCALE


def tr(key: str, **params: object) -> Markup:
    """The message ``key`` in the visitor's language, its parameters escaped for Markdown."""
    return t(key, locale(), **params)


def current_actor() -> Actor | None:
    """The logged-in actor that app.py put in the session this run, if any."""
    actor = st.session_state.get(ACTOR_KEY)
    if actor is None or not st.session_state.get("authentication_status"):
        return None
    return actor


def plain(text: object) -> Markup:
    """A stored name or title as Markdown that shows it literally: never a link, an
    image (which the browser would fetch), LaTeX, an icon or a heading. ``tr`` does
    this to its parameters; use ``plain`` for stored text shown on its own."""
    return escape_markdown(text)


def plain_block(text: object) -> Markup:
    """A stored long text (several lines) shown literally, its line breaks kept."""
    return escape_markdown(text, multiline=True)


def show_error(error: PrizeError) -> None:
    """The error of the action under way; it replaces the outcome of the one before."""
    flash.clear()
    st.error(error.message(locale()), icon=":material/error:")
