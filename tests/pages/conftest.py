"""Fixtures for driving the app and its pages with Streamlit's ``AppTest``.

A test that asks for ``demo_site`` runs twice, on SQLite and on PostgreSQL (see
``tests/conftest.py``): the demo year is loaded into a fresh database and the
app is pointed at it through ``PRIZE_DATABASE_URL``.

Expected values come from ``data/demo/year.json`` through ``demo_facts``, so a
change to the demo data changes the expectations with it.
"""

from __future__ import annotations

import re

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from google.protobuf import text_format
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Dataframe, Table, Widget
from streamlit.util import calc_hash

from prize.actor import Actor
from prize.db import session_scope
from prize.models import User
from prize.phases import Phase
from prize.services.demo import read_demo
from prize.services.years import missing_sheets, move_phase, require_current_year
from ui.auth import SESSION_VERSION_KEY

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TEST_COOKIE_KEY = "test-cookie-key-not-the-demo-one"
RUN_TIMEOUT = 30


# --- Which database the page tests run on ---------------------------------------------------

_PAGES_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A page test draws a page: SQLite is enough, and PostgreSQL (where the services
    and queries are tested) would double the slowest part of the suite. A page test
    marked ``both_databases`` (a page that changes data) runs on both."""
    keep, drop = [], []
    for item in items:
        on_postgres = getattr(item, "callspec", None) and item.callspec.params.get("backend") == "postgresql"
        is_page_test = _PAGES_DIR in Path(str(item.fspath)).resolve().parents
        if on_postgres and is_page_test and item.get_closest_marker("both_databases") is None:
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# --- What the demo year should show ---------------------------------------------------------

@dataclass(frozen=True)
class DemoFacts:
    """Expected values derived from ``data/demo/year.json``."""

    data: dict

    @property
    def password(self) -> str:
        return self.data["demo_password"]

    def user(self, username: str) -> dict:
        return next(user for user in self.data["users"] if user["username"] == username)

    def usernames(self, *, role: str | None = None) -> list[str]:
        return sorted(user["username"] for user in self.data["users"] if role in (None, user["role"]))

    def users_in_table_order(self) -> list[str]:
        """The users page sorts by role, then username."""
        return [user["username"] for user in sorted(self.data["users"], key=lambda u: (u["role"], u["username"]))]

    def person_names(self) -> list[str]:
        return sorted(user["name"] for user in self.data["users"])

    def nomination_names(self, *, body: str | None = None) -> list[str]:
        """Names of the nominations, of one nominating body (its key) if given, sorted."""
        return sorted(item["name"] for item in self.data["nominations"] if body in (None, item["nominating_body"]))

    def nomination_name(self, key: str) -> str:
        return next(item["name"] for item in self.data["nominations"] if item["key"] == key)

    def candidate_names(self) -> list[str]:
        """The nominations that take part in judging: the eligible ones."""
        return sorted(item["name"] for item in self.data["nominations"]
                      if item["status"] == "eligible")

    def conflicts_of(self, juror: str) -> list[str]:
        return [self.nomination_name(c["nomination"]) for c in self.data["conflicts"] if c["juror"] == juror]

    def sheets_of(self, juror: str) -> dict[str, dict]:
        """The juror's score sheets by candidate name."""
        return {self.nomination_name(s["nomination"]): s for s in self.data["scores"] if s["juror"] == juror}

    def submitted_count(self, juror: str | None = None) -> int:
        return sum(1 for s in self.data["scores"] if s["submitted"] and juror in (None, s["juror"]))

    def to_score_count(self, juror: str) -> int:
        return len(self.candidate_names()) - len(self.conflicts_of(juror))

    def sheet_state(self, juror: str, candidate: str) -> str:
        """The Danish status the scoring page shows the juror for one candidate."""
        sheet = self.sheets_of(juror).get(candidate)
        if candidate in self.conflicts_of(juror):
            return "Inhabil"
        if sheet is None:
            return "Ikke påbegyndt"
        return "Indsendt" if sheet["submitted"] else "I gang"

    def criteria_scored(self, juror: str, candidate: str) -> int:
        sheet = self.sheets_of(juror).get(candidate)
        return 0 if sheet is None else sum(1 for value in sheet["values"] if value is not None)

    def conflict_count(self) -> int:
        candidates = set(self.candidate_names())
        return sum(1 for c in self.data["conflicts"] if self.nomination_name(c["nomination"]) in candidates)

    def juror_count(self) -> int:
        return len(self.usernames(role="juror"))

    def screening_ranking(self) -> list[tuple[str, float]]:
        """(candidate, weighted mean of the jurors' totals) of the submitted screening sheets,
        best first; equal means (within 1e-9) in the order of the demo file, as the ranking
        breaks them by nomination id. Weights are all 1, so a total is a sheet's mean."""
        order = [item["key"] for item in self.data["nominations"]]
        totals: dict[str, list[float]] = {}
        for sheet in self.data["scores"]:
            if sheet["submitted"]:
                totals.setdefault(sheet["nomination"], []).append(sum(sheet["values"]) / len(sheet["values"]))
        means = {key: sum(values) / len(values) for key, values in totals.items()}
        ranked = sorted(means, key=lambda key: (-round(means[key], 9), order.index(key)))
        return [(self.nomination_name(key), means[key]) for key in ranked]

    def protected_words(self) -> list[str]:
        """What nobody may see before logging in: candidates, people and usernames."""
        return self.nomination_names() + self.person_names() + self.usernames()


@pytest.fixture(scope="session")
def demo_facts() -> DemoFacts:
    return DemoFacts(read_demo())


# --- Settings, caches and the database the app sees -----------------------------------------

@pytest.fixture(autouse=True)
def app_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The environment of a demo installation, and empty Streamlit caches: app.py
    caches its startup check and engine per database URL, and PostgreSQL tests
    share one URL."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PRIZE_COOKIE_KEY", TEST_COOKIE_KEY)
    monkeypatch.setenv("PRIZE_DEMO_MODE", "true")
    monkeypatch.setenv("PRIZE_BCRYPT_ROUNDS", "4")
    monkeypatch.delenv("PRIZE_DEFAULT_LOCALE", raising=False)
    connected: set[Engine] = set()

    def remember(connection) -> None:
        connected.add(connection.engine)

    st.cache_resource.clear()
    event.listen(Engine, "engine_connect", remember)
    yield
    event.remove(Engine, "engine_connect", remember)
    st.cache_resource.clear()
    for engine in connected:  # the app's engines: close their connections before the next test
        engine.dispose()


@pytest.fixture
def started_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Route every run through app.py, as a running server does.

    Streamlit serves a file in ``pages/`` without app.py (its old page
    discovery) only until the first ``st.navigation`` call of the process.
    AppTest resets that flag before every run, so without this fixture every
    run after the first would execute the current page file alone, skipping
    app.py's login, sidebar and menu. Tests of that first-request path leave
    this fixture out.
    """
    original = PagesManager.__init__

    def init_after_navigation(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_after_navigation)


@pytest.fixture
def demo_database(demo_engine: Engine, storage_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The demo year in a fresh database of the test's backend, configured for the app,
    with its stored material."""
    monkeypatch.setenv("PRIZE_DATABASE_URL", demo_engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("PRIZE_STORAGE_DIR", str(storage_dir))
    return demo_engine


@pytest.fixture
def demo_site(demo_database: Engine, started_server: None) -> Engine:
    """The demo installation as a running server serves it."""
    return demo_database


# --- Driving the app ------------------------------------------------------------------------

def log_in_session(app: AppTest, username: str, *, session_version: int = 0) -> None:
    """What a login leaves in the session (AppTest cannot run the cookie component):
    the library's login state and the session version the login was issued for."""
    app.session_state["authentication_status"] = True
    app.session_state["username"] = username
    app.session_state[SESSION_VERSION_KEY] = session_version


@pytest.fixture
def open_app() -> Callable[..., AppTest]:
    """Run app.py once, as a visitor who is logged out or already logged in as ``username``,
    with ``query`` as the address's query parameters."""

    def open_as(username: str | None = None, *, session_version: int = 0,
                query: dict[str, str] | None = None) -> AppTest:
        app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
        if username is not None:
            log_in_session(app, username, session_version=session_version)
        for name, value in (query or {}).items():
            app.query_params[name] = value
        return app.run()

    return open_as


@pytest.fixture
def open_page_file() -> Callable[..., AppTest]:
    """Run one file in pages/ on its own, as Streamlit's old page discovery serves it,
    with ``actor`` in the session as app.py would have left it."""

    def open_file(page: str, *, actor: Actor | None = None) -> AppTest:
        app = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=RUN_TIMEOUT)
        if actor is not None:
            log_in_session(app, actor.username)
            app.session_state["actor"] = actor
        return app.run()

    return open_file


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def as_read(value: object) -> object:
    """Markdown source as its reader sees it: backslash escapes undone and the
    invisible word joiners (which stop autolinks) gone. Other values pass."""
    if not isinstance(value, str):
        return value
    return _ESCAPED.sub(r"\1", value).replace("\u2060", "")


def as_read_table(element) -> pd.DataFrame:
    """An HTML table (``st.table``) as its reader sees it: every heading, index label
    and text cell through ``as_read`` (the app hands ``st.table`` escaped Markdown)."""
    frame = element.value.copy()
    frame.columns = [as_read(column) for column in frame.columns]
    frame.index = frame.index.map(as_read).rename(as_read(frame.index.name))
    return frame.apply(lambda column: column.map(as_read) if column.dtype == object else column)


class Screen:
    """Reading and filling in what a run of the app shows."""

    @staticmethod
    def nodes(app: AppTest) -> list:
        return [*app.main, *app.sidebar]

    @classmethod
    def text(cls, app: AppTest) -> str:
        """Every text on screen, tables included, as one string: each element's
        message (labels, options, Markdown source) and its Markdown as read. An
        HTML table's cells are escaped Markdown inside Arrow bytes: read as such."""
        parts = []
        for node in cls.nodes(app):
            if getattr(node, "proto", None) is not None:
                parts.append(text_format.MessageToString(node.proto, as_utf8=True))
            if isinstance(node, Dataframe):
                parts.append(node.value.to_csv())
            elif isinstance(node, Table):
                parts.append(as_read_table(node).to_csv())
            elif isinstance(getattr(node, "value", None), str):
                parts.append(as_read(node.value))
        return "\n".join(parts)

    @classmethod
    def shown(cls, app: AppTest, words: list[str]) -> list[str]:
        """Those of ``words`` that appear anywhere on screen."""
        shown = cls.text(app)
        return [word for word in words if word in shown]

    @staticmethod
    def values(elements) -> list:
        """The elements' values, Markdown read as a visitor sees it (escapes undone)."""
        return [as_read(element.value) for element in elements]

    @staticmethod
    def raw_values(elements) -> list:
        """The elements' values exactly as the app sent them (Markdown source)."""
        return [element.value for element in elements]

    @staticmethod
    def field(app: AppTest | Block, label: str) -> Widget:
        """The text input with ``label`` (the app's form inputs have no keys)."""
        return next(widget for widget in app.text_input if widget.label == label)

    @staticmethod
    def button(app: AppTest | Block, label: str) -> Widget:
        """The button (a form's submit button included) with ``label``."""
        return next(widget for widget in app.button if widget.label == label)

    @classmethod
    def submit_login(cls, app: AppTest, *, username: str, password: str) -> AppTest:
        cls.field(app, "Brugernavn").input(username)
        cls.field(app, "Adgangskode").input(password)
        cls.button(app, "Log ind").click()
        return app.run()

    @staticmethod
    def request_url_path(app: AppTest, url_path: str) -> AppTest:
        """Ask for a page by its address, as a browser does for ``/<url_path>``,
        whether or not the visitor's menu has that page. ``switch_page`` refuses
        a page that is not registered before the app can answer, so this sets
        the page hash a browser would send (``st.Page`` hashes its ``url_path``)
        on AppTest's private field."""
        app._page_hash = calc_hash(url_path)
        return app.run()


@pytest.fixture
def screen() -> type[Screen]:
    return Screen


# --- Reading the database -------------------------------------------------------------------

@pytest.fixture
def read_user(demo_database: Engine) -> Callable[[str], User]:
    """A fresh copy of a user row, read after the app has written."""

    def read(username: str) -> User:
        with Session(demo_database, expire_on_commit=False) as session:
            return session.scalars(select(User).where(User.username == username)).one()

    return read


@pytest.fixture
def change_database(demo_database: Engine) -> Callable[[], AbstractContextManager[Session]]:
    """A committed transaction on the demo database, for arranging a test."""
    return lambda: session_scope(demo_database)


@pytest.fixture
def demo_in_shortlist(demo_site: Engine) -> Engine:
    """The demo site with its year moved on to the shortlist by the secretariat, through
    the services: the screening round is closed, its unsubmitted sheets confirmed as missing."""
    with session_scope(demo_site) as session:
        secretariat = Actor.of(session.scalars(select(User).where(User.username == "sekretariat")).one())
        year = require_current_year(session)
        missing, _ = missing_sheets(session, year_id=year.id, phase=year.phase)
        move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING, target=Phase.SHORTLIST,
                   confirm_missing=missing)
    return demo_site
