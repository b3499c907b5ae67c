"""The first line of every page: stop unless a logged-in user with the right role is here.

Streamlit may serve a file in ``pages/`` to the first visitor after a server
start without running app.py (its old page discovery), so a page cannot rely
on app.py's menu alone.
"""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from ui.components import flash
from ui.context import current_actor, tr
from ui.navigation import BROWSER_PATH_KEY, holding_pages
from ui.registry import PUBLIC_PAGES_BY_KEY, pages_for

_HANDED_OVER_KEY = "guard_handed_over"


def require_page(key: str) -> Actor:
    """The actor allowed on page ``key``; otherwise a notice and ``st.stop()``."""
    actor = current_actor()
    if actor is None:
        _hand_over_to_app(key)
        st.warning(tr("guard.login_required"), icon=":material/lock:")
        st.markdown(tr("guard.to_login"))
        st.stop()
    if key not in {page.key for page in pages_for(actor)}:
        st.error(tr("guard.wrong_role"), icon=":material/block:")
        st.stop()
    st.session_state[flash.PAGE_KEY] = key
    return actor


def require_public_page(key: str) -> Actor | None:
    """The first line of a page open to everyone (ui/registry.py ``PUBLIC_PAGES``): it
    stops unless ``key`` is registered as public, so a page with stored data cannot be
    opened without login by leaving out its guard. The visitor's actor, or None."""
    if key not in PUBLIC_PAGES_BY_KEY:
        st.error(tr("guard.wrong_role"), icon=":material/block:")
        st.stop()
    st.session_state[flash.PAGE_KEY] = key
    return current_actor()


def _hand_over_to_app(key: str) -> None:
    """Served without app.py: turn Streamlit's old page discovery off and rerun once,
    so the session goes through app.py (login, cookie) at this page's address."""
    if st.session_state.get(_HANDED_OVER_KEY):
        return
    st.session_state[_HANDED_OVER_KEY] = True
    st.session_state[BROWSER_PATH_KEY] = key
    st.navigation(holding_pages(_nothing), position="hidden")
    st.rerun()


def _nothing() -> None:
    """Never drawn: the session reruns through app.py."""
