"""The menu of a role's pages, and the return to a deep link after login
(streamlit-authenticator issue #179: a reload lands on the default page)."""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st

from prize.actor import Actor
from ui.context import tr
from ui.registry import pages_for

REQUESTED_KEY = "requested_path"


def remember_requested_path() -> None:
    """Keep the path of the first request of this session, e.g. ``scoring``."""
    if REQUESTED_KEY not in st.session_state:
        st.session_state[REQUESTED_KEY] = urlparse(st.context.url or "").path.strip("/")


def run_pages(actor: Actor) -> None:
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


def run_logged_out() -> None:
    """Register only a blank page: no page file is reachable without login."""
    st.navigation([st.Page(_login_page, title=tr("login.title"), url_path="login")],
                  position="hidden").run()


def _login_page() -> None:
    """The login form is drawn by app.py before the navigation runs."""
