"""The menu of a role's pages, and the return to a deep link after login
(streamlit-authenticator issue #179: a reload lands on the default page)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

import streamlit as st

from prize.actor import Actor
from ui.context import tr
from ui.registry import pages_for

REQUESTED_KEY = "requested_path"


def start_session() -> None:
    """On a session's first run: keep the requested path (e.g. ``scoring``) and rerun.

    After a server start, Streamlit runs the first session's first run through
    its old discovery of pages/ (until some run calls st.navigation); widgets
    drawn in that run get other ids than in every later run, so a login form
    drawn there would lose its first submit. One bare rerun avoids that.
    """
    if REQUESTED_KEY in st.session_state:
        return
    st.session_state[REQUESTED_KEY] = urlparse(st.context.url or "").path.strip("/")
    st.navigation([st.Page(_starting, title=tr("login.title"), url_path="start")], position="hidden")
    st.rerun()


def _starting() -> None:
    """Never drawn: the session reruns before its first page."""


def run_pages(actor: Actor) -> None:
    # config.toml hides the menu, so that Streamlit's old discovery of pages/
    # never lists the page files to a visitor who has not passed app.py; the
    # menu of a logged-in user's own pages is shown from here. The option is
    # process-wide, which is safe: once any run has called st.navigation (as
    # start_session does first), Streamlit never falls back to that discovery.
    st.set_option("client.showSidebarNavigation", True)
    specs = pages_for(actor.role, must_change_password=actor.must_change_password)
    pages = [st.Page(spec.path, title=tr(spec.title_key), icon=spec.icon, url_path=spec.key)
             for spec in specs]
    current = st.navigation(pages)
    requested = st.session_state.get(REQUESTED_KEY)
    if requested:
        st.session_state[REQUESTED_KEY] = ""
        target = next((page for page in pages if page.url_path == requested), None)
        if target is not None and target.url_path != current.url_path:
            st.switch_page(target)
    current.run()


def run_logged_out(login_page: Callable[[], None]) -> None:
    """Register only the login page: no page file is reachable without login.
    The form lives inside a registered page; drawn outside one, its first
    submit after a server start is lost to Streamlit's old page discovery."""
    st.navigation([st.Page(login_page, title=tr("login.title"), url_path="login")],
                  position="hidden").run()
